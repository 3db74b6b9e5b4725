/** What the wall's rail lists, chosen from the snapshot. Pure. */
import type { Alert, AlertSeverity, Trip } from "@/lib/fleet/types";

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };
/** An instantaneous alert (speeding, harsh braking) stays open this long. */
export const OPEN_ALERT_MS = 60 * 60_000;

/**
 * Alerts that still matter: a fence visit that has not ended, or any other alert from the last
 * hour that has not ended. Most severe first, then newest.
 */
export function openAlerts(alerts: readonly Alert[], now: number): Alert[] {
  return alerts
    .filter((alert) => alert.endTime === undefined)
    .filter((alert) => alert.type === "geofence" || now - alert.time <= OPEN_ALERT_MS)
    .sort((a, b) => RANK[b.severity] - RANK[a.severity] || b.time - a.time);
}

/** Trips in progress, the most recently started first. */
export function ongoingTrips(trips: readonly Trip[]): Trip[] {
  return trips
    .filter((trip) => trip.endTime === undefined)
    .sort((a, b) => b.startTime - a.startTime);
}
