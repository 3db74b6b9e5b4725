import type { FleetUpConfig } from "../../lib/fleetup/config";
import { simControl } from "./sim-control";
import { spawnTestSimulator, type TestClock } from "./simulator";

/**
 * Test support: the simulator as a separate process (real HTTP, an independent speaker of
 * FleetUp's protocol) with its control client (e2e/support/sim-control.ts), and an adapter
 * config pointed at it.
 */

export type TestSimulator = Awaited<ReturnType<typeof startTestSimulator>>;

/**
 * Starts the simulator CLI with `args` (e.g. ["--rate-limit", "20"]); 20 vehicles by default,
 * living the tests' pinned day unless `clock: "now"` says otherwise.
 */
export async function startTestSimulator(args: string[] = [], options: { clock?: TestClock } = {}) {
  const spawned = await spawnTestSimulator(
    args.includes("--vehicles") ? args : ["--vehicles", "20", ...args],
    options,
  );
  return { url: spawned.url, stop: () => spawned.stop(), ...simControl(spawned.url) };
}

/** An adapter config for the simulator: fast budget and short resilience timings for tests. */
export function simConfig(url: string, overrides: Partial<FleetUpConfig> = {}): FleetUpConfig {
  return {
    baseUrl: url,
    apiKey: "sim-api-key",
    acctId: "12345",
    secret: "sim-secret",
    authMode: "jwt",
    authPrefix: "bearer",
    maxRequestsPerSecond: 20,
    timeoutMs: 2_000,
    positionsEndpoint: "auto",
    fencesPath: "/geofence/fences",
    fenceDetailPath: "/geofence/fence-detail",
    timeZone: "UTC",
    coordUnit: "auto",
    limiterMarginMs: 5,
    rateLimitBackoff: { initialMs: 200, maxMs: 1_000 },
    retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
    breaker: { consecutiveFailures: 3, halfOpenAfterMs: 500 },
    ...overrides,
  };
}

export type RecordedRequest = { path: string; start: number; end?: number; status?: number };

/** Wraps global fetch to record when each upstream request started and ended. */
export function recordingFetch(): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const entry: RecordedRequest = { path: url.pathname, start: performance.now() };
    requests.push(entry);
    try {
      const response = await fetch(input, init);
      entry.status = response.status;
      return response;
    } finally {
      entry.end = performance.now();
    }
  };
  return { fetch: wrapped, requests };
}
