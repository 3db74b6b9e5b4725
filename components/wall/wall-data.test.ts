import { describe, expect, it } from "vitest";
import type { Alert, Trip } from "@/lib/fleet/types";
import { ongoingTrips, OPEN_ALERT_MS, openAlerts } from "./wall-data";

const NOW = 10_000_000_000;

describe("openAlerts", () => {
  it("keeps unended alerts of the last hour and unended fence visits, most severe first", () => {
    const alerts: Alert[] = [
      { id: "info-new", type: "speeding", severity: "info", time: NOW - 1000 },
      { id: "warn-old", type: "speeding", severity: "warning", time: NOW - OPEN_ALERT_MS - 1 },
      { id: "warn", type: "speeding", severity: "warning", time: NOW - 5000 },
      { id: "visit", type: "geofence", severity: "critical", time: NOW - 3 * OPEN_ALERT_MS },
      { id: "left", type: "geofence", severity: "critical", time: NOW - 9000, endTime: NOW - 10 },
      { id: "warn-newer", type: "harsh_braking", severity: "warning", time: NOW - 2000 },
    ];
    expect(openAlerts(alerts, NOW).map((a) => a.id)).toEqual([
      "visit",
      "warn-newer",
      "warn",
      "info-new",
    ]);
  });
});

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
