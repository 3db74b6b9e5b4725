import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compactUtc } from "./geo";
import { arrivalTime } from "./stats";
import { MORNING, authed, json, startTestSim, type TestSim } from "./test-support";

let t: TestSim;
let token: string;
beforeAll(async () => {
  t = await startTestSim({ vehicles: 25 });
  await t.control("clock", { advanceMs: 3 * 3_600_000 }); // three hours of work behind the fleet
  token = await t.token();
});
afterAll(() => t.sim.close());

const post = (path: string, body: Record<string, unknown> = {}) =>
  t.call(path, { acctId: "12345", ...body }, { headers: { authorization: `Bearer ${token}` } });
type Rows = Record<string, unknown>[];
const today = () => compactUtc(Date.parse(t.sim.control.now())).slice(0, 8);
const firstDevId = () => t.sim.control.fleet().vehicles[0]!.devId;

describe("data endpoints", () => {
  it("/devices lists every vehicle with name, plate, driver and device type", async () => {
    const { data } = await json<{ data: Rows }>(await post("/devices"));
    expect(data).toHaveLength(25);
    expect(data[0]).toEqual({
      devId: expect.any(String),
      name: expect.any(String),
      plate: expect.any(String),
      driver: expect.any(String),
      deviceType: expect.any(String),
      vin: expect.stringMatching(/^[A-Z0-9]{17}$/),
    });
  });

  it("/gpsdata/device-last-location and /gpsdata/latest give every vehicle's last fix", async () => {
    for (const path of ["/gpsdata/device-last-location", "/gpsdata/latest"]) {
      const { data } = await json<{ data: Rows }>(await post(path));
      expect(data).toHaveLength(25);
      expect(Object.keys(data[0]!)).toEqual([
        "devId",
        "gpsTime",
        "lat",
        "lng",
        "speed",
        "direction",
        "rpm",
        "fuelWear",
        "idling",
        "acc",
      ]);
    }
  });

  it("/gpsdata returns one vehicle's fixes in time order within a 24 h window", async () => {
    const devId = firstDevId();
    const end = compactUtc(Date.parse(t.sim.control.now()));
    const start = compactUtc(MORNING - 3_600_000);
    const { data } = await json<{ data: { gpsTime: string }[] }>(
      await post("/gpsdata", { devId, startDate: start, endDate: end }),
    );
    expect(data.length).toBeGreaterThan(5);
    const times = data.map((p) => p.gpsTime);
    expect([...times].sort()).toEqual(times);
  });

  it("/gpsdata refuses a window longer than 24 h with 400", async () => {
    const response = await post("/gpsdata", {
      devId: firstDevId(),
      startDate: "20260301000000",
      endDate: "20260302000001",
    });
    expect(response.status).toBe(400);
    expect((await json(response)).message).toMatch(/24 hours/);
  });

  it("/trips/ongoing-trips reports running mileage and fuel", async () => {
    const { trips } = await json<{
      trips: { tripMileage: number; fuelWear: number; startTime: string }[];
    }>(await post("/trips/ongoing-trips"));
    expect(trips.length).toBeGreaterThan(0);
    expect(trips.some((trip) => trip.tripMileage > 0 && trip.fuelWear > 0)).toBe(true);
  });

  it("/trips/history returns completed trips in metres and centilitres, with a score on request", async () => {
    const { trips } = await json<{ trips: Rows }>(
      await post("/trips/history", {
        devId: firstDevId(),
        startDate: today(),
        endDate: today(),
        isTripScoreRequired: true,
      }),
    );
    expect(trips.length).toBeGreaterThan(0);
    expect(trips[0]).toMatchObject({
      startTime: expect.stringMatching(/^\d{14}$/),
      endTime: expect.stringMatching(/^\d{14}$/),
      startLocation: expect.stringMatching(/^\d+,-\d+$/),
      tripMileage: expect.any(Number),
      fuelWear: expect.any(Number),
      tripScore: expect.any(Number),
      startAddress: expect.stringMatching(/Phoenix, AZ$/),
    });
  });

  it("/trips/history refuses more than 30 days with 400, and dates that are not 8 digits", async () => {
    expect(
      (
        await post("/trips/history", {
          devId: firstDevId(),
          startDate: "20260101",
          endDate: "20260201",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post("/trips/history", {
          devId: firstDevId(),
          startDate: "20260101",
          endDate: "20260131",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post("/trips/history", {
          devId: firstDevId(),
          startDate: "2026-01-01",
          endDate: "20260131",
        })
      ).status,
    ).toBe(400);
  });

  it("/alerts/bulk-history returns the alerts of the listed devices, and /alerts/summary counts them by type", async () => {
    const all = t.sim.control.fleet().vehicles.map((v) => v.devId);
    const { data } = await json<{ data: { devId: string; alertType: string }[] }>(
      await post("/alerts/bulk-history", {
        devIds: all,
        startDate: `${today()}000000`,
        endDate: `${today()}235959`,
      }),
    );
    expect(data.length).toBeGreaterThan(0);
    const devId = data[0]!.devId;
    const summary = await json<{ data: { alertType: string; count: number }[] }>(
      await post("/alerts/summary", { devId, startDate: today(), endDate: today() }),
    );
    const total = summary.data.reduce((sum, row) => sum + row.count, 0);
    expect(total).toBe(data.filter((a) => a.devId === devId).length);
    expect(
      (await post("/alerts/bulk-history", { startDate: today(), endDate: today() })).status,
    ).toBe(400);
  });

  it("/fencealerts/fence-names lists fence ids and names", async () => {
    const { fenceNames } = await json<{ fenceNames: Rows }>(await post("/fencealerts/fence-names"));
    expect(fenceNames.length).toBeGreaterThanOrEqual(10);
    expect(fenceNames[0]).toEqual({ fenceId: expect.any(String), fenceName: expect.any(String) });
  });
});

describe("request validation", () => {
  it("answers a body that is not JSON with 400 and a message", async () => {
    const response = await t.call("/devices", "{oops", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
    expect((await json(response)).message).toBeTruthy();
  });

  it("answers a missing acctId with 400, another account with 403", async () => {
    expect(
      (await t.call("/devices", {}, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(400);
    expect((await post("/devices", { acctId: "someone-else" })).status).toBe(403);
  });

  it("answers a missing devId with 400 and an unknown one with 404", async () => {
    expect((await post("/trips/history", { startDate: today(), endDate: today() })).status).toBe(
      400,
    );
    expect(
      (await post("/trips/history", { devId: "nope", startDate: today(), endDate: today() }))
        .status,
    ).toBe(404);
  });

  it("answers unknown paths with 404 and the wrong method with 405", async () => {
    expect((await post("/not-a-fleetup-path")).status).toBe(404);
    expect(
      (
        await t.call("/devices", undefined, {
          method: "GET",
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(405);
  });
});

describe("request counting", () => {
  it("counts every FleetUp request by path and status, and not control requests", async () => {
    await t.control("stats/reset", {});
    await post("/devices");
    await post("/devices");
    await t.call("/devices");
    await t.control("fleet");
    const stats = await json<{ total: number; byPath: Record<string, Record<string, number>> }>(
      await t.control("stats"),
    );
    expect(stats).toEqual({ total: 3, byPath: { "/devices": { "200": 2, "401": 1 } } });
  });

  it("records when each FleetUp request arrived, oldest first, and forgets them with the stats", async () => {
    await t.control("stats/reset", {});
    // The log's own clock: the wall clock (Date.now) may drift from it by a few ms.
    const before = arrivalTime();
    await post("/devices");
    await t.call("/devices");
    await t.control("fleet");
    const after = arrivalTime();
    const { requests } = await json<{
      requests: Array<{ at: number; path: string; outcome: string }>;
    }>(await t.control("requests"));
    expect(requests.map(({ path, outcome }) => ({ path, outcome }))).toEqual([
      { path: "/devices", outcome: "200" },
      { path: "/devices", outcome: "401" },
    ]);
    expect(requests[0]!.at).toBeGreaterThanOrEqual(before);
    expect(requests[1]!.at).toBeGreaterThanOrEqual(requests[0]!.at);
    expect(requests[1]!.at).toBeLessThanOrEqual(after);
    await t.control("stats/reset", {});
    expect(await json(await t.control("requests"))).toEqual({ requests: [] });
  });

  it("guards the control endpoint with its own key", async () => {
    const response = await fetch(`${t.sim.url}/__sim/stats`, {
      headers: { "x-sim-control-key": "wrong" },
    });
    expect(response.status).toBe(401);
  });

  it("advances simulated time on POST /__sim/clock", async () => {
    const before = Date.parse(t.sim.control.now());
    const { now } = await json<{ now: string }>(await t.control("clock", { advanceMs: 60_000 }));
    expect(Date.parse(now) - before).toBeGreaterThanOrEqual(60_000);
    expect((await t.control("clock", { advanceMs: -1 })).status).toBe(400);
  });
});

it("authed helper works end to end", async () => {
  expect((await authed(t, "/devices")).status).toBe(200);
});
