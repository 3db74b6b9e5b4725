import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { initialWork, type AlertWork } from "@/lib/fleet/alert-work";
import { applyDelta, type FleetSnapshot } from "@/lib/fleet/live";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { Alert, Position, Trip } from "@/lib/fleet/types";
import { FleetState } from "./fleet-state";
import { MISSED_POLLS_BEFORE_REMOVAL } from "./vehicles";

/** The production schedule: lib/env.ts's defaults. */
const intervals = parseEnv({}).live.intervals;
const T0 = Date.UTC(2026, 10, 28, 12);

function fix(deviceId: string, lat: number, extra: Partial<Position> = {}): Position {
  return { deviceId, lat, lng: -112, speedKph: 40, headingDeg: 90, fixTime: T0, ...extra };
}

function alert(id: string, time: number): Alert {
  return { id, type: "speeding", severity: "warning", time, deviceId: "a" };
}

function newState() {
  return new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
}

describe("FleetState", () => {
  it("is stale and has no data before the first positions", () => {
    const state = newState();
    expect(state.snapshot(T0)).toMatchObject({ stale: true, vehicles: [] });
  });

  it("sends only the vehicles whose fix changed", () => {
    const state = newState();
    state.succeeded({ feed: "positions", positions: [fix("a", 33), fix("b", 34)] }, T0);
    const delta = state.succeeded(
      { feed: "positions", positions: [fix("a", 33), fix("b", 34.01, { fixTime: T0 + 10_000 })] },
      T0 + 10_000,
    );
    expect(delta.vehicles?.upsert.map((vehicle) => vehicle.id)).toEqual(["b"]);
    expect(delta.vehicles?.remove).toEqual([]);
  });

  it("makes one new version per poll, and the deltas rebuild the snapshot exactly", () => {
    const state = newState();
    let client: FleetSnapshot = state.snapshot(T0);
    const polls = [
      { feed: "positions", positions: [fix("a", 33), fix("b", 34)] },
      { feed: "devices", devices: [{ id: "a", name: "Van 1", plate: "ABC123" }] },
      {
        feed: "trips",
        trips: [{ id: "a-1", deviceId: "a", startTime: T0, distanceM: 1200 } satisfies Trip],
      },
      { feed: "alerts", alerts: [alert("x", T0 - 1000)] },
      { feed: "positions", positions: [fix("a", 33.5, { fixTime: T0 + 5000 })] },
    ] as const;
    polls.forEach((poll, index) => {
      const now = T0 + index * 1000;
      client = applyDelta(client, state.succeeded(poll, now));
      expect(client.version).toBe(index + 1);
    });
    const server = state.snapshot(T0 + 5000);
    expect(client.vehicles).toEqual(server.vehicles);
    expect(client.trips).toEqual(server.trips);
    expect(client.alerts).toEqual(server.alerts);
    expect(server.vehicles.find((vehicle) => vehicle.id === "a")).toMatchObject({
      name: "Van 1",
      plate: "ABC123",
      tripId: "a-1",
      lat: 33.5,
    });
  });

  it("keeps a vehicle's last good fix when FleetUp leaves it out, and removes it after several polls", () => {
    const state = newState();
    state.succeeded({ feed: "positions", positions: [fix("a", 33), fix("b", 34)] }, T0);
    for (let poll = 1; poll < MISSED_POLLS_BEFORE_REMOVAL; poll += 1) {
      const delta = state.succeeded({ feed: "positions", positions: [fix("a", 33)] }, T0 + poll);
      expect(delta.vehicles?.remove).toEqual([]);
    }
    expect(state.vehicle("b")?.lat).toBe(34);
    const last = state.succeeded({ feed: "positions", positions: [fix("a", 33)] }, T0 + 99);
    expect(last.vehicles?.remove).toEqual(["b"]);
  });

  it("keeps the last good data and marks it stale with the reason when a poll fails", () => {
    const state = newState();
    state.succeeded({ feed: "positions", positions: [fix("a", 33)] }, T0);
    const delta = state.failed(
      "positions",
      { kind: "timeout", message: "FleetUp did not answer in time" },
      T0 + 10_000,
    );
    expect(delta).toMatchObject({ stale: true, staleReason: "FleetUp did not answer in time" });
    expect(delta.vehicles).toBeUndefined();
    expect(state.snapshot(T0 + 10_000).vehicles).toHaveLength(1);
    const recovered = state.succeeded(
      { feed: "positions", positions: [fix("a", 33)] },
      T0 + 20_000,
    );
    expect(recovered.stale).toBe(false);
  });

  it("turns stale by itself when no poll has finished for three intervals", () => {
    const state = newState();
    state.succeeded({ feed: "positions", positions: [fix("a", 33)] }, T0);
    expect(state.recheckStaleness(T0 + 20_000)).toBeUndefined();
    // A delta that follows the version before it, so screens apply it rather than reload.
    expect(state.recheckStaleness(T0 + 31_000)).toMatchObject({
      stale: true,
      version: 2,
      baseVersion: 1,
    });
  });

  it("raises this product's own alerts into the alert log as a new version, once each", () => {
    const state = newState();
    state.succeeded({ feed: "positions", positions: [fix("a", 33)] }, T0);
    const alert = {
      id: "dwell-1",
      deviceId: "a",
      type: "dwell_exceeded",
      severity: "warning" as const,
      time: T0 + 5_000,
    };
    expect(state.raise([alert], T0 + 5_000)).toMatchObject({
      version: 2,
      baseVersion: 1,
      alerts: [alert],
    });
    expect(state.raise([alert], T0 + 6_000)).toBeUndefined();
    expect(state.snapshot(T0 + 6_000).alerts).toEqual([alert]);
    expect(state.feedHealth().alerts.lastSuccessAt).toBeUndefined();
  });

  it("derives status and keeps 'since when' until the status changes", () => {
    const state = newState();
    state.succeeded(
      { feed: "positions", positions: [fix("a", 33, { speedKph: 0, ignition: true })] },
      T0,
    );
    expect(state.vehicle("a")).toMatchObject({ status: "idle", statusSince: T0 });
    state.succeeded(
      {
        feed: "positions",
        positions: [fix("a", 33, { speedKph: 0, ignition: true, fixTime: T0 + 9000 })],
      },
      T0 + 10_000,
    );
    expect(state.vehicle("a")).toMatchObject({ status: "idle", statusSince: T0 });
    state.succeeded(
      { feed: "positions", positions: [fix("a", 33.1, { speedKph: 50, fixTime: T0 + 19_000 })] },
      T0 + 20_000,
    );
    expect(state.vehicle("a")).toMatchObject({ status: "moving", statusSince: T0 + 20_000 });
  });

  it("ages a fix without a fix time from when it was first seen at that place", () => {
    const state = newState();
    state.succeeded({ feed: "positions", positions: [fix("a", 33, { fixTime: undefined })] }, T0);
    state.succeeded(
      { feed: "positions", positions: [fix("a", 33, { fixTime: undefined })] },
      T0 + 10_000,
    );
    expect(state.vehicle("a")?.fixTime).toBe(T0);
    state.succeeded(
      { feed: "positions", positions: [fix("a", 33.2, { fixTime: undefined })] },
      T0 + 20_000,
    );
    expect(state.vehicle("a")?.fixTime).toBe(T0 + 20_000);
  });

  it("reports each alert once however often FleetUp repeats it", () => {
    const state = newState();
    const first = state.succeeded(
      { feed: "alerts", alerts: [alert("x", T0), alert("y", T0 + 1)] },
      T0 + 2,
    );
    const again = state.succeeded(
      { feed: "alerts", alerts: [alert("y", T0 + 1), alert("z", T0 + 3)] },
      T0 + 4,
    );
    expect(first.alerts?.map((item) => item.id)).toEqual(["y", "x"]);
    expect(again.alerts?.map((item) => item.id)).toEqual(["z"]);
    expect(state.snapshot(T0 + 5).alerts.map((item) => item.id)).toEqual(["z", "y", "x"]);
  });

  it("sends fences only when they changed", () => {
    const state = newState();
    const fences = [
      { id: "f", name: "Depot", kind: "circle", center: [33, -112], radiusM: 200 } as const,
    ];
    expect(state.succeeded({ feed: "fences", fences }, T0).fences).toEqual(fences);
    expect(state.succeeded({ feed: "fences", fences }, T0 + 1).fences).toBeUndefined();
  });

  describe("alert work", () => {
    const claimed = (id: string, time: number, version = 1): AlertWork => ({
      ...initialWork({ id, time }),
      state: "acknowledged",
      version,
      claimedBy: "ann@example.com",
    });

    it("makes a version of changed work, which the deltas carry to every screen", () => {
      const state = newState();
      let client = state.snapshot(T0);
      client = applyDelta(
        client,
        state.succeeded({ feed: "alerts", alerts: [alert("x", T0)] }, T0),
      );
      const delta = state.applyWork([claimed("x", T0)], T0 + 1)!;
      expect(delta).toMatchObject({ version: 2, baseVersion: 1, alertWork: [claimed("x", T0)] });
      client = applyDelta(client, delta);
      expect(client.alertWork).toEqual([claimed("x", T0)]);
      expect(state.snapshot(T0 + 2).alertWork).toEqual(client.alertWork);
    });

    it("makes no version for work it already holds, an older version, or another alert's", () => {
      const state = newState();
      state.succeeded({ feed: "alerts", alerts: [alert("x", T0)] }, T0);
      state.applyWork([claimed("x", T0, 2)], T0 + 1);
      expect(state.applyWork([claimed("x", T0, 2)], T0 + 2)).toBeUndefined();
      expect(state.applyWork([claimed("x", T0, 1)], T0 + 3)).toBeUndefined();
      // Work of an earlier alert that had the same id.
      expect(state.applyWork([claimed("x", T0 - 86_400_000, 5)], T0 + 4)).toBeUndefined();
      expect(state.snapshot(T0 + 5).alertWork).toEqual([claimed("x", T0, 2)]);
    });

    it("holds work read before its alert arrives, and sends it with the alert", () => {
      const state = newState();
      expect(state.applyWork([claimed("x", T0)], T0)).toBeUndefined();
      const delta = state.succeeded({ feed: "alerts", alerts: [alert("x", T0)] }, T0 + 1);
      expect(delta.alertWork).toEqual([claimed("x", T0)]);
    });

    it("continues with the work a previous poller published", () => {
      const previous = newState();
      previous.succeeded({ feed: "alerts", alerts: [alert("x", T0)] }, T0);
      previous.applyWork([claimed("x", T0)], T0 + 1);
      const next = newState();
      next.load(previous.snapshot(T0 + 2));
      expect(next.snapshot(T0 + 3).alertWork).toEqual([claimed("x", T0)]);
      expect(next.applyWork([claimed("x", T0)], T0 + 4)).toBeUndefined();
    });
  });
});
