"use client";

import type { VehicleStatus } from "@/lib/fleet/status";
import { useT } from "@/lib/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { StatusChips } from "./status-chips";
import type { StatusCounts } from "./vehicle-filter";

/** Search by name, plate or driver, and status chips with counts (none pressed = all). */
export function VehicleFilters(props: {
  query: string;
  statuses: readonly VehicleStatus[];
  counts: StatusCounts;
  onQuery: (query: string) => void;
  onStatuses: (statuses: VehicleStatus[]) => void;
}) {
  const t = useT("fleet");
  return (
    <div className="flex flex-col gap-2 border-b border-slate-200 p-3 dark:border-slate-800">
      <Field label={t("searchLabel")} className="text-sm">
        {(control) => (
          <input
            {...control}
            type="search"
            value={props.query}
            onChange={(event) => props.onQuery(event.target.value)}
            placeholder={t("searchPlaceholder")}
            className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-normal placeholder:text-slate-500 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none dark:border-slate-700 dark:bg-slate-900 dark:placeholder:text-slate-400"
          />
        )}
      </Field>
      <StatusChips
        label={t("filterByStatus")}
        statuses={props.statuses}
        counts={props.counts}
        onStatuses={props.onStatuses}
      />
    </div>
  );
}
