/** What the wall's rail lists, chosen from the snapshot. Pure. */
import type { Trip } from "@/lib/fleet/types";

/** Trips in progress, the most recently started first. */
export function ongoingTrips(trips: readonly Trip[]): Trip[] {
  return trips
    .filter((trip) => trip.endTime === undefined)
    .sort((a, b) => b.startTime - a.startTime);
}
