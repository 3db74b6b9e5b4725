import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MalformedKind } from "./config";
import { authed, json, startTestSim, type TestSim } from "./test-support";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim({ vehicles: 30 });
});
afterAll(() => t.sim.close());
afterEach(async () => {
  await t.control("faults/reset", {});
});

type Stats = { total: number; byPath: Record<string, Record<string, number>> };
const stats = async () => json<Stats>(await t.control("stats"));
const lastLocations = async () =>
  (await authed(t, "/gpsdata/device-last-location")).json() as Promise<{
    data: Record<string, unknown>[];
  }>;

describe("faults", () => {
  it("adds latency to every FleetUp response", async () => {
    await t.control("config", { faults: { latencyMs: 250 } });
    const started = performance.now();
    expect((await t.call("/token", { acctId: 12345, secret: "sim-secret" })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
  });

  it("leaves requests hanging at hangRate 1, and counts them as hung", async () => {
    await t.sim.control.resetStats();
    await t.control("config", { faults: { hangRate: 1 } });
    const attempt = t.call("/devices", undefined, { headers: {} });
    const outcome = await Promise.race([
      attempt.then(() => "answered"),
      new Promise((r) => setTimeout(() => r("hung"), 300)),
    ]);
    expect(outcome).toBe("hung");
    expect((await stats()).byPath["/devices"]).toEqual({ hung: 1 });
    attempt.catch(() => undefined); // the socket is destroyed when the simulator closes
  });

  it("answers errorRate 1 with errorStatus and a message echoing the account and credentials", async () => {
    await t.control("config", { faults: { errorRate: 1, errorStatus: 400 } });
    const response = await t.call("/devices", undefined, {
      headers: { authorization: "Bearer the-token" },
    });
    expect(response.status).toBe(400);
    const { message } = await json<{ message: string }>(response);
    expect(message).toMatch(/^Invalid Request: simulated fault on \/devices/);
    for (const echoed of ["acctId 12345", "x-api-key sim-api-key", "Bearer the-token"]) {
      expect(message).toContain(echoed);
    }
  });

  it("answers every request, /token included, with 429 in a storm", async () => {
    await t.control("config", { faults: { storm429: true } });
    expect((await t.call("/token", { acctId: 12345, secret: "sim-secret" })).status).toBe(429);
    expect((await t.call("/devices")).status).toBe(429);
  });

  it("answers 503 on every FleetUp path during an outage, while the control endpoint still works", async () => {
    await t.control("config", { faults: { outage: true } });
    expect((await t.call("/token", { acctId: 12345, secret: "sim-secret" })).status).toBe(503);
    expect((await t.call("/gpsdata/device-last-location")).status).toBe(503);
    expect((await t.control("stats")).status).toBe(200);
  });

  it("drops the connection during an outage in refuse mode, and counts it as refused", async () => {
    await t.sim.control.resetStats();
    await t.control("config", { faults: { outage: true, outageMode: "refuse" } });
    await expect(t.call("/devices")).rejects.toThrow();
    expect((await stats()).byPath["/devices"]).toEqual({ refused: 1 });
  });

  it("cuts JSON bodies short at truncatedJsonRate 1, still with status 200", async () => {
    const token = await t.token();
    await t.control("config", { faults: { truncatedJsonRate: 1 } });
    const response = await t.call("/devices", undefined, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it("clears every fault on faults/reset", async () => {
    await t.control("config", { faults: { outage: true, storm429: true, latencyMs: 5 } });
    const reset = await json<{ faults: Record<string, unknown> }>(
      await t.control("faults/reset", {}),
    );
    expect(reset.faults).toMatchObject({ outage: false, storm429: false, latencyMs: 0 });
    expect((await t.call("/token", { acctId: 12345, secret: "sim-secret" })).status).toBe(200);
  });

  it("refuses an unknown config key or a bad value with 400 naming it", async () => {
    const response = await t.control("config", { faults: { hangRate: 2 } });
    expect(response.status).toBe(400);
    expect((await json(response)).message).toMatch(/faults\.hangRate/);
    expect((await t.control("config", { nope: 1 })).status).toBe(400);
  });
});

describe("malformed records", () => {
  const damaged = async (kind: MalformedKind) => {
    await t.control("config", { faults: { malformedRate: 1, malformedKinds: [kind] } });
    return (await lastLocations()).data;
  };

  it("missing_fields drops a key field (lat, lng or devId) from each record", async () => {
    for (const record of await damaged("missing_fields")) {
      expect(["lat", "lng", "devId"].filter((key) => key in record)).toHaveLength(2);
    }
  });

  it("nan puts the text NaN into a numeric field", async () => {
    for (const record of await damaged("nan")) expect(Object.values(record)).toContain("NaN");
  });

  it("string_numbers sends numbers as numeric strings", async () => {
    for (const record of await damaged("string_numbers")) {
      expect(typeof record.lat).toBe("string");
      expect(Number(record.lat)).toBeCloseTo(33.4, 0);
    }
  });

  it("out_of_range sends coordinates impossible in degrees and in milliseconds of arc", async () => {
    for (const record of await damaged("out_of_range")) {
      const lat = Number(record.lat);
      expect(Math.abs(lat)).toBeGreaterThan(90);
      expect(Math.abs(lat / 3_600_000)).toBeGreaterThan(90);
    }
  });

  it("duplicates repeats records", async () => {
    const records = await damaged("duplicates");
    expect(records).toHaveLength(60);
    expect(new Set(records.map((r) => r.devId)).size).toBe(30);
  });

  it("damages about malformedRate of the records", async () => {
    await t.control("config", {
      faults: { malformedRate: 0.5, malformedKinds: ["string_numbers"] },
    });
    const damagedCount = (await lastLocations()).data.filter(
      (r) => typeof r.lat === "string",
    ).length;
    expect(damagedCount).toBeGreaterThan(5);
    expect(damagedCount).toBeLessThan(25);
  });
});

describe("faults at start", () => {
  it("takes starting faults from the options (the CLI flags map onto them)", async () => {
    const started = await startTestSim({ vehicles: 3 }, { faults: { storm429: true } });
    expect((await started.call("/token", { acctId: 12345, secret: "sim-secret" })).status).toBe(
      429,
    );
    await started.sim.close();
  });
});
