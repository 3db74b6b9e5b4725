import { describe, expect, it } from "vitest";
import { applyDelta, type FleetDelta, type FleetSnapshot, type LiveVehicle } from "./live";
import { DEFAULT_STATUS_THRESHOLDS } from "./status";
import type { Alert, Trip } from "./types";
import {
  decodeDelta,
  decodeSnapshot,
  encodeDelta,
  encodeSnapshot,
  WireError,
  type WireDelta,
  type WireSnapshot,
} from "./wire";

const NOW = 1_796_187_087_798;
const SECOND = 1000;
const at = (secondsAgo: number) => (Math.floor(NOW / SECOND) - secondsAgo) * SECOND;
const DRIVERS = ["Jorge Flores", "Diego Chen", "Yuki Baker", "Amara Okafor"];
const KINDS = ["Van", "Pickup", "Truck"];

/** A fleet like the simulator's (and FleetUp's): serial-number ids, names, plates, drivers. */
function vehicle(index: number): LiveVehicle {
  const moving = index % 3 === 0;
  return {
    id: `213NW2026${String(index + 1).padStart(6, "0")}`,
    name: `${KINDS[index % 3]} ${String((index % 97) + 1).padStart(2, "0")}`,
    plate: `JVC${String(1000 + ((index * 7919) % 9000))}`,
    driver: DRIVERS[index % DRIVERS.length],
    deviceType: index % 2 ? "5TA" : "4CJ",
    lat: Math.round((33.3 + ((index * 37) % 4000) / 10_000) * 1e5) / 1e5,
    lng: Math.round((-112.2 + ((index * 53) % 6000) / 10_000) * 1e5) / 1e5,
    speedKph: moving ? 40 + (index % 30) : 0,
    headingDeg: moving ? (index * 13) % 360 : 0,
    fixTime: at(index % 60),
    status: moving ? "moving" : "stopped",
    statusSince: at(600 + index),
    ...(moving ? { tripId: `213NW2026${String(index + 1).padStart(6, "0")}:${at(900)}` } : {}),
  };
}

const trip: Trip = {
  id: `213NW2026000001:${at(900)}`,
  deviceId: "213NW2026000001",
  startTime: at(900),
  start: [33.50044, -112.04674],
  startAddress: "1571 E Indian School Rd, Phoenix, AZ",
  distanceM: 7724,
  fuelUsedL: 2.61,
  vehicleName: "Van 01",
};

const alert: Alert = {
  id: "SA000000089",
  deviceId: "213NW2026000998",
  type: "fence_enter",
  severity: "info",
  time: at(91),
  position: [33.53844, -112.18907],
  speedKph: 51,
  fenceId: "48208",
  fenceName: "Customer - Glendale Warehouse",
  message: "Entered Customer - Glendale Warehouse",
};

function snapshot(vehicles: LiveVehicle[]): FleetSnapshot {
  return {
    version: 13,
    generatedAt: NOW,
    stale: false,
    positionsAt: NOW - 500,
    vehicles,
    trips: [trip, { ...trip, id: "T-custom", endTime: at(30), end: [33.4, -112.1], score: 88 }],
    alerts: [alert, { id: "A2", type: "offline", severity: "critical", time: at(5) }],
    alertWork: [],
    fences: [{ id: "F1", name: "Depot", kind: "circle", center: [33.4, -112], radiusM: 250 }],
    feeds: { positions: { intervalMs: 10_000, consecutiveFailures: 0, lastSuccessAt: NOW } },
    thresholds: DEFAULT_STATUS_THRESHOLDS,
  };
}

/** A delta's upserts are a set: the wire sends new vehicles first, changed ones after. */
const inIdOrder = (delta: FleetDelta): FleetDelta =>
  delta.vehicles
    ? {
        ...delta,
        vehicles: {
          ...delta.vehicles,
          upsert: [...delta.vehicles.upsert].sort((a, b) => a.id.localeCompare(b.id)),
        },
      }
    : delta;

/** What a browser receives: the encoded message through JSON, as the stream carries it. */
const overTheWire = <T>(message: T): T => JSON.parse(JSON.stringify(message)) as T;

