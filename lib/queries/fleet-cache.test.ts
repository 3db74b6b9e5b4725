import { describe, expect, it } from "vitest";
import type { FleetDelta, FleetSnapshot, LiveVehicle } from "@/lib/fleet/live";
import { encodeDelta, type WireDelta } from "@/lib/fleet/wire";
import { applyStreamDelta } from "./fleet-cache";

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
const feed = { intervalMs: 10_000, consecutiveFailures: 0 };
const base: FleetSnapshot = {
  version: 5,
  generatedAt: T + 100,
  stale: false,
  positionsAt: T + 100,
  vehicles: [vehicle("a", 33), vehicle("b", 34)],
  trips: [],
  alerts: [],
  fences: [],
  feeds: { positions: feed, trips: feed, alerts: feed, fences: feed, devices: feed },
  thresholds: { movingKph: 3, offlineAfterMs: 90_000, oldFixAfterMs: 20_000 },
};
/** A delta from `base` as the stream sends it: encoded against the vehicles the browser holds. */
const delta = (patch: Partial<FleetDelta>): WireDelta =>
  encodeDelta(
    {
      version: 6,
      baseVersion: 5,
      generatedAt: T + 200,
      stale: false,
      positionsAt: T + 200,
      ...patch,
    },
    (id) => base.vehicles.find((vehicle) => vehicle.id === id),
  );

describe("applyStreamDelta", () => {
  it("keeps the server's status thresholds across deltas (the map fades by them)", () => {
    const outcome = applyStreamDelta(base, delta({}));
    expect(outcome.kind === "applied" && outcome.snapshot.thresholds).toEqual(base.thresholds);
  });

  it("moves only the vehicles in the delta and keeps the others as the same objects", () => {
    const outcome = applyStreamDelta(
      base,
      delta({ vehicles: { upsert: [vehicle("b", 35)], remove: [] } }),
    );
    expect(outcome.kind).toBe("applied");
    if (outcome.kind !== "applied") return;
    expect(outcome.snapshot.version).toBe(6);
    expect(outcome.snapshot.vehicles[0]).toBe(base.vehicles[0]);
    expect(outcome.snapshot.vehicles[1]?.lat).toBe(35);
    expect(outcome.snapshot.positionsAt).toBe(T + 200);
  });

  it("ignores a delta it has already applied (a replay after reconnecting)", () => {
    expect(applyStreamDelta(base, delta({ version: 5, baseVersion: 4 }))).toEqual({
      kind: "ignored",
    });
  });

  it("asks for a full snapshot when a version is missing", () => {
    expect(applyStreamDelta(base, delta({ version: 8, baseVersion: 7 }))).toEqual({ kind: "gap" });
    expect(applyStreamDelta(undefined, delta({}))).toEqual({ kind: "gap" });
  });

  it("asks for a full snapshot when a change names a vehicle it does not hold", () => {
    const stranger = encodeDelta(
      {
        version: 6,
        baseVersion: 5,
        generatedAt: T + 200,
        stale: false,
        vehicles: { upsert: [vehicle("z", 36)], remove: [] },
      },
      () => vehicle("z", 30),
    );
    expect(applyStreamDelta(base, stranger)).toEqual({ kind: "gap" });
  });

  it("puts new alerts first and removes vehicles the delta removes", () => {
    const alert = { id: "x", type: "speeding", severity: "warning" as const, time: T };
    const outcome = applyStreamDelta(
      base,
      delta({ alerts: [alert], vehicles: { upsert: [], remove: ["a"] } }),
    );
    if (outcome.kind !== "applied") throw new Error(outcome.kind);
    expect(outcome.snapshot.alerts[0]?.id).toBe("x");
    expect(outcome.snapshot.vehicles.map((v) => v.id)).toEqual(["b"]);
  });
});
