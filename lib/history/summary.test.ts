import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/database";
import { fenceOccupancyQueries } from "@/lib/db/fence-occupancy";
import { dayOf, historyQueries } from "@/lib/db/history";
import { lastLookQueries } from "@/lib/db/last-looks";
import { createTestDatabase } from "@/e2e/support/test-database";
import { userQueries } from "@/lib/db/users";
import type { FleetSnapshot, LiveVehicle } from "@/lib/fleet/live";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { Alert } from "@/lib/fleet/types";
import { FleetMirror } from "@/lib/live/mirror";
import { sinceLastLook } from "./summary";

const T0 = Date.UTC(2026, 2, 3, 19, 0, 0);
const NOW = T0 + 1_800_000;
const EMAIL = "ann@example.com";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const vehicle = (id: string, status: LiveVehicle["status"]): LiveVehicle => ({
  id,
  name: `Van ${id}`,
  lat: 33,
  lng: -112,
  fixTime: NOW,
  status,
  statusSince: NOW,
});
const alert = (id: string, time: number, type = "speeding"): Alert => ({
  id,
  deviceId: "A",
  type,
  severity: "warning",
  time,
});

function mirror(alerts: Alert[]) {
  const held = new FleetMirror(() => NOW);
  const snapshot: FleetSnapshot = {
    version: 1,
    generatedAt: NOW,
    stale: false,
    positionsAt: NOW,
    vehicles: [vehicle("A", "offline"), vehicle("B", "moving"), vehicle("C", "stopped")],
    trips: [],
    alerts,
    fences: [{ id: "Z", name: "Restricted - Zone", kind: "unknown" }],
    feeds: {},
    thresholds: DEFAULT_STATUS_THRESHOLDS,
  };
  held.load(snapshot);
  return held;
}

describe("since you last looked", () => {
  it("is nothing to show on a first visit", async () => {
    const summary = await sinceLastLook(handle.db, mirror([]), EMAIL, { now: NOW, historyDays: 7 });
    expect(summary).toMatchObject({ since: null, newAlerts: [], wentOffline: [] });
  });

  it("lists what happened after the last look, each line naming its vehicle", async () => {
    await userQueries(handle.db).insertNew([
      { email: EMAIL, role: "dispatcher", createdAt: new Date(T0), updatedAt: new Date(T0) },
    ]);
    await lastLookQueries(handle.db).record(EMAIL, T0);
    const history = historyQueries(handle.db);
    await history.ensurePartitions("history_events", [dayOf(T0)]);
    const dwell = alert("dwell-1", T0 + 600_000, "dwell_exceeded");
    await history.insertEvents([
      {
        t: T0 + 60_000,
        kind: "status",
        ref: "A",
        deviceId: "A",
        data: { from: "moving", to: "offline" },
      },
      {
        t: T0 + 60_000,
        kind: "status",
        ref: "B",
        deviceId: "B",
        data: { from: "offline", to: "stopped" },
      },
      {
        t: T0 + 90_000,
        kind: "status",
        ref: "B",
        deviceId: "B",
        data: { from: "stopped", to: "moving" },
      },
      // C went offline and came back while nobody looked: it came back.
      {
        t: T0 + 61_000,
        kind: "status",
        ref: "C",
        deviceId: "C",
        data: { from: "stopped", to: "offline" },
      },
      {
        t: T0 + 62_000,
        kind: "status",
        ref: "C",
        deviceId: "C",
        data: { from: "offline", to: "stopped" },
      },
      { t: T0 + 100_000, kind: "trip_start", ref: "B:1", deviceId: "B", data: {} },
      { t: T0 + 200_000, kind: "trip_end", ref: "C:1", deviceId: "C", data: {} },
      { t: dwell.time, kind: "alert", ref: dwell.id, deviceId: "A", data: { ...dwell } },
      // Before the last look: not news.
      { t: T0 - 60_000, kind: "trip_start", ref: "C:0", deviceId: "C", data: {} },
    ]);
    await fenceOccupancyQueries(handle.db).addVisits([
      {
        fenceId: "Z",
        deviceId: "B",
        enteredAt: T0 + 300_000,
        exitedAt: null,
        source: "fleetup",
        restricted: true,
      },
    ]);
    const stillOpen = alert("old-open", T0 - 600_000);
    const summary = await sinceLastLook(handle.db, mirror([stillOpen]), EMAIL, {
      now: NOW,
      historyDays: 7,
    });
    expect(summary.since).toBe(T0);
    expect(summary.newAlerts).toEqual([
      {
        at: dwell.time,
        deviceId: "A",
        name: "Van A",
        text: "Dwell limit exceeded",
        severity: "warning",
      },
    ]);
    expect(summary.openAlerts.map((line) => line.at)).toEqual([stillOpen.time]);
    expect(summary.wentOffline).toEqual([
      { at: T0 + 60_000, deviceId: "A", name: "Van A", text: "went offline" },
    ]);
    expect(summary.cameBack.map((line) => [line.deviceId, line.text])).toEqual([
      ["B", "came back (moving)"],
      ["C", "came back (stopped)"],
    ]);
    expect(summary.restrictedEntries).toMatchObject([
      { deviceId: "B", fenceId: "Z", text: "entered Restricted - Zone" },
    ]);
    expect(summary.tripsStarted.map((line) => line.deviceId)).toEqual(["B"]);
    expect(summary.tripsEnded.map((line) => line.deviceId)).toEqual(["C"]);
  });
});
