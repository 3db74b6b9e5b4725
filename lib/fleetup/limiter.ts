import "server-only";
import { systemClock, type Clock } from "./clock";

/**
 * Who is waiting for the budget, most urgent first. Token calls ("critical") come first because
 * every other caller waits on them; live positions come before trips and alerts, and fences,
 * devices and the probe wait behind everything.
 */
export type Priority = "critical" | "live" | "normal" | "background";

export const PRIORITIES: readonly Priority[] = ["critical", "live", "normal", "background"];

export type LimiterOptions = {
  /** FleetUp's ceiling; the limiter starts at most this many requests per second. */
  maxRequestsPerSecond: number;
  /**
   * Added to the spacing between starts: FleetUp counts arrivals, and a request can reach it a
   * little sooner or later than we started it.
   */
  marginMs?: number;
  /** First pause after a 429 that carries no Retry-After; doubles on each further 429. */
  backoffInitialMs?: number;
  /** Ceiling of that doubling pause. */
  backoffMaxMs?: number;
  /**
   * A caller passed over this long goes next, whatever its priority (token calls aside): a
   * schedule that asks for the whole budget must still let fences and devices through.
   */
  maxWaitMs?: number;
  clock?: Clock;
};

type Waiter = { resolve: () => void; since: number };

export type LimiterStats = {
  queued: Record<Priority, number>;
  /** Epoch ms before which no request starts (a Retry-After or 429 back-off), 0 when none. */
  pausedUntil: number;
  /** The pause the next 429 without Retry-After will cause. */
  nextBackoffMs: number;
  granted: number;
};

/**
 * The one request budget. Every upstream call, token calls included, awaits `acquire` right
 * before it starts, so starts are spaced at least 1000 / maxRequestsPerSecond ms (+ margin)
 * apart, whatever mix of callers is waiting. A 429 pauses the whole limiter, not one caller:
 * FleetUp's limit is per key, so a caller that slipped around the pause would only earn
 * another 429.
 */
export class RequestLimiter {
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;
  private readonly marginMs: number;
  private readonly maxWaitMs: number;
  private readonly queues: Record<Priority, Waiter[]> = {
    critical: [],
    live: [],
    normal: [],
    background: [],
  };
  private lastStart = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private backoffMs: number;
  private timer: unknown = undefined;
  private granted = 0;

  constructor(options: LimiterOptions) {
    if (!(options.maxRequestsPerSecond > 0)) {
      throw new RangeError("maxRequestsPerSecond must be a positive number");
    }
    this.clock = options.clock ?? systemClock;
    this.marginMs = options.marginMs ?? 30;
    this.intervalMs = 1000 / options.maxRequestsPerSecond + this.marginMs;
    this.backoffInitialMs = options.backoffInitialMs ?? 2_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
    this.maxWaitMs = options.maxWaitMs ?? 15_000;
    this.backoffMs = this.backoffInitialMs;
  }

  /**
   * Resolves when the caller may start one request. FIFO within a priority; a caller waiting
   * longer than `maxWaitMs` goes before higher priorities (but after token calls). An aborted
   * `signal` takes the caller out of the queue at once (it resolves without using the budget;
   * the caller checks its signal and does not start).
   */
  acquire(priority: Priority = "normal", signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const queue = this.queues[priority];
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener("abort", leave);
          resolve();
        },
        since: this.clock.now(),
      };
      const leave = () => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        resolve();
      };
      signal?.addEventListener("abort", leave, { once: true });
      queue.push(waiter);
      this.pump();
    });
  }

  /**
   * Records a 429. With Retry-After (ms), nothing starts before it has passed; without, the
   * limiter pauses for a back-off that doubles per 429 (2 s → 30 s by default) until a request
   * succeeds. Returns the pause applied, in ms.
   */
  onRateLimited(retryAfterMs?: number): number {
    const now = this.clock.now();
    let pause: number;
    if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
      pause = retryAfterMs + this.marginMs;
    } else {
      pause = this.backoffMs;
      this.backoffMs = Math.min(this.backoffMs * 2, this.backoffMaxMs);
    }
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
    this.reschedule();
    return pause;
  }

  /** A request got a non-429 answer: the next 429 starts the back-off from the beginning. */
  onAccepted(): void {
    this.backoffMs = this.backoffInitialMs;
  }

  stats(): LimiterStats {
    return {
      queued: {
        critical: this.queues.critical.length,
        live: this.queues.live.length,
        normal: this.queues.normal.length,
        background: this.queues.background.length,
      },
      pausedUntil: this.pausedUntil > this.clock.now() ? this.pausedUntil : 0,
      nextBackoffMs: this.backoffMs,
      granted: this.granted,
    };
  }

  private nextWaiting(now: number): Waiter[] | undefined {
    if (this.queues.critical.length > 0) return this.queues.critical;
    let starved: Waiter[] | undefined;
    for (const priority of PRIORITIES) {
      const head = this.queues[priority][0];
      if (
        head &&
        now - head.since >= this.maxWaitMs &&
        (!starved || head.since < starved[0]!.since)
      )
        starved = this.queues[priority];
    }
    return starved ?? PRIORITIES.map((priority) => this.queues[priority]).find((q) => q.length > 0);
  }

  private reschedule(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.pump();
  }

  private pump(): void {
    if (this.timer !== undefined) return;
    for (;;) {
      const now = this.clock.now();
      if (!this.nextWaiting(now)) return;
      const readyAt = Math.max(this.lastStart + this.intervalMs, this.pausedUntil);
      if (now < readyAt) {
        this.timer = this.clock.setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, readyAt - now);
        return;
      }
      const waiter = this.nextWaiting(now)!.shift();
      this.lastStart = now;
      this.granted += 1;
      waiter?.resolve();
    }
  }
}