describe("the wire format", () => {
  it("gives back the snapshot it was given, for values already at its precision", () => {
    const original = snapshot(Array.from({ length: 50 }, (_, index) => vehicle(index)));
    expect(decodeSnapshot(overTheWire(encodeSnapshot(original)))).toEqual(original);
  });

  it("keeps positions to 1e-5° and times to the second", () => {
    const precise = {
      ...vehicle(0),
      lat: 33.414284479,
      lng: -111.864952685,
      fixTime: at(20) + 400,
      statusSince: at(60) + 600,
    };
    const [decoded] = decodeSnapshot(overTheWire(encodeSnapshot(snapshot([precise])))).vehicles;
    expect(decoded).toMatchObject({
      lat: 33.41428,
      lng: -111.86495,
      fixTime: at(20),
      statusSince: at(59),
    });
  });

  it("sends a 1,000-vehicle fleet in at most 100 bytes per vehicle", () => {
    const fleet = Array.from({ length: 1000 }, (_, index) => vehicle(index));
    const bytes = JSON.stringify(encodeSnapshot(snapshot(fleet))).length;
    expect(bytes / fleet.length).toBeLessThanOrEqual(100);
    expect(bytes / JSON.stringify(snapshot(fleet)).length).toBeLessThan(0.45);
  });

  describe("deltas", () => {
    const before = Array.from({ length: 100 }, (_, index) => vehicle(index));
    const base = snapshot(before);
    const held = (id: string) => base.vehicles.find((v) => v.id === id);
    const moved = before.slice(0, 30).map((v, index) => ({
      ...v,
      lat: Math.round((v.lat + 0.00123) * 1e5) / 1e5,
      lng: Math.round((v.lng - 0.00045) * 1e5) / 1e5,
      speedKph: 55,
      headingDeg: (index * 7) % 360,
      fixTime: at(0),
    }));
    const delta: FleetDelta = {
      version: 14,
      baseVersion: 13,
      generatedAt: NOW + 10_000,
      stale: false,
      positionsAt: NOW + 9_000,
      vehicles: { upsert: moved, remove: [] },
    };

    it("sends a changed vehicle as its changed fields only, in at most 60 bytes", () => {
      const wire = encodeDelta(delta, held);
      expect(wire.V?.u).toBeUndefined();
      expect(wire.V?.m).toHaveLength(30);
      expect(JSON.stringify(wire).length / moved.length).toBeLessThanOrEqual(60);
    });

    it("decodes to the same delta, which applies to the same next snapshot", () => {
      const decoded = decodeDelta(overTheWire(encodeDelta(delta, held)), held);
      expect(decoded).toEqual(delta);
      expect(applyDelta(base, decoded)).toEqual(applyDelta(base, delta));
    });

    it("carries new, removed and emptied fields: a new vehicle whole, a cleared trip as absent", () => {
      const ended = { ...before[0]! };
      delete ended.tripId;
      ended.status = "stopped";
      const joined: LiveVehicle = { ...vehicle(500), deviceType: "9XZ" };
      delete joined.speedKph;
      delete joined.headingDeg;
      const change: FleetDelta = {
        ...delta,
        vehicles: { upsert: [ended, joined], remove: [before[5]!.id] },
        trips: { upsert: [{ ...trip, endTime: at(1) }], remove: ["T-custom"] },
        alerts: [{ ...alert, id: "SA000000090", time: at(2) }],
        feeds: { trips: { intervalMs: 30_000, consecutiveFailures: 1 } },
        stale: true,
        staleReason: "FleetUp is slow",
      };
      const decoded = decodeDelta(overTheWire(encodeDelta(change, held)), held);
      expect(inIdOrder(decoded)).toEqual(inIdOrder(change));
      expect(decoded.vehicles?.upsert.find((v) => v.id === ended.id)).not.toHaveProperty("tripId");
    });

    it("leaves out what did not change: an empty delta names no part", () => {
      const quiet: FleetDelta = { ...delta, vehicles: undefined };
      const wire: WireDelta = encodeDelta(quiet, held);
      expect(Object.keys(wire).sort()).toEqual(["b", "f", "p", "s", "t", "v"]);
      expect(decodeDelta(overTheWire(wire), held)).toEqual(quiet);
    });

    it("refuses a change to a vehicle the receiver does not hold (it needs a snapshot)", () => {
      const wire = overTheWire(encodeDelta(delta, held));
      expect(() => decodeDelta(wire, () => undefined)).toThrow(WireError);
    });
  });

  it("refuses a message of another format or a malformed row", () => {
    const wire = overTheWire(encodeSnapshot(snapshot([vehicle(1)])));
    expect(() => decodeSnapshot({ ...wire, f: 99 })).toThrow(WireError);
    const broken: WireSnapshot = { ...wire, V: [[0, "X", "north"]] };
    expect(() => decodeSnapshot(broken)).toThrow(WireError);
  });
});
