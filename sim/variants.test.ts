import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAS_PER_DEGREE } from "./geo";
import { authed, json, startTestSim, type TestSim } from "./test-support";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ vehicles: 12 });
});
afterAll(() => t.sim.close());

type GpsRecord = {
  devId: string;
  lat: number;
  lng: number;
  gpsTime: string;
  speed: number;
  direction: number;
};

describe("data wrapper variants", () => {
  it("wraps lists in the observed keys by default: data, trips, fenceNames", async () => {
    expect(Object.keys(await json(await authed(t, "/gpsdata/device-last-location")))).toEqual([
      "data",
    ]);
    expect(Object.keys(await json(await authed(t, "/trips/ongoing-trips")))).toEqual(["trips"]);
    expect(Object.keys(await json(await authed(t, "/fencealerts/fence-names")))).toEqual([
      "fenceNames",
    ]);
  });

  it("answers a bare array with wrapper bare", async () => {
    await t.control("config", { wrapper: "bare" });
    const body = await json<unknown>(await authed(t, "/gpsdata/device-last-location"));
    expect(Array.isArray(body)).toBe(true);
    expect((body as unknown[]).length).toBe(12);
    expect(Array.isArray(await json<unknown>(await authed(t, "/fencealerts/fence-names")))).toBe(
      true,
    );
    await t.control("config", { wrapper: "data" });
  });

  it("answers an empty list with 204 when emptyList is 204", async () => {
    const devId = t.sim.control.fleet().vehicles[0]!.devId;
    const old = { devId, startDate: "20200101", endDate: "20200105" };
    expect(
      (await json<{ trips: unknown[] }>(await authed(t, "/trips/history", old))).trips,
    ).toEqual([]);
    await t.control("config", { emptyList: "204" });
    const response = await authed(t, "/trips/history", old);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    await t.control("config", { emptyList: "empty" });
  });
});

describe("coordinate variants", () => {
  it("sends degrees by default, matching the ground truth, with a gpsTime fix time", async () => {
    const { data } = await json<{ data: GpsRecord[] }>(
      await authed(t, "/gpsdata/device-last-location"),
    );
    const truth = t.sim.control.fleet().vehicles;
    for (const record of data) {
      const vehicle = truth.find((v) => v.devId === record.devId)!;
      expect(record.lat).toBeCloseTo(vehicle.lat, 9);
      expect(record.lng).toBeCloseTo(vehicle.lng, 9);
      expect(record.gpsTime).toBe(vehicle.lastFixTime.replace(/\D/g, "").slice(0, 14));
    }
  });

  it("sends milliseconds of arc (degrees × 3,600,000) with coords mas, for GPS and fences", async () => {
    await t.control("config", { coords: "mas" });
    const { data } = await json<{ data: GpsRecord[] }>(
      await authed(t, "/gpsdata/device-last-location"),
    );
    const truth = t.sim.control.fleet();
    const first = truth.vehicles[0]!;
    const record = data.find((r) => r.devId === first.devId)!;
    expect(Number.isInteger(record.lat)).toBe(true);
    expect(record.lat).toBe(Math.round(first.lat * MAS_PER_DEGREE));
    expect(record.lng).toBe(Math.round(first.lng * MAS_PER_DEGREE));
    const fences = await json<{
      data: {
        fenceType: string;
        center: { lat: number } | null;
        points: { lat: number }[] | null;
      }[];
    }>(await authed(t, "/geofence/fences"));
    const circle = fences.data.find((f) => f.fenceType === "circle")!;
    const polygon = fences.data.find((f) => f.fenceType === "polygon")!;
    expect(Math.abs(circle.center!.lat)).toBeGreaterThan(90);
    expect(Math.abs(polygon.points![0]!.lat)).toBeGreaterThan(90);
    await t.control("config", { coords: "degrees" });
  });

  it("always sends trip locations as 'lat,lng' in milliseconds of arc, as observed", async () => {
    const { trips } = await json<{ trips: { startLocation: string }[] }>(
      await authed(t, "/trips/ongoing-trips"),
    );
    expect(trips.length).toBeGreaterThan(0);
    for (const trip of trips) {
      const [lat, lng] = trip.startLocation.split(",").map(Number);
      expect(lat! / MAS_PER_DEGREE).toBeCloseTo(33.4, 0);
      expect(lng! / MAS_PER_DEGREE).toBeCloseTo(-112, 0);
    }
  });
});

describe("fence encoding", () => {
  it("lists every fence with geometry and answers one on fence-detail", async () => {
    const list = await json<{ data: { fenceId: string }[] }>(await authed(t, "/geofence/fences"));
    expect(list.data.length).toBeGreaterThanOrEqual(10);
    const detail = await json<{ data: Record<string, unknown> }>(
      await authed(t, "/geofence/fence-detail", { fenceId: "48201" }),
    );
    expect(detail.data).toMatchObject({
      fenceId: "48201",
      fenceType: "circle",
      radius: 300,
      points: null,
    });
    expect((await authed(t, "/geofence/fence-detail", { fenceId: "nope" })).status).toBe(404);
  });
});

describe("moving a vehicle through the control endpoint", () => {
  it("reports the new fix immediately", async () => {
    const devId = t.sim.control.fleet().vehicles[3]!.devId;
    const moved = await t.control(`vehicles/${devId}/move`, {
      lat: 33.5,
      lng: -112.1,
      speed: 42,
      heading: 90,
    });
    expect(moved.status).toBe(200);
    const { data } = await json<{ data: GpsRecord[] }>(
      await authed(t, "/gpsdata/device-last-location"),
    );
    expect(data.find((r) => r.devId === devId)).toMatchObject({
      lat: 33.5,
      lng: -112.1,
      speed: 42,
      direction: 90,
    });
    expect((await t.control("vehicles/nope/move", { lat: 1, lng: 1 })).status).toBe(404);
    expect((await t.control(`vehicles/${devId}/move`, { lat: 95, lng: 1 })).status).toBe(400);
  });
});
