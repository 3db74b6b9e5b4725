import "server-only";
import {
  SNAPSHOT_ALERT_LIMIT,
  type FeedHealth,
  type FeedName,
  type FleetDelta,
  type FleetSnapshot,
  type LiveVehicle,
} from "@/lib/fleet/live";
import { mergeAlertWork, type AlertWork } from "@/lib/fleet/alert-work";
import { DEFAULT_STATUS_THRESHOLDS, type StatusThresholds } from "@/lib/fleet/status";
import type { Alert, EpochMs, Fence, Trip } from "@/lib/fleet/types";

/**
 * What this instance serves to browsers: the snapshot as the polling instance (the leader)
 * publishes it, rebuilt from its deltas. With one instance the leader is this process; with
 * several, the deltas arrive over Redis. Every route reads this, never the poller's own state,
 * so all instances answer alike.
 */
export class FleetMirror {
  private version = 0;
  private stale = true;
  private staleReason: string | undefined = "Waiting for the first positions from FleetUp";
  private positionsAt: EpochMs | undefined;
  private readonly vehicles = new Map<string, LiveVehicle>();
  private readonly trips = new Map<string, Trip>();
  private alerts: Alert[] = [];
  /** The work of the alerts in `alerts` someone acted on. */
  private alertWork: AlertWork[] = [];
  private fences: Fence[] = [];
  private feeds: Partial<Record<FeedName, FeedHealth>> = {};
  /** When the leader was last heard from, by this instance's clock. */
  private heardAt = 0;

  /**
   * @param thresholds this instance's status settings, served until the leader's snapshot (which
   *   carries the leader's, by which every status was derived) replaces them.
   */
  constructor(
    private readonly now: () => EpochMs = Date.now,
    private thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
  ) {}

  get currentVersion(): number {
    return this.version;
  }

  get hasData(): boolean {
    return this.positionsAt !== undefined;
  }

  /** Replaces everything with a full snapshot (at start, or after missing deltas). */
  load(snapshot: FleetSnapshot): void {
    this.version = snapshot.version;
    this.stale = snapshot.stale;
    this.staleReason = snapshot.staleReason;
    this.positionsAt = snapshot.positionsAt;
    this.vehicles.clear();
    for (const vehicle of snapshot.vehicles) this.vehicles.set(vehicle.id, vehicle);
    this.trips.clear();
    for (const trip of snapshot.trips) this.trips.set(trip.id, trip);
    this.alerts = snapshot.alerts;
    this.alertWork = snapshot.alertWork ?? [];
    this.fences = snapshot.fences;
    this.feeds = snapshot.feeds;
    // A snapshot stored by a leader from before thresholds were published carries none.
    this.thresholds = snapshot.thresholds ?? this.thresholds;
    this.heardAt = this.now();
  }

  /**
   * Applies the next delta: "applied"; "old" when already held (nothing changes); "gap" when it
   * does not follow the version held (a delta was missed; the caller loads a full snapshot).
   */
  apply(delta: FleetDelta): "applied" | "old" | "gap" {
    if (delta.version <= this.version) return "old";
    if (!this.follows(delta)) return "gap";
    this.version = delta.version;
    this.stale = delta.stale;
    this.staleReason = delta.staleReason;
    this.positionsAt = delta.positionsAt;
    for (const vehicle of delta.vehicles?.upsert ?? []) this.vehicles.set(vehicle.id, vehicle);
    for (const id of delta.vehicles?.remove ?? []) this.vehicles.delete(id);
    for (const trip of delta.trips?.upsert ?? []) this.trips.set(trip.id, trip);
    for (const id of delta.trips?.remove ?? []) this.trips.delete(id);
    if (delta.alerts?.length) {
      const known = new Set(delta.alerts.map((alert) => alert.id));
      this.alerts = [...delta.alerts, ...this.alerts.filter((alert) => !known.has(alert.id))];
      this.alerts.length = Math.min(this.alerts.length, SNAPSHOT_ALERT_LIMIT);
    }
    if (delta.alerts?.length || delta.alertWork?.length) {
      this.alertWork = mergeAlertWork(this.alertWork, delta.alertWork ?? [], this.alerts);
    }
    if (delta.fences) this.fences = delta.fences;
    if (delta.feeds) this.feeds = { ...this.feeds, ...delta.feeds };
    this.heardAt = this.now();
    return "applied";
  }

  /** Whether `delta` is the next one: made from the version held. */
  follows(delta: FleetDelta): boolean {
    return delta.version > this.version && delta.baseVersion === this.version;
  }

  vehicle(id: string): LiveVehicle | undefined {
    return this.vehicles.get(id);
  }

  vehicleCount(): number {
    return this.vehicles.size;
  }

  trip(id: string | undefined): Trip | undefined {
    return id === undefined ? undefined : this.trips.get(id);
  }

  /** An alert this instance serves (the last 24 hours, at most SNAPSHOT_ALERT_LIMIT). */
  findAlert(id: string): Alert | undefined {
    return this.alerts.find((alert) => alert.id === id);
  }

  alertList(): Alert[] {
    return this.alerts;
  }

  /** The work of the alerts served that someone acted on. */
  alertWorkList(): AlertWork[] {
    return this.alertWork;
  }

  fenceList(): Fence[] {
    return this.fences;
  }

  feedHealth(): Partial<Record<FeedName, FeedHealth>> {
    return this.feeds;
  }

  /**
   * Stale as the leader says, or because the leader has gone quiet: no delta for three
   * positions intervals means nobody is polling FleetUp for this instance.
   */
  staleness(): { stale: boolean; reason?: string } {
    const interval = this.feeds.positions?.intervalMs;
    if (this.hasData && interval !== undefined && this.now() - this.heardAt > 3 * interval) {
      return { stale: true, reason: "Lost contact with the instance that polls FleetUp" };
    }
    return { stale: this.stale, reason: this.staleReason };
  }

  snapshot(): FleetSnapshot {
    const staleness = this.staleness();
    return {
      version: this.version,
      generatedAt: this.now(),
      stale: staleness.stale,
      staleReason: staleness.reason,
      positionsAt: this.positionsAt,
      vehicles: [...this.vehicles.values()],
      trips: [...this.trips.values()],
      alerts: this.alerts,
      alertWork: this.alertWork,
      fences: this.fences,
      feeds: this.feeds,
      thresholds: this.thresholds,
    };
  }
}
