"use client";

import type { AlertItem } from "@/lib/fleet/alert-work";
import type { AlertSeverity } from "@/lib/fleet/types";
import { useT } from "@/lib/i18n/i18n-provider";
import { severityLabel } from "./alert-text";

const LOOK: Record<AlertSeverity, string> = {
  critical: "bg-red-700 text-white dark:bg-red-500 dark:text-slate-950",
  warning: "bg-amber-300 text-amber-950 dark:bg-amber-400",
  info: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
};

/** The severity an alert is shown at, and "Escalated" when nobody acknowledged it in time. */
export function SeverityBadge({ item }: { item: Pick<AlertItem, "severity" | "escalated"> }) {
  const t = useT("alerts");
  return (
    <span className="inline-flex shrink-0 items-center gap-1">
      <span
        className={`rounded px-1.5 py-0.5 text-[11px] font-bold uppercase ${LOOK[item.severity]}`}
      >
        {severityLabel(item.severity, t)}
      </span>
      {item.escalated ? (
        <span
          data-testid="alert-escalated"
          className="rounded border border-red-700 px-1 py-0.5 text-[11px] font-bold text-red-800 uppercase dark:border-red-400 dark:text-red-300"
        >
          {t("escalated")}
        </span>
      ) : null}
    </span>
  );
}
