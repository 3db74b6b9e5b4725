/** What the wall's rail lists, chosen from the snapshot. Pure. */
import type { AlertItem } from "@/lib/fleet/alert-work";
import { openAlerts, SEVERITY_RANK } from "@/lib/fleet/alerts";
import type { Trip } from "@/lib/fleet/types";

/**
 * The rail's open alerts: those still going on (lib/fleet/alerts.ts) that nobody has resolved,
 * most severe first as shown (escalated ones one higher), then newest; and how many of them
 * nobody has acknowledged.
 */
export function wallAlerts(
  items: readonly AlertItem[],
  now: number,
): { open: AlertItem[]; unacknowledged: number } {
  const ongoing = new Set(
    openAlerts(
      items.map((item) => item.alert),
      now,
    ),
  );
  const open = items
    .filter((item) => ongoing.has(item.alert) && item.work.state !== "resolved")
    .sort(
      (a, b) =>
        SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.alert.time - a.alert.time,
    );
  return { open, unacknowledged: open.filter((item) => item.work.state === "new").length };
}

/** Trips in progress, the most recently started first. */
export function ongoingTrips(trips: readonly Trip[]): Trip[] {
  return trips
    .filter((trip) => trip.endTime === undefined)
    .sort((a, b) => b.startTime - a.startTime);
}
