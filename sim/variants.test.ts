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

describe("FleetUp account variants", () => {
  const lastLocations = async () =>
    (
      await json<{ data: Array<Record<string, unknown>> }>(
        await authed(t, "/gpsdata/device-last-location"),
      )
    ).data;

  it("sends compact timestamps on the wall clock of timeZone, and reads request dates there", async () => {
    await t.control("config", { timeZone: "America/Phoenix" });
    const truth = t.sim.control.fleet().vehicles;
    for (const record of await lastLocations()) {
      const vehicle = truth.find((v) => v.devId === record.devId)!;
      // Phoenix keeps UTC-7 all year.
      const local = new Date(Date.parse(vehicle.lastFixTime) - 7 * 3_600_000);
      expect(record.gpsTime).toBe(local.toISOString().replace(/\D/g, "").slice(0, 14));
    }
    const devId = truth[0]!.devId;
    const now = Date.parse(t.sim.control.now());
    const localDay = new Date(now - 7 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, "");
    const history = await authed(t, "/gpsdata", {
      devId,
      startDate: `${localDay}000000`,
      endDate: `${localDay}235959`,
    });
    expect(history.status).toBe(200);
    await t.control("config", { timeZone: "UTC" });
    expect((await t.control("config", { timeZone: "Mars/Olympus" })).status).toBe(400);
  });

  it("leaves the fix time out with fixTime false", async () => {
    await t.control("config", { fixTime: false });
    const records = await lastLocations();
    expect(records.length).toBe(12);
    expect(records.some((record) => "gpsTime" in record)).toBe(false);
    await t.control("config", { fixTime: true });
  });

  it("reports direction -1 for stopped vehicles with unknownHeading", async () => {
    await t.control("config", { unknownHeading: true });
    const records = await lastLocations();
    const stopped = records.filter((record) => record.speed === 0);
    const moving = records.filter((record) => Number(record.speed) > 0);
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.every((record) => record.direction === -1)).toBe(true);
    expect(moving.every((record) => Number(record.direction) >= 0)).toBe(true);
    await t.control("config", { unknownHeading: false });
  });

  it("sends coordinates as degrees × 1,000,000 with coords microdeg", async () => {
    await t.control("config", { coords: "microdeg" });
    const truth = t.sim.control.fleet().vehicles[0]!;
    const record = (await lastLocations()).find((r) => r.devId === truth.devId)!;
    expect(record.lat).toBe(Math.round(truth.lat * 1_000_000));
    expect(record.lng).toBe(Math.round(truth.lng * 1_000_000));
    await t.control("config", { coords: "degrees" });
  });

  it("answers backend errors as {code, msg} with 200 in the errorEnvelope variant, gateway errors as statuses", async () => {
    await t.control("config", { errorEnvelope: true });
    const expired = await t.call("/devices", undefined, {
      headers: { authorization: "Bearer not.a.token" },
    });
    expect(expired.status).toBe(200);
    expect(await json(expired)).toEqual({ code: 401, msg: "Invalid token" });
    const unknown = await authed(t, "/trips/history", {
      devId: "nope",
      startDate: "20260303",
      endDate: "20260303",
    });
    expect([unknown.status, (await json(unknown)).code]).toEqual([200, 404]);
    const badKey = await t.call("/devices", undefined, { headers: { "x-api-key": "nope" } });
    expect(badKey.status).toBe(401);
    await t.control("config", { errorEnvelope: false });
  });

  it("lists fence names as plain strings with fenceNames strings", async () => {
    await t.control("config", { fenceNames: "strings" });
    const { fenceNames } = await json<{ fenceNames: unknown[] }>(
      await authed(t, "/fencealerts/fence-names"),
    );
    expect(fenceNames).toContain("Central Depot");
    expect(fenceNames.every((name) => typeof name === "string")).toBe(true);
    await t.control("config", { fenceNames: "objects" });
  });

  it("answers the geofence paths with 404 when geofencePaths is off", async () => {
    await t.control("config", { geofencePaths: false });
    expect((await authed(t, "/geofence/fences")).status).toBe(404);
    expect((await authed(t, "/fencealerts/fence-names")).status).toBe(200);
    await t.control("config", { geofencePaths: true });
  });

  it("lets enterprise credentials call only /devices and /gpsdata…", async () => {
    await t.control("config", { enterprise: true });
    for (const path of ["/devices", "/gpsdata/device-last-location", "/gpsdata/latest"]) {
      expect((await authed(t, path)).status, path).toBe(200);
    }
    for (const path of ["/trips/ongoing-trips", "/fencealerts/fence-names", "/geofence/fences"]) {
      const response = await authed(t, path);
      expect(response.status, path).toBe(403);
      expect((await json(response)).message).toMatch(/enterprise/);
    }
    await t.control("config", { enterprise: false });
  });
});
