"use client";

import type { AlertItem } from "@/lib/fleet/alert-work";
import type { LatLng } from "@/lib/fleet/types";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import { NearestButton } from "@/components/fleet/nearest-button";
import { alertLabel, personName, workLine } from "./alert-text";
import { SeverityBadge } from "./severity-badge";

const SHOWN = 150;

/**
 * Alerts, newest first, each with where it stands ("Claimed by ann"); a click opens its detail.
 * Someone who may act gets a checkbox per alert, for acknowledging several at once; "Nearest"
 * beside an alert with a position asks which vehicles are closest to where it happened.
 */
export function AlertList(props: {
  items: readonly AlertItem[];
  me: string;
  now: number;
  readAt: number;
  vehicleName: (id: string | undefined) => string | undefined;
  /** Present for people who may act: the selected ids, and how to change them. */
  selection?: { ids: ReadonlySet<string>; toggle: (id: string) => void };
  onOpen: (id: string) => void;
  onNearest: (position: LatLng) => void;
}) {
  const { items, selection } = props;
  const t = useT("alerts");
  const format = useFormat();
  return (
    <>
      <ul aria-label={t("listLabel")} className="min-h-0 flex-1 overflow-y-auto">
        {items.slice(0, SHOWN).map((item) => {
          const { alert, work } = item;
          const label = alertLabel(alert, t);
          const vehicle = props.vehicleName(alert.deviceId);
          const unread = alert.time > props.readAt;
          const holder = work.claimedBy ?? work.resolvedBy ?? work.acknowledgedBy;
          return (
            <li
              key={alert.id}
              data-work-state={work.state}
              className="flex items-stretch border-b border-slate-100 dark:border-slate-800/70"
            >
              {selection ? (
                <label className="flex shrink-0 items-center ps-3">
                  <input
                    type="checkbox"
                    checked={selection.ids.has(alert.id)}
                    onChange={() => selection.toggle(alert.id)}
                    aria-label={
                      vehicle ? t("selectWithVehicle", { label, vehicle }) : t("select", { label })
                    }
                    className="size-4 accent-blue-700"
                  />
                </label>
              ) : null}
              <button
                type="button"
                data-alert-id={alert.id}
                onClick={() => props.onOpen(alert.id)}
                className="flex min-w-0 flex-1 flex-col gap-0.5 px-3 py-2 text-start text-sm hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset dark:hover:bg-slate-800/60"
              >
                <span className="flex items-center gap-2">
                  <SeverityBadge item={item} />
                  <span className={`truncate ${unread ? "font-bold" : "font-medium"}`}>
                    {label}
                    {unread ? <span className="sr-only"> {t("unread")}</span> : null}
                  </span>
                  <time
                    dateTime={new Date(alert.time).toISOString()}
                    className="ms-auto shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-300"
                  >
                    {format.relative(alert.time, props.now)}
                  </time>
                </span>
                <span className="truncate text-xs text-slate-700 dark:text-slate-300">
                  {[vehicle ?? alert.deviceId, alert.fenceName].filter(Boolean).join(" · ")}
                  {alert.message && !alert.fenceName ? ` · ${alert.message}` : ""}
                </span>
                <span
                  data-testid="alert-work"
                  title={holder}
                  className={`truncate text-xs ${
                    work.state === "new"
                      ? "font-semibold text-red-800 dark:text-red-300"
                      : "text-slate-600 dark:text-slate-400"
                  }`}
                >
                  {workLine(work, t, props.me)}
                  {work.note
                    ? ` · ${t("listNote", { note: work.note, who: personName(work.noteBy, t) })}`
                    : ""}
                </span>
              </button>
              {alert.position ? (
                <NearestButton
                  label={t("nearest", { label })}
                  onClick={() => props.onNearest(alert.position!)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      {items.length > SHOWN ? (
        <p className="border-t border-slate-200 px-3 py-1.5 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-300">
          {t("listCapped", { shown: SHOWN, total: items.length })}
        </p>
      ) : null}
    </>
  );
}
