"use client";

import type { LiveVehicle } from "@/lib/fleet/live";
import type { Alert, AlertSeverity, LatLng } from "@/lib/fleet/types";
import { useServerNow } from "@/components/dashboard/use-now";
import { formatRelative } from "@/components/fleet/format";
import { NearestButton } from "@/components/fleet/nearest-button";
import { alertLabel } from "./alert-text";

const SHOWN = 150;

const SEVERITY: Record<AlertSeverity, { label: string; className: string }> = {
  critical: {
    label: "Critical",
    className: "bg-red-700 text-white dark:bg-red-500 dark:text-slate-950",
  },
  warning: { label: "Warning", className: "bg-amber-300 text-amber-950 dark:bg-amber-400" },
  info: {
    label: "Info",
    className: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
  },
};

/**
 * Alerts, newest first; a click focuses the vehicle (or the fence, for an alert without one);
 * "Nearest" beside an alert with a position asks which vehicles are closest to where it happened.
 */
export function AlertsPanel(props: {
  alerts: readonly Alert[];
  vehiclesById: ReadonlyMap<string, LiveVehicle>;
  readAt: number;
  onFocus: (alert: Alert) => void;
  onNearest: (position: LatLng) => void;
}) {
  const now = useServerNow(5000);
  if (props.alerts.length === 0) {
    return (
      <p className="p-3 text-sm text-slate-600 dark:text-slate-300">
        No alert in the last 24 hours.
      </p>
    );
  }
  return (
    <>
      <ul aria-label="Alerts, newest first" className="min-h-0 flex-1 overflow-y-auto">
        {props.alerts.slice(0, SHOWN).map((alert) => {
          const severity = SEVERITY[alert.severity];
          const vehicle = alert.deviceId ? props.vehiclesById.get(alert.deviceId) : undefined;
          const unread = alert.time > props.readAt;
          return (
            <li
              key={alert.id}
              className="flex items-stretch border-b border-slate-100 dark:border-slate-800/70"
            >
              <button
                type="button"
                data-alert-id={alert.id}
                onClick={() => props.onFocus(alert)}
                className="flex min-w-0 flex-1 flex-col gap-0.5 px-3 py-2 text-left text-sm hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset dark:hover:bg-slate-800/60"
              >
                <span className="flex items-center gap-2">
                  <span
                    className={`rounded px-1.5 py-0.5 text-[11px] font-bold uppercase ${severity.className}`}
                  >
                    {severity.label}
                  </span>
                  <span className={`truncate ${unread ? "font-bold" : "font-medium"}`}>
                    {alertLabel(alert)}
                    {unread ? <span className="sr-only"> (unread)</span> : null}
                  </span>
                  <time
                    dateTime={new Date(alert.time).toISOString()}
                    className="ml-auto shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-300"
                  >
                    {formatRelative(alert.time, now)}
                  </time>
                </span>
                <span className="truncate text-xs text-slate-700 dark:text-slate-300">
                  {[vehicle?.name ?? alert.deviceId, alert.fenceName].filter(Boolean).join(" · ")}
                  {alert.message && !alert.fenceName ? ` · ${alert.message}` : ""}
                </span>
              </button>
              {alert.position ? (
                <NearestButton
                  label={`Vehicles nearest to where “${alertLabel(alert)}” happened`}
                  onClick={() => props.onNearest(alert.position!)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      {props.alerts.length > SHOWN ? (
        <p className="border-t border-slate-200 px-3 py-1.5 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-300">
          The newest {SHOWN} of {props.alerts.length.toLocaleString()} alerts
        </p>
      ) : null}
    </>
  );
}
