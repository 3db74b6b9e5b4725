import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { FeedName, FleetDelta } from "@/lib/fleet/live";
import type { Alert, Position } from "@/lib/fleet/types";
import { FleetUpError } from "@/lib/fleetup";
import { FleetState } from "./fleet-state";
import { ALERT_OVERLAP_MS, MAX_BACKOFF_MS, Scheduler, slowsDown } from "./scheduler";
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

type Answers = {
  positions?: () => Position[] | Promise<Position[]>;
  alerts?: () => Alert[];
};

/** A FleetUp stand-in that records when each feed was asked (and, for alerts, what). */
function standIn(answers: Answers) {
  const calls = {
    positions: [] as number[],
    trips: [] as number[],
    alerts: [] as { at: number; since: number; deviceIds: readonly string[] }[],
  };
  const fleetSource: FleetSource = {
    latestPositions: async () => {
      calls.positions.push(Date.now());
      return (await answers.positions?.()) ?? [];
    },
    ongoingTrips: async () => {
      calls.trips.push(Date.now());
      return [];
    },
    alertsSince: async (since, deviceIds) => {
      calls.alerts.push({ at: Date.now(), since, deviceIds });
      return answers.alerts?.() ?? [];
    },
    devices: async () => [],
    fences: async () => [],
    gpsHistory: async () => [],
  };
  return { fleetSource, calls };
}

const gapsOf = (times: number[]) => times.slice(1).map((at, index) => at - times[index]!);

