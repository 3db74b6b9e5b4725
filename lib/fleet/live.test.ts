import { describe, expect, it } from "vitest";
import { DEFAULT_STATUS_THRESHOLDS } from "./status";
import type { Alert } from "./types";
import {
  applyDelta,
  byId,
  deltaStep,
  SNAPSHOT_ALERT_LIMIT,
  type FleetDelta,
  type FleetSnapshot,
  type LiveVehicle,
} from "./live";

const T = 1_796_187_087_000;
const vehicle = (id: string, lat: number): LiveVehicle => ({
  id,
  name: `Van ${id}`,
  lat,
  lng: -112,
  fixTime: T,
  status: "moving",
  statusSince: T,
});
const alert = (id: string): Alert => ({
  id,
  deviceId: "a",
  type: "speeding",
  severity: "warning",
  time: T,
  message: id,
});
const held: FleetSnapshot = {
  version: 5,
  generatedAt: T,
  stale: false,
  positionsAt: T,
  vehicles: [vehicle("a", 33), vehicle("b", 34), vehicle("c", 35)],
  trips: [],
  alerts: [alert("old")],
  fences: [],
  feeds: {},
  thresholds: DEFAULT_STATUS_THRESHOLDS,
};
const next = (patch: Partial<FleetDelta> = {}): FleetDelta => ({
  version: 6,
  baseVersion: 5,
  generatedAt: T + 1000,
  stale: false,
  positionsAt: T + 1000,
  ...patch,
});

describe("deltaStep: the one version rule of the server's mirror and the browser's cache", () => {
  it("applies a delta made from the version held", () => {
    expect(deltaStep(5, { version: 6, baseVersion: 5 })).toBe("next");
  });

  it("ignores a delta whose version is already held (a replay after reconnecting)", () => {
    expect(deltaStep(5, { version: 5, baseVersion: 4 })).toBe("old");
    expect(deltaStep(5, { version: 3, baseVersion: 2 })).toBe("old");
  });

  it("reports a gap when a delta in between was missed", () => {
    expect(deltaStep(5, { version: 8, baseVersion: 7 })).toBe("gap");
  });
});

describe("applyDelta", () => {
  it("replaces changed vehicles in place, drops removed ones and appends new ones", () => {
    const after = applyDelta(
      held,
      next({ vehicles: { upsert: [vehicle("b", 40), vehicle("d", 41)], remove: ["c"] } }),
    );
    expect(after.vehicles.map(({ id, lat }) => [id, lat])).toEqual([
      ["a", 33],
      ["b", 40],
      ["d", 41],
    ]);
    // An unchanged vehicle stays the same object (the map redraws only what changed).
    expect(after.vehicles[0]).toBe(held.vehicles[0]);
    expect(after.version).toBe(6);
  });

  it("puts new alerts first, once each, and keeps at most SNAPSHOT_ALERT_LIMIT", () => {
    const many = Array.from({ length: SNAPSHOT_ALERT_LIMIT }, (_, i) => alert(`new-${i}`));
    const after = applyDelta(held, next({ alerts: [...many, alert("new-0")] }));
    expect(after.alerts).toHaveLength(SNAPSHOT_ALERT_LIMIT);
    expect(after.alerts[0]!.id).toBe("new-0");
    expect(after.alerts.filter((a) => a.id === "new-0")).toHaveLength(1);
    expect(after.alerts.some((a) => a.id === "old")).toBe(false);
  });

  it("leaves the snapshot as it is when the delta does not follow it", () => {
    expect(applyDelta(held, next({ version: 9, baseVersion: 8 }))).toBe(held);
  });
});

describe("byId", () => {
  it("indexes a list once and serves that index to every version whose list no delta changed", () => {
    const index = byId(held.vehicles);
    expect(index.get("b")).toBe(held.vehicles[1]);
    const alertsOnly = applyDelta(held, next({ alerts: [alert("new")] }));
    expect(byId(alertsOnly.vehicles)).toBe(index);
  });

  it("makes a new index for a list a delta changed", () => {
    const moved = vehicle("b", 34.5);
    const after = applyDelta(held, next({ vehicles: { upsert: [moved], remove: ["c"] } }));
    expect(byId(after.vehicles).get("b")).toBe(moved);
    expect(byId(after.vehicles).has("c")).toBe(false);
    expect(byId(held.vehicles).get("b")).toBe(held.vehicles[1]);
  });
});
