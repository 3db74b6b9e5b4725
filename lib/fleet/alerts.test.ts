import { describe, expect, it } from "vitest";
import type { Alert } from "./types";
import { OPEN_ALERT_MS, openAlertLevels, openAlerts } from "./alerts";

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

describe("openAlertLevels", () => {
  it("gives each vehicle its most severe open alert, and ignores info and closed alerts", () => {
    const alerts: Alert[] = [
      { id: "1", deviceId: "a", type: "speeding", severity: "warning", time: NOW - 1000 },
      { id: "2", deviceId: "a", type: "fence_enter", severity: "critical", time: NOW - 2000 },
      { id: "3", deviceId: "b", type: "speeding", severity: "warning", time: NOW - 1000 },
      { id: "4", deviceId: "c", type: "speeding", severity: "info", time: NOW - 1000 },
      {
        id: "5",
        deviceId: "d",
        type: "speeding",
        severity: "critical",
        time: NOW - OPEN_ALERT_MS - 1,
      },
      { id: "6", type: "geofence", severity: "critical", time: NOW - 1000 },
    ];
    expect(openAlertLevels(alerts, NOW)).toEqual(
      new Map([
        ["a", 2],
        ["b", 1],
      ]),
    );
  });
});
