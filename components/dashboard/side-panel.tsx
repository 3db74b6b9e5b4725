"use client";

import type { ReactNode } from "react";
import type { SidePanel as Panel } from "@/lib/queries/url-state";

/** The right-hand column: the selected vehicle on top, then alerts, trips or fences. */
export function SidePanel(props: {
  detail: ReactNode;
  panel: Panel;
  onPanel: (panel: Panel) => void;
  unread: number;
  trips: number;
  fences: number;
  /** Above the alerts list: this browser's alert settings. */
  alertsToolbar: ReactNode;
  children: ReactNode;
}) {
  const tabs: { id: Panel; label: string; count?: string }[] = [
    { id: "alerts", label: "Alerts", count: props.unread > 0 ? `${props.unread} new` : undefined },
    { id: "trips", label: "Trips", count: String(props.trips) },
    { id: "fences", label: "Fences", count: String(props.fences) },
  ];
  return (
    <aside
      aria-label="Details, alerts and trips"
      className="flex min-h-0 flex-col border-l border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      {props.detail}
      <div
        role="group"
        aria-label="Show"
        className="flex border-b border-slate-200 dark:border-slate-800"
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            aria-pressed={props.panel === tab.id}
            onClick={() => props.onPanel(tab.id)}
            className="flex-1 border-b-2 border-transparent px-2 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset aria-pressed:border-blue-700 aria-pressed:text-blue-800 dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-pressed:border-blue-400 dark:aria-pressed:text-blue-300"
          >
            {tab.label}
            {tab.count ? (
              <span
                data-testid={`${tab.id}-count`}
                className={`ml-1.5 rounded-full px-1.5 text-xs tabular-nums ${
                  tab.id === "alerts"
                    ? "bg-red-700 text-white dark:bg-red-500 dark:text-slate-950"
                    : "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"
                }`}
              >
                {tab.count}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      {props.panel === "alerts" ? props.alertsToolbar : null}
      {props.children}
    </aside>
  );
}