describe("Scheduler: failures slow polling down, never speed it up", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 2, 3, 19));
  });
  afterEach(() => vi.useRealTimers());

  /** Positions answered by `answer`: the gaps between the calls FleetUp saw in `forMs`. */
  async function positionGaps(
    answer: () => Position[],
    forMs: number,
    feedIntervals: Record<FeedName, number> = intervals,
  ) {
    const { fleetSource, calls } = standIn({ positions: answer });
    const state = new FleetState(feedIntervals, DEFAULT_STATUS_THRESHOLDS);
    const scheduler = new Scheduler(fleetSource, state, () => {}, {
      intervals: feedIntervals,
      backfillMs: 0,
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(forMs);
    scheduler.stop();
    return gapsOf(calls.positions);
  }

  it.each([
    ["FleetUp being down (503)", outage],
    ["a timeout", () => new FleetUpError({ kind: "timeout", endpoint: "/x" })],
    ["a 429", () => tooMany()],
    ["a 429 whose Retry-After is shorter than the interval", () => tooMany(1_000)],
    [
      "a refused request (400)",
      () => new FleetUpError({ kind: "upstream", endpoint: "/x", status: 400 }),
    ],
    [
      "refused credentials (401)",
      () => new FleetUpError({ kind: "auth", endpoint: "/x", status: 401 }),
    ],
    ["an error that is not FleetUp's", () => new Error("a bug of ours")],
  ])("polls no sooner than one interval after %s", async (_, failure) => {
    const gaps = await positionGaps(() => {
      throw failure();
    }, 20 * INTERVAL);
    expect(gaps.length).toBeGreaterThanOrEqual(4);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(INTERVAL);
  });

  it("keeps its own back-off when a Retry-After is shorter: 2×, then 4× the interval", async () => {
    const gaps = await positionGaps(() => {
      throw tooMany(1_000);
    }, 12 * INTERVAL);
    expect(gaps.slice(0, 3)).toEqual([2 * INTERVAL, 4 * INTERVAL, 4 * INTERVAL]);
  });

  it("waits no longer than MAX_BACKOFF_MS, however long FleetUp's Retry-After", async () => {
    const gaps = await positionGaps(() => {
      throw tooMany(30 * 60_000);
    }, 3 * MAX_BACKOFF_MS);
    expect(gaps.slice(0, 2)).toEqual([MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
  });

  it("keeps a feed polled less often than MAX_BACKOFF_MS on its interval after a 429: the cap never shortens it", async () => {
    const slow = 2 * MAX_BACKOFF_MS;
    const gaps = await positionGaps(
      () => {
        throw tooMany();
      },
      5 * slow,
      { ...intervals, positions: slow },
    );
    expect(gaps.slice(0, 3)).toEqual([slow, slow, slow]);
  });

  it("goes back to one poll per interval after the first answer", async () => {
    let asked = 0;
    const gaps = await positionGaps(() => {
      asked += 1;
      if (asked <= 2) throw tooMany();
      return [position];
    }, 10 * INTERVAL);
    expect(gaps.slice(0, 4)).toEqual([2 * INTERVAL, 4 * INTERVAL, INTERVAL, INTERVAL]);
  });
});

describe("Scheduler cadence", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 2, 3, 19));
  });
  afterEach(() => vi.useRealTimers());

  function start(answers: Answers, feedIntervals: Record<FeedName, number> = intervals) {
    const { fleetSource, calls } = standIn(answers);
    const published: FleetDelta[] = [];
    const state = new FleetState(feedIntervals, DEFAULT_STATUS_THRESHOLDS);
    const scheduler = new Scheduler(fleetSource, state, (delta) => published.push(delta), {
      intervals: feedIntervals,
      backfillMs: 24 * 3_600_000,
    });
    scheduler.start();
    return { calls, published, scheduler };
  }

  const answerAfter = (ms: number) => () =>
    new Promise<Position[]>((resolve) => setTimeout(() => resolve([position]), ms));

  it("counts the interval from the start of a poll, so a slow answer does not stretch the cadence", async () => {
    const { calls, scheduler } = start({ positions: answerAfter(3_000) });
    await vi.advanceTimersByTimeAsync(4 * INTERVAL);
    scheduler.stop();
    expect(gapsOf(calls.positions)).toEqual([INTERVAL, INTERVAL, INTERVAL, INTERVAL]);
  });

  it("never asks for one feed twice at once: after an answer slower than the interval, the next poll starts at once", async () => {
    let asking = 0;
    let most = 0;
    const slowAnswer = answerAfter(2.5 * INTERVAL);
    const { calls, scheduler } = start({
      positions: async () => {
        asking += 1;
        most = Math.max(most, asking);
        try {
          return await slowAnswer();
        } finally {
          asking -= 1;
        }
      },
    });
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    scheduler.stop();
    expect(most).toBe(1);
    const gaps = gapsOf(calls.positions);
    expect(gaps).toHaveLength(3);
    // "At once": the next timer of 0 ms, which a timer runs after at least 1 ms.
    for (const gap of gaps) expect(gap - 2.5 * INTERVAL).toBeOneOf([0, 1]);
  });

  it("paces each feed on its own: one slowed down by 429s leaves the others on their interval", async () => {
    const { calls, scheduler } = start(
      {
        positions: () => {
          throw tooMany();
        },
      },
      { ...intervals, trips: 2 * INTERVAL },
    );
    await vi.advanceTimersByTimeAsync(12 * INTERVAL);
    scheduler.stop();
    expect(gapsOf(calls.positions).slice(0, 2)).toEqual([2 * INTERVAL, 4 * INTERVAL]);
    expect(gapsOf(calls.trips)).toEqual(Array(6).fill(2 * INTERVAL));
  });

  it("starting twice does not poll twice", async () => {
    const { calls, scheduler } = start({ positions: () => [position] });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(3 * INTERVAL);
    scheduler.stop();
    expect(gapsOf(calls.positions)).toEqual([INTERVAL, INTERVAL, INTERVAL]);
  });

  it("asks for alerts only once positions have named the devices, then for those devices", async () => {
    let asked = 0;
    const { calls, scheduler } = start({
      positions: () => (++asked === 1 ? [] : [position]),
    });
    await vi.advanceTimersByTimeAsync(INTERVAL + 2_000);
    scheduler.stop();
    expect(calls.alerts).toHaveLength(1);
    const [first] = calls.alerts;
    expect(first!.deviceIds).toEqual([position.deviceId]);
    // Within a second of the positions that named them.
    expect(first!.at - calls.positions[1]!).toBeGreaterThanOrEqual(0);
    expect(first!.at - calls.positions[1]!).toBeLessThanOrEqual(1_000);
  });

  it("fills the alert log from backfillMs back at start, then asks from ALERT_OVERLAP_MS before the last answer, so late alerts are not lost", async () => {
    const startedAt = Date.now();
    const alertsEvery = 60_000;
    const { calls, scheduler } = start(
      {
        positions: () => [position],
        alerts: () => [
          {
            id: "1",
            deviceId: "a",
            type: "speeding",
            severity: "warning",
            time: startedAt - 3_600_000,
          },
        ],
      },
      { ...intervals, alerts: alertsEvery },
    );
    await vi.advanceTimersByTimeAsync(2 * alertsEvery + 1_000);
    scheduler.stop();
    const [first, second, third] = calls.alerts;
    expect(first!.since).toBe(startedAt - 24 * 3_600_000);
    expect(second!.since).toBe(first!.at - ALERT_OVERLAP_MS);
    expect(third!.since).toBe(second!.at - ALERT_OVERLAP_MS);
  });

  it("asks from before the newest alert when FleetUp dates one later than the last answer", async () => {
    const startedAt = Date.now();
    const ahead = startedAt + 3_600_000; // FleetUp's clock an hour ahead of ours
    const { calls, scheduler } = start(
      {
        positions: () => [position],
        alerts: () => [
          { id: "1", deviceId: "a", type: "speeding", severity: "warning", time: ahead },
        ],
      },
      { ...intervals, alerts: 60_000 },
    );
    await vi.advanceTimersByTimeAsync(60_000 + 1_000);
    scheduler.stop();
    expect(calls.alerts[1]!.since).toBe(ahead - ALERT_OVERLAP_MS);
  });

  it("publishes a stale version when positions stop coming, though no poll finishes to say so", async () => {
    let asked = 0;
    const { published, scheduler } = start({
      positions: () => (++asked === 1 ? [position] : new Promise<Position[]>(() => {})),
    });
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(published.at(-1)?.stale).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    scheduler.stop();
    expect(published.at(-1)).toMatchObject({
      stale: true,
      staleReason: "FleetUp has not answered lately",
    });
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
