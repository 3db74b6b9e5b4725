import { VEHICLE_STATUSES } from "@/lib/fleet/status";
import type { StatusCounts } from "@/components/fleet/vehicle-filter";
import { STATUS_LABEL, StatusDot } from "@/components/fleet/status-badge";

/** The whole fleet by status, at a glance. */
export function FleetSummary({ counts, total }: { counts: StatusCounts; total: number }) {
  return (
    <section aria-label="Fleet summary" className="flex items-center gap-3 text-sm">
      <span className="font-semibold tabular-nums">{total.toLocaleString()} vehicles</span>
      <ul className="flex items-center gap-3">
        {VEHICLE_STATUSES.map((status) => (
          <li
            key={status}
            title={STATUS_LABEL[status]}
            className="flex items-center gap-1 tabular-nums"
          >
            <StatusDot status={status} />
            <span>
              {counts[status].toLocaleString()}
              <span className="sr-only"> {STATUS_LABEL[status]}</span>
              <span
                aria-hidden="true"
                className="ml-1 text-slate-600 max-2xl:hidden dark:text-slate-300"
              >
                {STATUS_LABEL[status].toLowerCase()}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
