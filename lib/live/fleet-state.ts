import "server-only";
import {
  FEED_NAMES,
  SNAPSHOT_ALERT_LIMIT,
  type FeedHealth,
  type FeedName,
  type FleetDelta,
  type FleetSnapshot,
} from "@/lib/fleet/live";
import { isNewerWork, mergeAlertWork, type AlertWork } from "@/lib/fleet/alert-work";
import type { StatusThresholds } from "@/lib/fleet/status";
import type { Alert, Device, EpochMs, Fence, Position, Trip } from "@/lib/fleet/types";
import { ALERT_RETENTION_MS, AlertLog } from "./alert-log";
import { VehicleTable } from "./vehicles";

/** What one poll brought; the state turns it into the next version and its delta. */
export type FeedUpdate =
  | { feed: "positions"; positions: readonly Position[] }
  | { feed: "devices"; devices: readonly Device[] }
  | { feed: "trips"; trips: readonly Trip[] }
  | { feed: "alerts"; alerts: readonly Alert[] }
  | { feed: "fences"; fences: readonly Fence[] };

/** A failed poll: our words (`message`) and FleetUp's (`upstream`, redacted), when it said any. */
export type FeedFailure = { kind: string; message: string; upstream?: string };

/** Positions older than this many poll intervals make the whole snapshot stale. */
const STALE_AFTER_INTERVALS = 3;

/**
 * The last good snapshot and its versions. Every completed poll, good or failed, makes one new
 * version and one delta; a failed poll changes only feed health and staleness, never the data,
 * so an outage shows the last good positions with their age.
 */
export class FleetState {
  private version = 0;
  private readonly vehicles: VehicleTable;
  private trips = new Map<string, Trip>();
  private fences: Fence[] = [];
  private readonly alerts = new AlertLog();
  /**
   * The work of every alert someone acted on in the alert log's window (lib/db is the truth;
   * the poller reads it in and is told of each change), held also before its alert arrives.
   */
  private readonly work = new Map<string, AlertWork>();
  private readonly feeds: Record<FeedName, FeedHealth>;
  private stale: { stale: boolean; reason?: string } = {
    stale: true,
    reason: "Waiting for the first positions from FleetUp",
  };

  constructor(
    intervals: Record<FeedName, number>,
    private readonly thresholds: StatusThresholds,
  ) {
    this.vehicles = new VehicleTable(thresholds);
    this.feeds = Object.fromEntries(
      FEED_NAMES.map((feed) => [feed, { intervalMs: intervals[feed], consecutiveFailures: 0 }]),
    ) as Record<FeedName, FeedHealth>;
  }

  /**
   * Continues from the snapshot the previous leader published (after a failover), so versions
   * stay monotonic for every open stream and nothing already shown is lost.
   */
  load(snapshot: FleetSnapshot, alerts: readonly Alert[] = snapshot.alerts): void {
    this.version = snapshot.version;
    this.vehicles.load(snapshot.vehicles);
    this.trips = new Map(snapshot.trips.map((trip) => [trip.id, trip]));
    this.fences = snapshot.fences;
    this.alerts.add(alerts, snapshot.generatedAt);
    for (const work of snapshot.alertWork ?? []) this.work.set(work.alertId, work);
    for (const feed of FEED_NAMES) {
      const previous = snapshot.feeds[feed];
      if (previous) this.feeds[feed] = { ...previous, intervalMs: this.feeds[feed].intervalMs };
    }
    this.stale = { stale: snapshot.stale, reason: snapshot.staleReason };
  }

  /**
   * Where a fresh deployment's versions begin (the clock, in ms): they then keep growing across
   * restarts, so a browser holding a version from before a restart is never ahead of the server.
   */
  startAt(version: number): void {
    this.version = version;
  }

  get currentVersion(): number {
    return this.version;
  }

  newestAlertTime(): EpochMs | undefined {
    return this.alerts.newestTime();
  }

  vehicleIds(): string[] {
    return this.vehicles.list().map((vehicle) => vehicle.id);
  }

  vehicle(id: string) {
    return this.vehicles.get(id);
  }

  staleness(): { stale: boolean; reason?: string } {
    return this.stale;
  }

  feedHealth(): Record<FeedName, FeedHealth> {
    return this.feeds;
  }

  succeeded(update: FeedUpdate, now: EpochMs): FleetDelta {
    const delta = this.begin(now);
    switch (update.feed) {
      case "positions":
        delta.vehicles = this.vehicles.applyPositions(update.positions, now);
        break;
      case "devices":
        delta.vehicles = this.vehicles.applyDevices(update.devices);
        break;
      case "trips":
        delta.trips = this.replaceTrips(update.trips);
        delta.vehicles = this.vehicles.applyTrips(update.trips);
        break;
      case "alerts": {
        const fresh = this.alerts.add(update.alerts, now);
        delta.alerts = fresh;
        // Work held for an alert that only now arrives (the poller started, or FleetUp was late).
        const work = this.workOf(fresh);
        if (work.length > 0) delta.alertWork = work;
        this.pruneWork(now);
        break;
      }
      case "fences":
        if (JSON.stringify(update.fences) !== JSON.stringify(this.fences)) {
          this.fences = [...update.fences];
          delta.fences = this.fences;
        }
        break;
    }
    const feed = this.feeds[update.feed];
    this.feeds[update.feed] = {
      intervalMs: feed.intervalMs,
      lastAttemptAt: now,
      lastSuccessAt: now,
      consecutiveFailures: 0,
    };
    return this.finish(delta, update.feed, now);
  }

