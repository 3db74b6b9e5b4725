import { describe, expect, it } from "vitest";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { VehicleStatus } from "@/lib/fleet/status";
import { bearingDeg, fenceCentre, NearestIndex } from "./nearest";

const vehicle = (id: string, lat: number, lng: number, status: VehicleStatus): LiveVehicle => ({
  id,
  name: id,
  lat,
  lng,
  fixTime: 0,
  status,
  statusSince: 0,
});

/** Haversine with the mean Earth radius, written out independently of the index. */
function metres(lat1: number, lng1: number, lat2: number, lng2: number) {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lng2 - lng1) * r) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}

describe("NearestIndex", () => {
  const fleet = [
    vehicle("far", 33.6, -112.3, "moving"),
    vehicle("near", 33.451, -112.07, "moving"),
    vehicle("idle", 33.46, -112.07, "idle"),
    vehicle("stopped", 33.44, -112.08, "stopped"),
    vehicle("offline", 33.4505, -112.0705, "offline"),
  ];
  const index = new NearestIndex(fleet);

  it("lists the vehicles nearest a point, closest first, with their great-circle distance", () => {
    const hits = index.nearest({ lat: 33.45, lng: -112.07, limit: 3 });
    expect(hits.map((hit) => hit.vehicle.id)).toEqual(["offline", "near", "idle"]);
    const expected = metres(33.45, -112.07, 33.451, -112.07);
    expect(hits[1]!.distanceM).toBeCloseTo(expected, 0);
  });

  it("filters by status inside the search, so the nearest of a status is found however far", () => {
    const hits = index.nearest({ lat: 33.45, lng: -112.07, limit: 5, statuses: ["stopped"] });
    expect(hits.map((hit) => hit.vehicle.id)).toEqual(["stopped"]);
    const idleOrStopped = index.nearest({
      lat: 33.45,
      lng: -112.07,
      limit: 5,
      statuses: ["idle", "stopped"],
    });
    expect(idleOrStopped.map((hit) => hit.vehicle.id)).toEqual(["idle", "stopped"]);
  });

  it("leaves out the vehicle the question is about", () => {
    const hits = index.nearest({ lat: 33.451, lng: -112.07, limit: 1, excludeId: "near" });
    expect(hits[0]!.vehicle.id).toBe("offline");
  });

  it("answers nothing for an empty fleet", () => {
    expect(new NearestIndex([]).nearest({ lat: 0, lng: 0, limit: 5 })).toEqual([]);
  });
});

describe("bearingDeg", () => {
  it("measures clockwise from north: north 0, east 90, south 180, west 270", () => {
    expect(bearingDeg(33, -112, 34, -112)).toBeCloseTo(0, 5);
    expect(bearingDeg(0, 0, 0, 1)).toBeCloseTo(90, 5);
    expect(bearingDeg(34, -112, 33, -112)).toBeCloseTo(180, 5);
    expect(bearingDeg(0, 1, 0, 0)).toBeCloseTo(270, 5);
  });
});

describe("fenceCentre", () => {
  it("has no centre for a fence known by name only", () => {
    expect(fenceCentre({ id: "u", name: "Yard", kind: "unknown" })).toBeUndefined();
  });

  it("measures from a circle's centre and a polygon's centroid", () => {
    expect(
      fenceCentre({ id: "c", name: "c", kind: "circle", center: [33, -112], radiusM: 50 }),
    ).toEqual([33, -112]);
    const square = fenceCentre({
      id: "p",
      name: "p",
      kind: "polygon",
      points: [
        [33, -112],
        [33, -111.9],
        [33.1, -111.9],
        [33.1, -112],
      ],
    });
    expect(square![0]).toBeCloseTo(33.05, 9);
    expect(square![1]).toBeCloseTo(-111.95, 9);
  });
});
