"use client";

import type { LiveVehicle } from "@/lib/fleet/live";
import type { Trip } from "@/lib/fleet/types";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
import type { SpeedUnits } from "@/lib/queries/url-state";
import { useServerNow } from "@/components/dashboard/use-now";

const SHOWN = 200;

/** Ongoing trips, longest first; a click selects the vehicle. */
export function TripsPanel(props: {
  trips: readonly Trip[];
  vehiclesById: ReadonlyMap<string, LiveVehicle>;
  units: SpeedUnits;
  onSelect: (vehicleId: string) => void;
}) {
  const t = useT("fleet");
  const format = useFormat();
  const now = useServerNow(5000);
  const trips = [...props.trips].sort((a, b) => a.startTime - b.startTime);
  if (trips.length === 0) {
    return <p className="p-3 text-sm text-slate-600 dark:text-slate-300">{t("tripsEmpty")}</p>;
  }
  return (
    <ul aria-label={t("tripsList")} className="min-h-0 flex-1 overflow-y-auto">
      {trips.slice(0, SHOWN).map((trip) => {
        const vehicle = props.vehiclesById.get(trip.deviceId);
        return (
          <li key={trip.id}>
            <button
              type="button"
              onClick={() => props.onSelect(trip.deviceId)}
              className="flex w-full flex-col gap-0.5 border-b border-slate-100 px-3 py-2 text-start text-sm hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset dark:border-slate-800/70 dark:hover:bg-slate-800/60"
            >
              <span className="flex justify-between gap-2">
                <span className="truncate font-semibold">
                  {vehicle?.name ?? trip.vehicleName ?? trip.deviceId}
                </span>
                <span className="tabular-nums">{format.distance(trip.distanceM, props.units)}</span>
              </span>
              <span className="flex justify-between gap-2 text-xs text-slate-600 dark:text-slate-300">
                <span className="truncate">{trip.startAddress ?? t("tripStartUnknown")}</span>
                <span className="shrink-0 tabular-nums">{format.age(now - trip.startTime)}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