  failed(feedName: FeedName, failure: FeedFailure, now: EpochMs): FleetDelta {
    const delta = this.begin(now);
    const feed = this.feeds[feedName];
    this.feeds[feedName] = {
      ...feed,
      lastAttemptAt: now,
      consecutiveFailures: feed.consecutiveFailures + 1,
      lastError: { ...failure, at: now },
    };
    return this.finish(delta, feedName, now);
  }

  /**
   * Takes changed alert work (an action on any instance, or the database read at start): a new
   * version with the work of the alerts in the log that it changed, or undefined when nothing
   * changed (an older version, or a repeat).
   */
  applyWork(updates: readonly AlertWork[], now: EpochMs): FleetDelta | undefined {
    const changed: AlertWork[] = [];
    for (const update of updates) {
      if (!isNewerWork(update, this.work.get(update.alertId))) continue;
      this.work.set(update.alertId, update);
      if (this.alerts.find(update.alertId)?.time === update.alertTime) changed.push(update);
    }
    this.pruneWork(now);
    if (changed.length === 0) return undefined;
    return this.next(now, { alertWork: changed });
  }

  /**
   * Alerts raised by this product rather than polled from FleetUp ("dwell exceeded", lib/history):
   * into the same alert log, and out in a new version like FleetUp's; undefined when all were
   * seen before.
   */
  raise(alerts: readonly Alert[], now: EpochMs): FleetDelta | undefined {
    const fresh = this.alerts.add(alerts, now);
    if (fresh.length === 0) return undefined;
    return this.next(now, { alerts: fresh });
  }

  /** A new version when time alone made the data stale (no poll has finished lately). */
  recheckStaleness(now: EpochMs): FleetDelta | undefined {
    const before = this.stale;
    this.stale = this.computeStale(now);
    if (before.stale === this.stale.stale && before.reason === this.stale.reason) return undefined;
    return this.next(now, {});
  }

  snapshot(now: EpochMs): FleetSnapshot {
    const alerts = this.alerts.recent(SNAPSHOT_ALERT_LIMIT);
    return {
      version: this.version,
      generatedAt: now,
      ...this.staleFields(),
      vehicles: this.vehicles.list(),
      trips: [...this.trips.values()],
      alerts,
      alertWork: this.workOf(alerts),
      fences: this.fences,
      feeds: this.feeds,
      thresholds: this.thresholds,
    };
  }

  private workOf(alerts: readonly Alert[]): AlertWork[] {
    return mergeAlertWork([...this.work.values()], [], alerts);
  }

  private pruneWork(now: EpochMs) {
    for (const [id, work] of this.work) {
      if (work.alertTime < now - ALERT_RETENTION_MS) this.work.delete(id);
    }
  }

  /** The next version, following the current one, with `changes` and no poll's feed health. */
  private next(now: EpochMs, changes: Partial<FleetDelta>): FleetDelta {
    const delta = this.begin(now);
    this.version += 1;
    return { ...delta, ...changes, version: this.version, ...this.staleFields() };
  }

  private begin(now: EpochMs): FleetDelta {
    return { version: this.version, baseVersion: this.version, generatedAt: now, stale: true };
  }

  private finish(delta: FleetDelta, feed: FeedName, now: EpochMs): FleetDelta {
    this.stale = this.computeStale(now);
    this.version += 1;
    return {
      ...delta,
      version: this.version,
      ...this.staleFields(),
      feeds: { [feed]: this.feeds[feed] },
    };
  }

  private staleFields() {
    return {
      stale: this.stale.stale,
      staleReason: this.stale.reason,
      positionsAt: this.feeds.positions.lastSuccessAt,
    };
  }

  private computeStale(now: EpochMs): { stale: boolean; reason?: string } {
    const positions = this.feeds.positions;
    if (positions.consecutiveFailures > 0 && positions.lastError) {
      return { stale: true, reason: positions.lastError.message };
    }
    if (positions.lastSuccessAt === undefined) {
      return { stale: true, reason: "Waiting for the first positions from FleetUp" };
    }
    if (now - positions.lastSuccessAt > STALE_AFTER_INTERVALS * positions.intervalMs) {
      return { stale: true, reason: "FleetUp has not answered lately" };
    }
    return { stale: false };
  }

  private replaceTrips(trips: readonly Trip[]): { upsert: Trip[]; remove: string[] } {
    const next = new Map(trips.map((trip) => [trip.id, trip]));
    const upsert = trips.filter(
      (trip) => JSON.stringify(this.trips.get(trip.id)) !== JSON.stringify(trip),
    );
    const remove = [...this.trips.keys()].filter((id) => !next.has(id));
    this.trips = next;
    return { upsert, remove };
  }
}
