"use client";

import { VEHICLE_STATUSES, type VehicleStatus } from "@/lib/fleet/status";
import { STATUS_LABEL, StatusDot } from "./status-badge";
import type { StatusCounts } from "./vehicle-filter";

/** Search by name, plate or driver, and status chips with counts (none pressed = all). */
export function VehicleFilters(props: {
  query: string;
  statuses: readonly VehicleStatus[];
  counts: StatusCounts;
  onQuery: (query: string) => void;
  onStatuses: (statuses: VehicleStatus[]) => void;
}) {
  const toggle = (status: VehicleStatus) => {
    const next = props.statuses.includes(status)
      ? props.statuses.filter((s) => s !== status)
      : [...props.statuses, status];
    props.onStatuses(VEHICLE_STATUSES.filter((s) => next.includes(s)));
  };
  return (
    <div className="flex flex-col gap-2 border-b border-slate-200 p-3 dark:border-slate-800">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Search vehicles
        <input
          type="search"
          value={props.query}
          onChange={(event) => props.onQuery(event.target.value)}
          placeholder="Name, plate or driver"
          className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-normal placeholder:text-slate-500 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none dark:border-slate-700 dark:bg-slate-900 dark:placeholder:text-slate-400"
        />
      </label>
      <div role="group" aria-label="Filter by status" className="flex flex-wrap gap-1.5">
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
              {STATUS_LABEL[status]} {props.counts[status].toLocaleString()}
            </button>
          );
        })}
      </div>
    </div>
  );
}
