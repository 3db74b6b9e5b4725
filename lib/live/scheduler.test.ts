import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { Position } from "@/lib/fleet/types";
import { FleetUpError } from "@/lib/fleetup";
import { FleetState } from "./fleet-state";
import { Scheduler, slowsDown } from "./scheduler";
import type { FleetSource } from "./source";

const INTERVAL = 10_000;
const intervals = {
  positions: INTERVAL,
  trips: 600_000,
  alerts: 600_000,
  fences: 600_000,
  devices: 600_000,
};
const position: Position = { deviceId: "a", lat: 33.4, lng: -112, fixTime: 0 };

/** A FleetUp stand-in for the scheduler: positions answer as `outcome` says, the rest is empty. */
function source(outcome: () => Position[]): FleetSource & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    latestPositions: async () => {
      calls.push(Date.now());
      return outcome();
    },
    devices: async () => [],
    ongoingTrips: async () => [],
    alertsSince: async () => [],
    fences: async () => [],
    gpsHistory: async () => [],
  };
}

const outage = () =>
  new FleetUpError({ kind: "upstream", endpoint: "/gpsdata/device-last-location", status: 503 });
const tooMany = (retryAfterMs?: number) =>
  new FleetUpError({
    kind: "rate_limited",
    endpoint: "/gpsdata/device-last-location",
    status: 429,
    retryAfterMs,
  });

describe("Scheduler pacing", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 2, 3, 19));
  });
  afterEach(() => vi.useRealTimers());

  function run(outcome: () => Position[]) {
    const fake = source(outcome);
    const state = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
    const scheduler = new Scheduler(fake, state, () => {}, { intervals, backfillMs: 0 });
    scheduler.start();
    const gaps = () => fake.calls.slice(1).map((at, index) => at - fake.calls[index]!);
    return { fake, state, scheduler, gaps };
  }

  it("keeps polling once per interval through an outage, so recovery takes at most one interval", async () => {
    let down = true;
    const { scheduler, gaps, state } = run(() => {
      if (down) throw outage();
      return [position];
    });
    await vi.advanceTimersByTimeAsync(5 * INTERVAL + 1);
    expect(gaps()).toEqual([INTERVAL, INTERVAL, INTERVAL, INTERVAL, INTERVAL]);
    const recovered = Date.now();
    down = false;
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(state.feedHealth().positions.lastSuccessAt! - recovered).toBeLessThanOrEqual(INTERVAL);
    scheduler.stop();
  });

  it("slows down after 429s: 2×, then 4× the interval, and no further", async () => {
    const { scheduler, gaps } = run(() => {
      throw tooMany();
    });
    await vi.advanceTimersByTimeAsync(20 * INTERVAL);
    expect(gaps().slice(0, 4)).toEqual([2 * INTERVAL, 4 * INTERVAL, 4 * INTERVAL, 4 * INTERVAL]);
    scheduler.stop();
  });

  it("waits at least as long as FleetUp's Retry-After", async () => {
    const { scheduler, gaps } = run(() => {
      throw tooMany(95_000);
    });
    await vi.advanceTimersByTimeAsync(300_000);
    expect(gaps()[0]).toBe(95_000);
    scheduler.stop();
  });
});

describe("Scheduler.stop (this instance stops leading)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 2, 3, 19));
  });
  afterEach(() => vi.useRealTimers());

  it("cancels the calls under way, so a demoted poller makes no further FleetUp call", async () => {
    const calls: string[] = [];
    let fencesSignal: AbortSignal | undefined;
    // Fences as the adapter fetches them: the list, then one detail call a second per fence.
    const slowFences: FleetSource = {
      ...source(() => [position]),
      fences: async (signal) => {
        fencesSignal = signal;
        for (let fence = 0; fence < 20; fence += 1) {
          if (signal?.aborted) throw new Error("cancelled");
          calls.push(`fence ${fence}`);
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
        return [];
      },
    };
    const published: number[] = [];
    const state = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
    const scheduler = new Scheduler(slowFences, state, (delta) => published.push(delta.version), {
      intervals,
      backfillMs: 0,
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(3_500);
    expect(calls).toEqual(["fence 0", "fence 1", "fence 2", "fence 3"]);

    scheduler.stop();
    expect(fencesSignal?.aborted).toBe(true);
    const publishedWhenStopped = published.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(4);
    expect(published).toHaveLength(publishedWhenStopped);
  });
});

describe("slowsDown", () => {
  it.each([
    ["a 429", tooMany(), {}],
    [
      "a 503 with Retry-After",
      new FleetUpError({ kind: "upstream", endpoint: "/x", status: 503, retryAfterMs: 5000 }),
      { retryAfterMs: 5000 },
    ],
    [
      "a refused request (400)",
      new FleetUpError({ kind: "upstream", endpoint: "/x", status: 400 }),
      {},
    ],
    ["refused credentials", new FleetUpError({ kind: "auth", endpoint: "/x", status: 401 }), {}],
  ])("backs off after %s", (_, error, expected) => {
    expect(slowsDown(error)).toEqual(expected);
  });

  it.each([
    ["a 503", outage()],
    ["a timeout", new FleetUpError({ kind: "timeout", endpoint: "/x" })],
    ["no answer", new FleetUpError({ kind: "upstream", endpoint: "/x", detail: "ECONNREFUSED" })],
    [
      "an open circuit",
      new FleetUpError({ kind: "upstream", endpoint: "/x", detail: "circuit open" }),
    ],
  ])("keeps the interval after %s", (_, error) => {
    expect(slowsDown(error)).toBeUndefined();
  });
});
