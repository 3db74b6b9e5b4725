import "server-only";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "./clock";
import { RequestLimiter, type Priority } from "./limiter";

/** vitest's fake time: Date.now and setTimeout move only when a test advances them. */
const clock = {
  ...systemClock,
  advance: async (ms: number) => void (await vi.advanceTimersByTimeAsync(ms)),
};
beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) }));
afterEach(() => vi.useRealTimers());

function setup(options: { rps?: number; marginMs?: number } = {}) {
  const limiter = new RequestLimiter({
    maxRequestsPerSecond: options.rps ?? 1,
    marginMs: options.marginMs ?? 30,
    clock,
  });
  const starts: Array<{ label: string; at: number }> = [];
  const take = (label: string, priority: Priority = "normal") =>
    limiter.acquire(priority).then(() => starts.push({ label, at: clock.now() }));
  return { clock, limiter, starts, take, t0: clock.now() };
}

describe("RequestLimiter", () => {
  it("spaces request starts 1000 ms + margin apart at 1 request per second", async () => {
    const { clock, starts, take, t0 } = setup();
    for (const label of ["a", "b", "c", "d"]) void take(label);
    await clock.advance(5_000);
    expect(starts.map((start) => start.at - t0)).toEqual([0, 1030, 2060, 3090]);
  });

  it("never starts two requests within one second across many concurrent callers", async () => {
    const { clock, starts, take } = setup();
    const priorities: Priority[] = ["live", "normal", "background", "critical"];
    for (let i = 0; i < 20; i += 1) void take(String(i), priorities[i % 4]);
    await clock.advance(30_000);
    expect(starts).toHaveLength(20);
    for (let i = 1; i < starts.length; i += 1) {
      expect(starts[i]!.at - starts[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    }
  });

  it("takes a cancelled caller out of the queue without using its turn", async () => {
    const { clock, limiter, starts, take, t0 } = setup();
    void take("a");
    const cancelled = new AbortController();
    let left: number | undefined;
    void limiter.acquire("normal", cancelled.signal).then(() => (left = clock.now()));
    void take("c");
    await clock.advance(500);
    cancelled.abort();
    await clock.advance(0);
    expect(left).toBe(t0 + 500);
    await clock.advance(5_000);
    expect(starts.map((start) => [start.label, start.at - t0])).toEqual([
      ["a", 0],
      ["c", 1030],
    ]);
  });

  it("serves waiting callers by priority: token, live, normal, background", async () => {
    const { clock, starts, take } = setup();
    void take("first");
    void take("fences", "background");
    void take("trips", "normal");
    void take("positions", "live");
    void take("token", "critical");
    await clock.advance(10_000);
    expect(starts.map((start) => start.label)).toEqual([
      "first",
      "token",
      "positions",
      "trips",
      "fences",
    ]);
  });

  it("lets a background call through within maxWaitMs when live calls ask for the whole budget", async () => {
    const { clock, limiter, starts, take, t0 } = setup();
    // Positions every second, forever: a strict priority order would never reach the fences.
    const keepAsking = (i: number): Promise<unknown> =>
      limiter.acquire("live").then(() => {
        starts.push({ label: `positions ${i}`, at: clock.now() });
        return i < 60 ? keepAsking(i + 1) : undefined;
      });
    void keepAsking(0);
    void keepAsking(100);
    void take("fences", "background");
    void take("token", "critical");
    await clock.advance(40_000);
    const fences = starts.find((start) => start.label === "fences");
    expect(fences).toBeDefined();
    expect(fences!.at - t0).toBeLessThanOrEqual(15_000 + 1030);
    expect(starts.findIndex((start) => start.label === "token")).toBeLessThanOrEqual(1);
  });

  it("scales the spacing with the configured rate", async () => {
    const { clock, starts, take, t0 } = setup({ rps: 20, marginMs: 0 });
    for (let i = 0; i < 5; i += 1) void take(String(i));
    await clock.advance(1_000);
    expect(starts.map((start) => start.at - t0)).toEqual([0, 50, 100, 150, 200]);
  });

  it("starts nothing before Retry-After has passed", async () => {
    const { clock, limiter, starts, take, t0 } = setup({ marginMs: 0 });
    await take("a");
    limiter.onRateLimited(5_000);
    void take("b");
    void take("c", "critical");
    await clock.advance(4_999);
    expect(starts).toHaveLength(1);
    await clock.advance(1);
    expect(starts.map((start) => [start.label, start.at - t0])).toEqual([
      ["a", 0],
      ["c", 5_000],
    ]);
    await clock.advance(1_000);
    expect(starts.at(-1)).toEqual({ label: "b", at: t0 + 6_000 });
  });

  it("backs off 2 s, doubling to 30 s, after 429s without Retry-After, and resets on success", () => {
    const { limiter } = setup();
    const pauses = Array.from({ length: 6 }, () => limiter.onRateLimited());
    expect(pauses).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    limiter.onAccepted();
    expect(limiter.onRateLimited()).toBe(2_000);
  });

  it("reports queue lengths and the active pause", async () => {
    const { clock, limiter, take } = setup();
    void take("a");
    void take("b", "live");
    void take("c", "background");
    await clock.advance(0);
    expect(limiter.stats().queued).toEqual({ critical: 0, live: 1, normal: 0, background: 1 });
    limiter.onRateLimited(3_000);
    expect(limiter.stats().pausedUntil).toBe(clock.now() + 3_030);
  });
});
