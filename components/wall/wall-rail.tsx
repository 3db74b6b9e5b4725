"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import type { LiveVehicle } from "@/lib/fleet/live";
import { VEHICLE_STATUSES } from "@/lib/fleet/status";
import type { AlertItem } from "@/lib/fleet/alert-work";
import type { AlertSeverity, Trip } from "@/lib/fleet/types";
import type { SpeedUnits } from "@/lib/queries/url-state";
import { alertLabel, workLine } from "@/components/alerts/alert-text";
import type { StatusCounts } from "@/components/fleet/vehicle-filter";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";

/**
 * How many rows of a list fit its box: the rail never scrolls and never overlaps, whatever the
 * screen's height. Rows are one height (their text is cut to one line each); the first row is
 * measured, and the box is measured again when it changes size.
 */
function useRowsThatFit(rows: number) {
  const box = useRef<HTMLUListElement>(null);
  // Until measured, every row (the box clips what does not fit).
  const [fit, setFit] = useState<number>();
  useEffect(
    function measureRows() {
      const list = box.current;
      if (!list) return;
      const measure = () => {
        const first = list.firstElementChild as HTMLElement | null;
        if (!first) return;
        const gap = parseFloat(getComputedStyle(list).rowGap) || 0;
        const row = first.getBoundingClientRect().height + gap;
        setFit(Math.max(1, Math.floor((list.clientHeight + gap) / row)));
      };
      const observer = new ResizeObserver(measure);
      observer.observe(list);
      return () => observer.disconnect();
    },
    [rows],
  );
  return { box, fit: fit ?? rows };
}

/**
 * A rail section's list: the rows that fit (see useRowsThatFit), then how many more there are,
 * or `empty` when there is none.
 */
function FittedList<T>(props: {
  items: readonly T[];
  empty: string;
  gap: "gap-1" | "gap-1.5";
  row: (item: T) => ReactNode;
}) {
  const { box, fit } = useRowsThatFit(props.items.length);
  const t = useT("wall");
  const shown = props.items.slice(0, fit);
  if (props.items.length === 0) {
    return <p className="text-lg text-slate-700 dark:text-slate-300">{props.empty}</p>;
  }
  return (
    <>
      <ul ref={box} className={`flex min-h-0 flex-1 flex-col overflow-hidden ${props.gap}`}>
        {shown.map(props.row)}
      </ul>
      {props.items.length > shown.length ? (
        <p className="shrink-0 text-base text-slate-700 dark:text-slate-300">
          {t("moreRows", { n: props.items.length - shown.length })}
        </p>
      ) : null}
    </>
  );
}

const SEVERITY = {
  critical: { label: "severityCritical", className: "bg-red-600 text-white" },
  warning: { label: "severityWarning", className: "bg-amber-400 text-black" },
  info: { label: "severityInfo", className: "bg-slate-600 text-white" },
} as const satisfies Record<AlertSeverity, { label: string; className: string }>;

const TILE: Record<(typeof VEHICLE_STATUSES)[number], string> = {
  moving: "border-status-moving",
  idle: "border-status-idle",
  stopped: "border-status-stopped",
  offline: "border-status-offline",
};

const SYMBOL: Record<(typeof VEHICLE_STATUSES)[number], string> = {
  moving: "bg-status-moving rounded-full",
  idle: "bg-status-idle rounded-full ring-[0.2em] ring-inset ring-white dark:ring-black",
  stopped: "bg-status-stopped rounded-[0.15em]",
  offline: "bg-status-offline rounded-full scale-75",
};

function Section(props: {
  title: string;
  count?: number;
  /** The share of the rail's free height this section takes (a flex class). */
  grow?: "flex-[3]" | "flex-[2]";
  children: ReactNode;
}) {
  const format = useFormat();
  return (
    <section
      aria-label={props.title}
      className={`flex min-h-0 flex-col gap-2 ${props.grow ?? "shrink-0"}`}
    >
      <h2 className="flex items-baseline justify-between text-lg font-bold tracking-wide text-slate-700 uppercase dark:text-slate-300">
        {props.title}
        {props.count !== undefined ? (
          <span className="text-base font-semibold tabular-nums">{format.number(props.count)}</span>
        ) : null}
      </h2>
      {props.children}
    </section>
  );
}

