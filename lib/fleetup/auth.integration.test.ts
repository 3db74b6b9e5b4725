import "server-only";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFleetUpClient } from "./client";
import { isFleetUpError } from "./errors";
import { simConfig, startTestSimulator, type TestSimulator } from "@/e2e/support/test-sim";
import { MemoryTokenStore } from "./token";

/**
 * Token handling against the simulator over HTTP. The sim's rate limit is off here so that
 * request counts are exact; the budget has its own tests.
 */
describe("FleetUp adapter tokens (simulator)", { timeout: 20_000 }, () => {
  let sim: TestSimulator;

  beforeAll(async () => {
    sim = await startTestSimulator(["--no-rate-limit", "--speedup", "0"]);
  });
  afterAll(() => sim?.stop());
  beforeEach(async () => {
    await sim.control("config/reset", {});
    await sim.configure({ rateLimit: { enabled: false } });
    await sim.resetStats();
  });

  it("makes one token request for 200 concurrent cold calls", async () => {
    const client = createFleetUpClient(
      simConfig(sim.url, { maxRequestsPerSecond: 1000, limiterMarginMs: 0 }),
    );
    const results = await Promise.all(
      Array.from({ length: 200 }, () => client.getLatestPositions()),
    );
    expect(results.every((positions) => positions.length === 20)).toBe(true);
    const stats = await sim.stats();
    expect(stats.byPath["/token"]).toEqual({ "200": 1 });
    expect(stats.byPath["/gpsdata/device-last-location"]).toEqual({ "200": 200 });
    expect(client.metrics().tokenRequests).toBe(1);
  });

  it("refreshes exactly once and replays exactly once when FleetUp answers 401", async () => {
    const client = createFleetUpClient(simConfig(sim.url));
    await client.getDevices();
    // The token expires on FleetUp's side while our copy still looks valid.
    await sim.control("clock", { advanceMs: 3_601_000 });
    await sim.resetStats();

    expect(await client.getDevices()).toHaveLength(20);

    expect((await sim.stats()).byPath).toEqual({
      "/devices": { "401": 1, "200": 1 },
      "/token": { "200": 1 },
    });
    expect(client.metrics()).toMatchObject({ tokenRequests: 2, replays: 1 });
  });

  it("shares one refresh among concurrent callers that all saw a 401", async () => {
    const store = new MemoryTokenStore();
    const client = createFleetUpClient(
      simConfig(sim.url, { maxRequestsPerSecond: 1000, limiterMarginMs: 0 }),
      {
        tokenStore: store,
      },
    );
    await client.getDevices();
    await sim.control("clock", { advanceMs: 3_601_000 });
    await sim.resetStats();

    await Promise.all(Array.from({ length: 10 }, () => client.getDevices()));

    const stats = await sim.stats();
    expect(stats.byPath["/token"]).toEqual({ "200": 1 });
    expect(stats.byPath["/devices"]?.["200"]).toBe(10);
  });

  it("falls back to the bare token when FleetUp refuses a fresh token under Bearer, and keeps it", async () => {
    await sim.configure({ tokenPrefix: "bare" }); // FleetUp wants the bare JWT, we send Bearer
    const client = createFleetUpClient(simConfig(sim.url, { authPrefix: "bearer" }));

    expect(await client.getDevices()).toHaveLength(20);
    expect(await client.getLatestPositions()).toHaveLength(20);

    expect((await sim.stats()).byPath).toEqual({
      "/token": { "200": 1 },
      "/devices": { "401": 1, "200": 1 },
      "/gpsdata/device-last-location": { "200": 1 },
    });
    expect(client.metrics()).toMatchObject({ authForm: "bare", tokenRequests: 1 });
  });

  it("gives up with an auth error after one refresh when FleetUp refuses the token in the configured form", async () => {
    await sim.configure({ tokenPrefix: "bearer" }); // FleetUp wants Bearer, we are told bare
    const client = createFleetUpClient(simConfig(sim.url, { authPrefix: "bare" }));

    const error = await client.getDevices().catch((caught: unknown) => caught);

    expect(isFleetUpError(error) && error.kind).toBe("auth");
    expect(isFleetUpError(error) && error.status).toBe(401);
    expect(isFleetUpError(error) && error.upstream).toMatch(/Authorization must be 'Bearer/);
    expect((await sim.stats()).byPath).toEqual({
      "/token": { "200": 2 },
      "/devices": { "401": 2 },
    });
  });

  it("refreshes once on a token refusal sent as a 200 {code, msg} envelope", async () => {
    await sim.configure({ errorEnvelope: true });
    const client = createFleetUpClient(simConfig(sim.url));
    await client.getDevices();
    await sim.control("clock", { advanceMs: 3_601_000 });
    await sim.resetStats();

    expect(await client.getDevices()).toHaveLength(20);

    expect((await sim.stats()).byPath).toEqual({
      "/devices": { "200": 2 },
      "/token": { "200": 1 },
    });
    expect(client.metrics()).toMatchObject({ tokenRequests: 2, replays: 1 });
  });

  it("reports wrong credentials as an auth error without retrying", async () => {
    const client = createFleetUpClient(simConfig(sim.url, { secret: "wrong-secret" }));
    const error = await client.getDevices().catch((caught: unknown) => caught);
    expect(isFleetUpError(error) && [error.kind, error.endpoint, error.status]).toEqual([
      "auth",
      "/token",
      401,
    ]);
    expect((await sim.stats()).byPath).toEqual({ "/token": { "401": 1 } });
  });

  it("uses the legacy GET /token and the token header when configured", async () => {
    const client = createFleetUpClient(simConfig(sim.url, { authMode: "legacy" }));
    expect(await client.getLatestPositions()).toHaveLength(20);
    expect(await client.getDevices()).toHaveLength(20);
    expect((await sim.stats()).byPath["/token"]).toEqual({ "200": 1 });
  });
});
