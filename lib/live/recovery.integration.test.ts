import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedName } from "@/lib/fleet/live";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import { createFleetUpClient, DEFAULT_TUNING } from "@/lib/fleetup";
import { simConfig, startTestSimulator, type TestSimulator } from "@/e2e/support/test-sim";
import { FleetState } from "./fleet-state";
import { Scheduler } from "./scheduler";
import { fleetUpSource } from "./source";

const POSITIONS_MS = 2_000;
const intervals: Record<FeedName, number> = {
  positions: POSITIONS_MS,
  trips: 4_000,
  alerts: 4_000,
  fences: 60_000,
  devices: 60_000,
};

const until = async (done: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return done();
};

/**
 * The poller through a FleetUp outage, with the production resilience settings (five failures
 * open the breaker, 30 s before any call may try again, three attempts per call): long enough
 * for the breaker to open, yet fresh data comes back within one positions interval (+2 s) of
 * FleetUp answering again.
 */
describe("recovery after an outage", { timeout: 60_000 }, () => {
  let sim: TestSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator(["--no-rate-limit"]);
  });
  afterAll(() => sim?.stop());

  it("is fresh again within one positions interval of FleetUp answering (no answer at all)", async () => {
    const client = createFleetUpClient(
      simConfig(sim.url, {
        maxRequestsPerSecond: 1,
        timeoutMs: 10_000,
        limiterMarginMs: DEFAULT_TUNING.limiterMarginMs,
        retry: DEFAULT_TUNING.retry,
        breaker: DEFAULT_TUNING.breaker,
      }),
    );
    const state = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
    const scheduler = new Scheduler(fleetUpSource(client), state, () => {}, {
      intervals,
      backfillMs: 3_600_000,
    });
    scheduler.start();
    try {
      expect(
        await until(() => state.feedHealth().positions.lastSuccessAt !== undefined, 15_000),
      ).toBe(true);

      await sim.configure({ faults: { outage: true, outageMode: "refuse" } });
      await new Promise((resolve) => setTimeout(resolve, 14_000));
      expect(state.staleness().stale).toBe(true);
      expect(client.metrics().breaker.opens).toBe(1);
      await sim.resetStats();

      await sim.resetFaults();
      const recoveredAt = Date.now();
      expect(
        await until(() => (state.feedHealth().positions.lastSuccessAt ?? 0) > recoveredAt, 10_000),
      ).toBe(true);
      const took = state.feedHealth().positions.lastSuccessAt! - recoveredAt;
      expect(took, `fresh after ${took} ms`).toBeLessThanOrEqual(POSITIONS_MS + 2_000);
      expect(state.staleness().stale).toBe(false);
    } finally {
      scheduler.stop();
    }
  });
});
