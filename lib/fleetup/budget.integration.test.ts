import "server-only";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFleetUpClient } from "./client";
import { isFleetUpError } from "./errors";
import {
  recordingFetch,
  simConfig,
  startTestSimulator,
  type TestSimulator,
} from "@/e2e/support/test-sim";

/** The one request budget against the simulator's rate limiter, over HTTP. */
describe("FleetUp adapter request budget (simulator)", { timeout: 20_000 }, () => {
  let sim: TestSimulator;

  beforeAll(async () => {
    sim = await startTestSimulator(["--speedup", "0"]);
  });
  afterAll(() => sim?.stop());

  it("never starts more than one upstream request in any one-second window, across mixed callers", async () => {
    await sim.configure({ rateLimit: { perSecond: 1, enabled: true, retryAfter: false } });
    await sim.control("rate-limit/reset", {});
    await sim.resetStats();
    const recorder = recordingFetch();
    const client = createFleetUpClient(
      simConfig(sim.url, { maxRequestsPerSecond: 1, limiterMarginMs: 30 }),
      { fetch: recorder.fetch },
    );
    const finished: string[] = [];
    const track = <T>(label: string, promise: Promise<T>) =>
      promise.then((value) => {
        finished.push(label);
        return value;
      });

    // A token and three data calls of every priority, all wanted at once.
    await Promise.all([
      track("fences", client.getFenceNames()),
      track("trips", client.getOngoingTrips()),
      track("positions", client.getLatestPositions()),
    ]);

    const starts = recorder.requests.map((request) => request.start);
    expect(recorder.requests.map((request) => request.path)).toEqual([
      "/token",
      "/gpsdata/device-last-location",
      "/trips/ongoing-trips",
      "/fencealerts/fence-names",
    ]);
    for (let i = 1; i < starts.length; i += 1) {
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(1000);
    }
    // Live positions jump the queue; fences wait behind everything.
    expect(finished).toEqual(["positions", "trips", "fences"]);
    const stats = await sim.stats();
    expect(Object.values(stats.byPath).some((counts) => "429" in counts)).toBe(false);
  });

  it("makes no call before Retry-After has passed", async () => {
    await sim.configure({ rateLimit: { perSecond: 1, enabled: true, retryAfter: true } });
    await sim.control("rate-limit/reset", {});
    await sim.resetStats();
    const recorder = recordingFetch();
    const client = createFleetUpClient(simConfig(sim.url, { maxRequestsPerSecond: 20 }), {
      fetch: recorder.fetch,
    });

    // Another process using the same key has just spent the second's budget.
    const other = await fetch(`${sim.url}/devices`, {
      method: "POST",
      headers: { "x-api-key": "sim-api-key", "content-type": "application/json" },
      body: "{}",
    });
    expect(other.status).toBe(401); // no token, but it arrived and counted
    expect(await client.getLatestPositions()).toHaveLength(20);

    // The client runs at 20 rps against a 1 rps FleetUp: it will meet 429s, and after each
    // one nothing may start before the Retry-After (1 s) has passed.
    const { requests } = recorder;
    const limited = requests.flatMap((request, index) => (request.status === 429 ? [index] : []));
    expect(limited.length).toBeGreaterThan(0);
    for (const index of limited) {
      const next = requests[index + 1];
      expect(next).toBeDefined();
      expect(next!.start - requests[index]!.end!).toBeGreaterThanOrEqual(1000);
    }
    expect(requests.at(-1)?.status).toBe(200);
    expect(client.metrics().rateLimited).toBe(limited.length);
  });

  it("backs off, doubling, after 429s without Retry-After", async () => {
    await sim.configure({ faults: { storm429: true }, rateLimit: { retryAfter: false } });
    const recorder = recordingFetch();
    const client = createFleetUpClient(
      simConfig(sim.url, { rateLimitBackoff: { initialMs: 200, maxMs: 1_000 } }),
      { fetch: recorder.fetch },
    );
    try {
      const error = await client.getDevices().catch((caught: unknown) => caught);
      expect(isFleetUpError(error) && error.kind).toBe("rate_limited");
    } finally {
      await sim.resetFaults();
    }
    const starts = recorder.requests.map((request) => request.start);
    expect(starts).toHaveLength(3);
    expect(starts[1]! - recorder.requests[0]!.end!).toBeGreaterThanOrEqual(200);
    expect(starts[2]! - recorder.requests[1]!.end!).toBeGreaterThanOrEqual(400);
  });
});
