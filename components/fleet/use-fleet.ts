"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { unresolvedAlerts, workById } from "@/lib/fleet/alert-work";
import { openAlertLevels } from "@/lib/fleet/alerts";
import { byId, type FleetSnapshot, type LiveVehicle } from "@/lib/fleet/live";
import type { Alert, Fence, Trip } from "@/lib/fleet/types";
import { fleetQueries } from "@/lib/queries/fleet";
import { useFleetSnapshot } from "@/lib/queries/use-fleet-snapshot";
import { countByStatus, type StatusCounts } from "./vehicle-filter";

const NO_VEHICLES: LiveVehicle[] = [];
const NO_ALERTS: Alert[] = [];
const NO_TRIPS: Trip[] = [];
const NO_FENCES: Fence[] = [];

export type Fleet = {
  /** Undefined until the first snapshot arrives. */
  snapshot: FleetSnapshot | undefined;
  all: readonly LiveVehicle[];
  byId: ReadonlyMap<string, LiveVehicle>;
  /** Vehicles of each status, before any filter. */
  totals: StatusCounts;
  /** The fence list (with shapes) once fetched, the snapshot's fences until then. */
  fences: readonly Fence[];
  alerts: readonly Alert[];
  trips: readonly Trip[];
};

/**
 * The fleet as the dashboard and the wall both show it, derived once from the snapshot and the
 * fence list. Each part keeps its identity until what it comes from changes, so a delta that
 * moves no vehicle rebuilds no vehicle map.
 */
export function useFleet(): Fleet {
  const snapshot = useFleetSnapshot();
  const { data: fenceList } = useQuery(fleetQueries.fences());
  const all = snapshot?.vehicles ?? NO_VEHICLES;
  const totals = useMemo(() => countByStatus(all), [all]);
  const fences = fenceList?.fences ?? snapshot?.fences ?? NO_FENCES;
  const alerts = snapshot?.alerts ?? NO_ALERTS;
  const trips = snapshot?.trips ?? NO_TRIPS;
  return { snapshot, all, byId: byId(all), totals, fences, alerts, trips };
}

/**
 * The clusters' alert badges: the vehicles with an open alert nobody resolved (a resolved alert
 * needs nobody). Open alerts expire after an hour, so they are looked at again each minute of
 * `now` (to the minute is close enough; each change rebuilds the clusters).
 */
export function useAlertBadges(
  alerts: readonly Alert[],
  alertWork: FleetSnapshot["alertWork"],
  now: number,
): ReadonlyMap<string, 1 | 2> {
  const minute = Math.floor(now / 60_000) * 60_000;
  return useMemo(
    () => openAlertLevels(unresolvedAlerts(alerts, workById(alertWork)), minute),
    [alerts, alertWork, minute],
  );
}
