"use client";

import { useQuery } from "@tanstack/react-query";
import type { FleetSnapshot } from "@/lib/fleet/live";
import { fleetQueries } from "./fleet";

/**
 * The snapshot this tab holds, as the live stream (or its polling fallback) keeps it. Reading it
 * never fetches: useFleetFeed fills the cache once per tab, however many parts read it.
 */
export function useFleetSnapshot(): FleetSnapshot | undefined {
  return useQuery({ ...fleetQueries.snapshot(), enabled: false }).data;
}
