"use client";

import type { ReactNode } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import type { Layout } from "./use-layout";

/**
 * Where the dashboard's parts go in each layout. Desktop: vehicle list, map, panels in three
 * columns. Tablet: the map and one side panel (the list is its first tab). Phone: the map full
 * width and the panels in a bottom sheet. The map never mirrors in a right-to-left language;
 * the columns around it do.
 */
export function DashboardFrame(props: {
  layout: Layout;
  header: ReactNode;
  /** The desktop's vehicle column (elsewhere the list is a tab of the panel). */
  list: ReactNode;
  map: ReactNode;
  panel: ReactNode;
  children?: ReactNode;
}) {
  const t = useT("shell");
  const map = (
    <div dir="ltr" className="relative grid min-h-0 min-w-0 flex-1">
      {props.map}
    </div>
  );
  return (
    <div data-layout={props.layout} className="flex h-dvh flex-col overflow-hidden">
      {props.header}
      {props.children}
      {props.layout === "desktop" ? (
        <div className="grid min-h-0 flex-1 grid-cols-[300px_minmax(0,1fr)_340px]">
          <aside
            aria-label={t("vehiclesRegion")}
            className="flex min-h-0 flex-col border-e border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
          >
            {props.list}
          </aside>
          {map}
          {props.panel}
        </div>
      ) : (
        <div
          className={`flex min-h-0 flex-1 ${props.layout === "phone" ? "flex-col" : "flex-row"}`}
        >
          {map}
          {props.panel}
        </div>
      )}
    </div>
  );
}
