"use client";

import { useEffect, useRef } from "react";
import { fixAgeMs, type VehicleStatus } from "@/lib/fleet/status";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { SpeedUnits } from "@/lib/queries/url-state";
import { useServerNow } from "@/components/dashboard/use-now";
import { Button } from "@/components/ui/button";
import type { NearestHit } from "./nearest";
import { StatusBadge } from "./status-badge";
import { StatusChips } from "./status-chips";

/** What the nearest vehicles are measured from: a place, and its name (none for a bare point). */
export type NearestOrigin = { lat: number; lng: number; label?: string };

/**
 * The vehicles nearest a point, closest first: distance, bearing from the point, status and fix
 * age; filterable by status; a click selects one. Escape closes it. It sits beside Leaflet's zoom
 * control, top left, in every language: the map does not mirror.
 */
export function NearestPanel(props: {
  /** Undefined when what was asked about is gone (a fence removed, a vehicle no longer listed). */
  origin: NearestOrigin | undefined;
  hits: readonly NearestHit[];
  statuses: readonly VehicleStatus[];
  units: SpeedUnits;
  onStatuses: (statuses: VehicleStatus[]) => void;
  onSelect: (vehicleId: string) => void;
  onClose: () => void;
}) {
  const t = useT("fleet");
  const format = useFormat();
  const now = useServerNow(5000);
  const { origin } = props;
  const title = useRef<HTMLHeadingElement>(null);
  const key = origin ? `${origin.lat},${origin.lng}` : "";
  useEffect(
    function announceNewQuestion() {
      // A new question moves focus here, so a keyboard or screen reader user hears the answer.
      title.current?.focus({ preventScroll: true });
    },
    [key],
  );
  return (
    <section
      aria-labelledby="nearest-title"
      data-testid="nearest-panel"
      data-lat={origin?.lat.toFixed(6)}
      data-lng={origin?.lng.toFixed(6)}
      onKeyDown={(event) => {
        if (event.key === "Escape") props.onClose();
      }}
      className="absolute top-3 left-14 z-[1000] flex max-h-[calc(100%-13rem)] w-80 flex-col rounded-md border border-slate-200 bg-white/95 shadow-md dark:border-slate-700 dark:bg-slate-900/95"
    >
      <header className="flex items-start justify-between gap-2 border-b border-slate-200 p-3 dark:border-slate-800">
        <div className="min-w-0">
          <h2 id="nearest-title" ref={title} tabIndex={-1} className="font-bold focus:outline-none">
            {t("nearestVehicles")}
          </h2>
          <p className="truncate text-xs text-slate-600 dark:text-slate-300">
            {origin ? (
              <>
                {t("nearestTo", { place: origin.label ?? t("nearestThisPoint") })} ·{" "}
                <span dir="ltr">
                  {origin.lat.toFixed(5)}, {origin.lng.toFixed(5)}
                </span>
              </>
            ) : (
              t("nearestGone")
            )}
          </p>
        </div>
        <Button onClick={props.onClose} aria-label={t("nearestClose")} className="px-2">
          ✕
        </Button>
      </header>
      <div className="border-b border-slate-200 p-3 dark:border-slate-800">
        <StatusChips
          label={t("nearestStatuses")}
          statuses={props.statuses}
          onStatuses={props.onStatuses}
        />
      </div>
      {origin && props.hits.length === 0 ? (
        <p className="p-3 text-sm text-slate-600 dark:text-slate-300">{t("noMatch")}</p>
      ) : null}
      <ol aria-label={t("nearestList")} className="min-h-0 overflow-y-auto">
        {props.hits.map((hit) => (
          <li key={hit.vehicle.id}>
            <button
              type="button"
              data-vehicle-id={hit.vehicle.id}
              onClick={() => props.onSelect(hit.vehicle.id)}
              className="flex w-full flex-col gap-0.5 border-b border-slate-100 px-3 py-2 text-start text-sm hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset dark:border-slate-800/70 dark:hover:bg-slate-800/60"
            >
              <span className="flex justify-between gap-2">
                <span className="truncate font-semibold">{hit.vehicle.name}</span>
                <span className="shrink-0 tabular-nums" data-testid="nearest-distance">
                  {format.preciseDistance(hit.distanceM, props.units)}
                </span>
              </span>
              <span className="flex items-center justify-between gap-2 text-xs text-slate-600 dark:text-slate-300">
                <StatusBadge status={hit.vehicle.status} />
                <span className="tabular-nums">
                  <span className="sr-only">{t("nearestBearing")} </span>
                  {format.heading(hit.bearingDeg)}
                </span>
                <span className="tabular-nums">
                  {t("nearestFixAge", { age: format.age(fixAgeMs(hit.vehicle.fixTime, now)) })}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
