"use client";

import type { ReactNode } from "react";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { SidePanel as Panel } from "@/lib/queries/url-state";

/** What the panel shows: on a phone or a tablet the vehicle list is one more tab. */
export type PanelTab = "vehicles" | Panel;

/**
 * The panels' frame in each layout: the desktop's right-hand column (selected vehicle on top,
 * then alerts, trips or fences), the tablet's one side panel and the phone's bottom sheet (both
 * with a Vehicles tab, and folding away to leave the map).
 */
export function SidePanel(props: {
  variant: "column" | "side" | "sheet";
  /** The chosen vehicle: above the tabs in the column, instead of the tab's content elsewhere. */
  detail: ReactNode;
  tab: PanelTab;
  onTab: (tab: PanelTab) => void;
  unread: number;
  trips: number;
  fences: number;
  /** The vehicle list as a tab (phone and tablet). */
  vehicles?: { count: number; content: ReactNode };
  /** The sheet's or the tablet panel's fold (ignored in the column). */
  open: boolean;
  onOpen: (open: boolean) => void;
  /** Above the alerts list: this browser's alert settings. */
  alertsToolbar: ReactNode;
  children: ReactNode;
}) {
  const t = useT("shell");
  const { number } = useFormat();
  const { variant, tab, open } = props;
  const tabs: { id: PanelTab; label: string; count?: string }[] = [
    ...(props.vehicles
      ? [{ id: "vehicles" as const, label: t("vehicles"), count: number(props.vehicles.count) }]
      : []),
    {
      id: "alerts",
      label: t("alerts"),
      count: props.unread > 0 ? t("unread", { n: props.unread }) : undefined,
    },
    { id: "trips", label: t("trips"), count: number(props.trips) },
    { id: "fences", label: t("fences"), count: number(props.fences) },
  ];
  const showsContent = variant === "column" || open;
  const tabRow = (
    <div
      role="group"
      aria-label={t("tabsLabel")}
      className="flex min-w-0 flex-1 border-b border-slate-200 dark:border-slate-800"
    >
      {tabs.map((item) => (
        <button
          key={item.id}
          type="button"
          aria-pressed={showsContent && !(variant !== "column" && props.detail) && tab === item.id}
          onClick={() => {
            // In the sheet, the open tab folds the sheet away; any other opens it there.
            if (variant === "sheet" && open && tab === item.id && !props.detail)
              props.onOpen(false);
            else {
              props.onTab(item.id);
              props.onOpen(true);
            }
          }}
          className={`flex min-w-0 flex-1 items-center justify-center border-b-2 border-transparent px-1.5 py-2 text-sm ${variant === "sheet" ? "flex-col gap-0.5" : ""} font-medium text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset aria-pressed:border-blue-700 aria-pressed:text-blue-800 dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-pressed:border-blue-400 dark:aria-pressed:text-blue-300`}
        >
          <span className="max-w-full truncate">{item.label}</span>
          {item.count ? (
            <span
              data-testid={`${item.id}-count`}
              className={`shrink-0 rounded-full ${variant === "sheet" ? "" : "ms-1.5"} px-1.5 text-xs tabular-nums ${
                item.id === "alerts"
                  ? "bg-red-700 text-white dark:bg-red-500 dark:text-slate-950"
                  : "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"
              }`}
            >
              {item.count}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  );
  const content =
    tab === "vehicles" && props.vehicles ? (
      props.vehicles.content
    ) : (
      <>
        {tab === "alerts" ? props.alertsToolbar : null}
        {props.children}
      </>
    );

  if (variant === "column") {
    return (
      <aside
        aria-label={t("panelsRegion")}
        data-testid="panel"
        data-variant={variant}
        data-open="true"
        className="flex min-h-0 flex-col border-s border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      >
        {props.detail}
        {tabRow}
        {content}
      </aside>
    );
  }

  if (variant === "side" && !open) {
    // Folded: a strip at the map's edge that brings the panel back (its alerts keep sounding).
    return (
      <aside
        aria-label={t("panelsRegion")}
        data-testid="panel"
        data-variant={variant}
        data-open={open}
        className="flex shrink-0 border-s border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      >
        <button
          type="button"
          aria-expanded={false}
          aria-label={t("showPanel")}
          onClick={() => props.onOpen(true)}
          className="w-9 text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset dark:text-slate-200 dark:hover:bg-slate-800"
        >
          <span aria-hidden="true" className="inline-block rtl:-scale-x-100">
            «
          </span>
        </button>
      </aside>
    );
  }

  const fold = (
    <button
      type="button"
      aria-expanded={open}
      aria-label={
        variant === "side" ? t("hidePanel") : open ? t("collapseSheet") : t("expandSheet")
      }
      onClick={() => props.onOpen(!open)}
      className="flex shrink-0 items-center justify-center border-b border-slate-200 px-3 text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset dark:border-slate-800 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <span aria-hidden="true" className={variant === "side" ? "rtl:-scale-x-100" : ""}>
        {variant === "side" ? "»" : open ? "▾" : "▴"}
      </span>
    </button>
  );
  return (
    <aside
      aria-label={t("panelsRegion")}
      data-testid="panel"
      data-variant={variant}
      data-open={open}
      className={
        variant === "side"
          ? "flex min-h-0 w-[360px] max-w-[50vw] shrink-0 flex-col border-s border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
          : `flex shrink-0 flex-col border-t border-slate-200 bg-white shadow-[0_-4px_12px_rgb(0_0_0/0.08)] dark:border-slate-800 dark:bg-slate-900 ${
              open ? "h-[60dvh]" : ""
            }`
      }
    >
      <div className="flex">
        {tabRow}
        {fold}
      </div>
      {open ? (
        // A chosen vehicle's detail takes the panel's room; a tab brings the tab back.
        <div className="flex min-h-0 flex-1 flex-col">
          {props.detail ? <div className="min-h-0 overflow-y-auto">{props.detail}</div> : content}
        </div>
      ) : null}
    </aside>
  );
}
