import "server-only";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFleetUpClient } from "./client";
import { isFleetUpError } from "./errors";
import { simConfig, startTestSimulator, type TestSimulator } from "@/e2e/support/test-sim";

const kindOf = (error: unknown) => (isFleetUpError(error) ? error.kind : String(error));

/** Timeouts, retries and the circuit breaker against a failing simulator, over HTTP. */
describe("FleetUp adapter resilience (simulator)", { timeout: 20_000 }, () => {
  let sim: TestSimulator;

  beforeAll(async () => {
    sim = await startTestSimulator(["--speedup", "0", "--no-rate-limit"]);
  });
  afterAll(() => sim?.stop());
  beforeEach(async () => {
    await sim.resetFaults();
    await sim.resetStats();
  });

  it.each(["503", "refuse"] as const)(
    "opens the breaker on a dead upstream (%s) and closes it after FleetUp recovers",
    async (outageMode) => {
      const client = createFleetUpClient(
        simConfig(sim.url, { breaker: { consecutiveFailures: 3, halfOpenAfterMs: 500 } }),
      );
      await client.getDevices(); // token in hand
      await sim.configure({ faults: { outage: true, outageMode } });
      await sim.resetStats();

      const first = await client.getDevices().catch((error: unknown) => error);
      expect(kindOf(first)).toBe("upstream");
      expect(client.metrics().breaker.state).toBe("open");
      const tried = (await sim.stats()).total;
      expect(tried).toBe(3); // three attempts, then the breaker opened

      // While open, calls fail fast without touching FleetUp.
      const fast = await client.getDevices().catch((error: unknown) => error);
      expect(isFleetUpError(fast) && fast.message).toMatch(/circuit open/);
      expect((await sim.stats()).total).toBe(tried);

      await sim.resetFaults();
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await client.getDevices()).toHaveLength(20);
      expect(client.metrics().breaker).toEqual({ state: "closed", opens: 1 });
    },
  );

  it("times out a hung request, retries it, and succeeds when FleetUp answers again", async () => {
    const client = createFleetUpClient(simConfig(sim.url, { timeoutMs: 300 }));
    await client.getDevices();
    await sim.configure({ faults: { hangRate: 1 } });
    const hung = client.getDevices();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await sim.resetFaults();
    expect(await hung).toHaveLength(20);
    expect(client.metrics().outcomes["/devices"]?.timeout).toBeGreaterThanOrEqual(1);
  });

  it("reports a timeout once every attempt has hung", async () => {
    const client = createFleetUpClient(
      simConfig(sim.url, {
        timeoutMs: 200,
        retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
      }),
    );
    await client.getDevices();
    await sim.configure({ faults: { hangRate: 1 } });
    expect(kindOf(await client.getDevices().catch((error: unknown) => error))).toBe("timeout");
  });

  it("retries 5xx answers with back-off and returns the data", async () => {
    const client = createFleetUpClient(
      simConfig(sim.url, { retry: { maxAttempts: 6, initialDelayMs: 10, maxDelayMs: 50 } }),
    );
    await client.getDevices();
    await sim.configure({ faults: { errorRate: 0.5, errorStatus: 500 } });
    const results = await Promise.all(Array.from({ length: 5 }, () => client.getDevices()));
    expect(results.every((devices) => devices.length === 20)).toBe(true);
    expect(client.metrics().retries).toBeGreaterThan(0);
  });

  it("retries a truncated JSON body", async () => {
    const client = createFleetUpClient(
      simConfig(sim.url, { retry: { maxAttempts: 8, initialDelayMs: 10, maxDelayMs: 20 } }),
    );
    await client.getDevices();
    await sim.configure({ faults: { truncatedJsonRate: 0.5 } });
    for (let i = 0; i < 4; i += 1) expect(await client.getLatestPositions()).toHaveLength(20);
  });

  it("does not retry a request FleetUp rejects as invalid", async () => {
    const client = createFleetUpClient(simConfig(sim.url));
    await client.getDevices();
    await sim.resetStats();
    const error = await client.getTripHistory("NO-SUCH-DEVICE").catch((caught: unknown) => caught);
    expect(isFleetUpError(error) && [error.kind, error.status]).toEqual(["upstream", 404]);
    expect((await sim.stats()).byPath["/trips/history"]).toEqual({ "404": 1 });
  });
});
