"use client";

import { VEHICLE_STATUSES } from "@/lib/fleet/status";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { StatusCounts } from "@/components/fleet/vehicle-filter";
import { StatusDot, useStatusLabel } from "@/components/fleet/status-badge";

const WORD = {
  moving: "summaryMoving",
  idle: "summaryIdle",
  stopped: "summaryStopped",
  offline: "summaryOffline",
} as const;

/** The whole fleet by status, at a glance. */
export function FleetSummary({ counts, total }: { counts: StatusCounts; total: number }) {
  const t = useT("dashboard");
  const format = useFormat();
  const label = useStatusLabel();
  return (
    <section aria-label={t("summary")} className="flex items-center gap-3 text-sm">
      <span className="font-semibold tabular-nums">{t("summaryTotal", { n: total })}</span>
      <ul className="flex items-center gap-3">
        {VEHICLE_STATUSES.map((status) => (
          <li key={status} title={label(status)} className="flex items-center gap-1 tabular-nums">
            <StatusDot status={status} />
            <span>
              {format.number(counts[status])}
              <span className="sr-only"> {label(status)}</span>
              <span
                aria-hidden="true"
                className="ms-1 text-slate-600 max-2xl:hidden dark:text-slate-300"
              >
                {t(WORD[status], { n: counts[status] })}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
