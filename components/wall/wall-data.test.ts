import { describe, expect, it } from "vitest";
import { alertItems, initialWork, workById } from "@/lib/fleet/alert-work";
import type { Alert, Trip } from "@/lib/fleet/types";
import { ongoingTrips, wallAlerts } from "./wall-data";

describe("ongoingTrips", () => {
  it("lists trips without an end, newest start first", () => {
    const trip = (id: string, startTime: number, endTime?: number): Trip => ({
      id,
      deviceId: id,
      startTime,
      endTime,
      distanceM: 0,
    });
    expect(ongoingTrips([trip("a", 1), trip("b", 3), trip("c", 2, 5)]).map((t) => t.id)).toEqual([
      "b",
      "a",
    ]);
  });
});

describe("wallAlerts", () => {
  it("lists ongoing unresolved alerts, most severe as shown first, and counts the unacknowledged", () => {
    const now = 10_000_000_000;
    const alert = (id: string, severity: Alert["severity"], ago: number): Alert => ({
      id,
      type: "speeding",
      severity,
      time: now - ago,
    });
    const alerts = [
      alert("old", "critical", 2 * 3_600_000),
      alert("resolved", "critical", 1000),
      alert("claimed", "warning", 2000),
      alert("escalated", "info", 400_000),
      alert("new", "warning", 3000),
    ];
    const work = workById([
      { ...initialWork(alerts[1]!), state: "resolved", version: 2 },
      { ...initialWork(alerts[2]!), state: "acknowledged", version: 1, claimedBy: "ann@x.io" },
    ]);
    const { open, unacknowledged } = wallAlerts(alertItems(alerts, work, 300_000, now), now);
    expect(open.map((item) => item.alert.id)).toEqual(["claimed", "new", "escalated"]);
    expect(unacknowledged).toBe(2);
  });
});
