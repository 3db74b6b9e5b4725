import "server-only";
import type { FeedName, FleetDelta } from "@/lib/fleet/live";
import type { EpochMs } from "@/lib/fleet/types";
import { isFleetUpError } from "@/lib/fleetup";
import { describeFailure } from "./describe-failure";
import type { FeedUpdate, FleetState } from "./fleet-state";
import type { FleetSource } from "./source";

export type SchedulerOptions = {
  intervals: Record<FeedName, number>;
  /** How far back the alert log is filled at start (FleetUp's alert history allows 24 h). */
  backfillMs: number;
  now?: () => EpochMs;
};

/** Alerts are asked for from a little before the newest one seen, so late arrivals are not lost. */
export const ALERT_OVERLAP_MS = 10 * 60_000;
/** When FleetUp asks us to slow down, a feed waits up to this many intervals (or its Retry-After). */
export const MAX_BACKOFF_INTERVALS = 4;
/** …and never more than five minutes (or one interval, if that is longer). */
export const MAX_BACKOFF_MS = 5 * 60_000;
const STALENESS_CHECK_MS = 2_000;

/**
 * How long a failed feed waits, by what the failure says. FleetUp asking us to slow down (a 429,
 * a Retry-After) or refusing the request itself (a 4xx, which trying again soon will not change)
 * backs off: 2×, then 4× the interval, or the Retry-After if longer. An outage (no answer, a
 * timeout, a 5xx) does not: one try per interval costs FleetUp almost nothing and puts the map
 * back within one interval of FleetUp answering again.
 */
export function slowsDown(error: unknown): { retryAfterMs?: number } | undefined {
  if (!isFleetUpError(error)) return undefined;
  if (error.kind === "rate_limited" || error.retryAfterMs !== undefined) {
    return { retryAfterMs: error.retryAfterMs };
  }
  const refused =
    error.kind === "auth" ||
    (error.status !== undefined &&
      error.status >= 400 &&
      error.status < 500 &&
      error.status !== 408);
  return refused ? {} : undefined;
}

/**
 * The one poller of the deployment. Each feed runs on its own cadence; every call goes through
 * the adapter's single request budget, so the schedule can ask freely and FleetUp still sees at
 * most its limit. A failure leaves the last good data in place, marked stale; it slows that feed
 * down only when FleetUp asked for it or refused the request (see `slowsDown`). `stop` ends it at
 * once: timers cleared and every call under way cancelled, with whatever it would have called
 * next (an instance that stops leading must not go on calling FleetUp beside the new leader).
 */
export class Scheduler {
  private readonly timers = new Map<FeedName, ReturnType<typeof setTimeout>>();
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private running = false;
  private calls = new AbortController();
  private readonly now: () => EpochMs;
  private readonly startedAt: EpochMs;

  constructor(
    private readonly source: FleetSource,
    private readonly state: FleetState,
    private readonly publish: (delta: FleetDelta) => void,
    private readonly options: SchedulerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.calls = new AbortController();
    for (const feed of Object.keys(this.options.intervals) as FeedName[]) this.schedule(feed, 0);
    this.watchdog = setInterval(() => {
      const delta = this.state.recheckStaleness(this.now());
      if (delta) this.publish(delta);
    }, STALENESS_CHECK_MS);
    this.watchdog.unref?.();
  }

  stop(): void {
    this.running = false;
    this.calls.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    clearInterval(this.watchdog);
  }

  private schedule(feed: FeedName, delayMs: number) {
    const timer = setTimeout(() => void this.run(feed), Math.max(0, delayMs));
    timer.unref?.();
    this.timers.set(feed, timer);
  }

  private async run(feed: FeedName) {
    if (!this.running) return;
    const started = this.now();
    const deviceIds = this.state.vehicleIds();
    if (feed === "alerts" && deviceIds.length === 0) {
      // Alerts are asked for per device: wait for the first positions to know the devices.
      this.schedule(feed, 1_000);
      return;
    }
    let failure: unknown = undefined;
    try {
      const update = await this.fetch(feed, deviceIds);
      if (!this.running) return;
      this.publish(this.state.succeeded(update, this.now()));
    } catch (error) {
      if (!this.running) return;
      failure = error;
      this.publish(this.state.failed(feed, describeFailure(error), this.now()));
    }
    this.schedule(feed, this.nextDelay(feed, started, failure));
  }

  private nextDelay(feed: FeedName, started: EpochMs, failure: unknown): number {
    const interval = this.options.intervals[feed];
    const slow = failure === undefined ? undefined : slowsDown(failure);
    if (!slow) return started + interval - this.now();
    const failures = this.state.feedHealth()[feed].consecutiveFailures;
    const factor = Math.min(2 ** failures, MAX_BACKOFF_INTERVALS);
    const wait = Math.max(interval * factor, slow.retryAfterMs ?? 0);
    return Math.min(wait, Math.max(MAX_BACKOFF_MS, interval));
  }

  private async fetch(feed: FeedName, deviceIds: string[]): Promise<FeedUpdate> {
    const { signal } = this.calls;
    switch (feed) {
      case "positions":
        return { feed, positions: await this.source.latestPositions(signal) };
      case "devices":
        return { feed, devices: await this.source.devices(signal) };
      case "trips":
        return { feed, trips: await this.source.ongoingTrips(signal) };
      case "fences":
        return { feed, fences: await this.source.fences(signal) };
      case "alerts": {
        // First the last 24 h (so a restart loses nothing), then only what is new.
        const lastPoll = this.state.feedHealth().alerts.lastSuccessAt;
        const newest = Math.max(this.state.newestAlertTime() ?? 0, lastPoll ?? 0);
        const since =
          lastPoll === undefined
            ? this.startedAt - this.options.backfillMs
            : newest - ALERT_OVERLAP_MS;
        return { feed, alerts: await this.source.alertsSince(since, deviceIds, signal) };
      }
    }
  }
}
