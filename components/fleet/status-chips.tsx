"use client";

import { VEHICLE_STATUSES, type VehicleStatus } from "@/lib/fleet/status";
import { useFormat } from "@/lib/i18n/i18n-provider";
import { StatusDot, useStatusLabel } from "./status-badge";
import type { StatusCounts } from "./vehicle-filter";

/** A status chip per status, pressed ones filtering (none pressed = all), with counts if given. */
export function StatusChips(props: {
  label: string;
  statuses: readonly VehicleStatus[];
  counts?: StatusCounts;
  onStatuses: (statuses: VehicleStatus[]) => void;
}) {
  const label = useStatusLabel();
  const format = useFormat();
  const toggle = (status: VehicleStatus) => {
    const next = props.statuses.includes(status)
      ? props.statuses.filter((s) => s !== status)
      : [...props.statuses, status];
    props.onStatuses(VEHICLE_STATUSES.filter((s) => next.includes(s)));
  };
  return (
    <div role="group" aria-label={props.label} className="flex flex-wrap gap-1.5">
      {VEHICLE_STATUSES.map((status) => {
        const pressed = props.statuses.includes(status);
        return (
          <button
            key={status}
            type="button"
            aria-pressed={pressed}
            onClick={() => toggle(status)}
            className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-1 text-xs font-medium tabular-nums focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none ${
              pressed
                ? "border-blue-700 bg-blue-700 text-white dark:border-blue-400 dark:bg-blue-400 dark:text-slate-950"
                : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
            }`}
          >
            <StatusDot status={status} />
            {label(status)}
            {props.counts ? ` ${format.number(props.counts[status])}` : null}
          </button>
        );
      })}
    </div>
  );
}