/** The fleet by status: four tiles, colour and shape as on the map. */
export function StatusTiles({ counts, total }: { counts: StatusCounts; total: number }) {
  const t = useT("wall");
  const common = useT("common");
  const format = useFormat();
  return (
    <Section title={t("sectionFleet")} count={total}>
      <ul className="grid grid-cols-2 gap-2">
        {VEHICLE_STATUSES.map((status) => (
          <li
            key={status}
            data-status={status}
            className={`flex items-center gap-3 rounded-lg border-s-[0.4rem] bg-white px-3 py-2 shadow-sm dark:bg-slate-900 dark:shadow-none ${TILE[status]}`}
          >
            <span aria-hidden="true" className={`inline-block size-5 shrink-0 ${SYMBOL[status]}`} />
            <span className="flex min-w-0 flex-col leading-tight">
              <span className="text-3xl font-bold text-slate-950 tabular-nums dark:text-white">
                {format.number(counts[status])}
              </span>
              <span className="text-base text-slate-700 dark:text-slate-300">{common(status)}</span>
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/**
 * The open alerts, most severe first, each saying who handles it (or that nobody has
 * acknowledged it yet), with how many nobody has acknowledged at the top.
 */
export function OpenAlerts(props: {
  items: readonly AlertItem[];
  unacknowledged: number;
  vehiclesById: ReadonlyMap<string, LiveVehicle>;
  now: number;
}) {
  const t = useT("wall");
  const tAlerts = useT("alerts");
  const format = useFormat();
  return (
    <Section title={t("sectionAlerts")} count={props.items.length} grow="flex-[3]">
      <p
        data-testid="wall-unacknowledged"
        data-count={props.unacknowledged}
        className={`shrink-0 text-lg font-bold ${
          props.unacknowledged > 0
            ? "text-amber-700 dark:text-amber-300"
            : "text-slate-700 dark:text-slate-300"
        }`}
      >
        {t("unacknowledgedCount", { n: props.unacknowledged })}
      </p>
      <FittedList
        items={props.items}
        empty={t("alertsEmpty")}
        gap="gap-1.5"
        row={(item) => {
          const { alert, work } = item;
          const severity = SEVERITY[item.severity];
          const vehicle = alert.deviceId ? props.vehiclesById.get(alert.deviceId) : undefined;
          return (
            <li
              key={alert.id}
              data-alert-id={alert.id}
              className="flex flex-col rounded-md bg-white px-3 py-1 shadow-sm dark:bg-slate-900 dark:shadow-none"
            >
              <span className="flex items-center gap-2 text-lg leading-snug">
                <span
                  className={`shrink-0 rounded px-1.5 text-sm font-bold uppercase ${severity.className}`}
                >
                  {t(severity.label)}
                </span>
                {item.escalated ? (
                  <span className="shrink-0 rounded border-2 border-red-500 px-1 text-sm font-bold text-red-700 uppercase dark:text-red-300">
                    {t("escalated")}
                  </span>
                ) : null}
                <span className="truncate font-semibold text-slate-950 dark:text-white">
                  {alertLabel(alert, tAlerts)}
                </span>
              </span>
              <span className="flex gap-2 text-base text-slate-700 dark:text-slate-300">
                <span className="truncate">
                  {[vehicle?.name ?? alert.deviceId, alert.fenceName].filter(Boolean).join(" · ") ||
                    alert.message ||
                    "—"}
                </span>
                <span className="ms-auto shrink-0 tabular-nums">
                  {format.relative(alert.time, props.now)}
                </span>
              </span>
              <span
                data-testid="wall-alert-work"
                className={`truncate text-base ${
                  work.state === "new"
                    ? "font-bold text-amber-700 uppercase dark:text-amber-300"
                    : "font-semibold text-slate-800 dark:text-slate-200"
                }`}
              >
                {work.state === "new" ? t("unacknowledged") : workLine(work, tAlerts)}
              </span>
            </li>
          );
        }}
      />
    </Section>
  );
}

export function OngoingTrips(props: {
  trips: readonly Trip[];
  vehiclesById: ReadonlyMap<string, LiveVehicle>;
  units: SpeedUnits;
  now: number;
}) {
  const t = useT("wall");
  const format = useFormat();
  return (
    <Section title={t("sectionTrips")} count={props.trips.length} grow="flex-[2]">
      <FittedList
        items={props.trips}
        empty={t("tripsEmpty")}
        gap="gap-1"
        row={(trip) => (
          <li
            key={trip.id}
            data-trip-id={trip.id}
            className="flex items-baseline gap-2 rounded-md bg-white px-3 py-1 text-lg shadow-sm dark:bg-slate-900 dark:shadow-none"
          >
            <span className="truncate font-semibold text-slate-950 dark:text-white">
              {props.vehiclesById.get(trip.deviceId)?.name ?? trip.vehicleName ?? trip.deviceId}
            </span>
            <span className="ms-auto shrink-0 text-slate-700 tabular-nums dark:text-slate-300">
              {format.age(props.now - trip.startTime)} ·{" "}
              {format.distance(trip.distanceM, props.units)}
            </span>
          </li>
        )}
      />
    </Section>
  );
}
