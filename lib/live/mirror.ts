import "server-only";
import {
  applyDelta,
  byId,
  deltaStep,
  type FeedHealth,
  type FeedName,
  type FleetDelta,
  type FleetSnapshot,
  type LiveVehicle,
} from "@/lib/fleet/live";
import type { AlertWork } from "@/lib/fleet/alert-work";
import { DEFAULT_STATUS_THRESHOLDS, type StatusThresholds } from "@/lib/fleet/status";
import type { Alert, EpochMs, Fence, Trip } from "@/lib/fleet/types";

/**
 * What this instance serves to browsers: the snapshot as the polling instance (the leader)
 * publishes it, rebuilt from its deltas. With one instance the leader is this process; with
 * several, the deltas arrive over Redis. Every route reads this, never the poller's own state,
 * so all instances answer alike.
 */
export class FleetMirror {
  private held: FleetSnapshot;
  /** When the leader was last heard from, by this instance's clock. */
  private heardAt = 0;

  /**
   * @param thresholds this instance's status settings, served until the leader's snapshot (which
   *   carries the leader's, by which every status was derived) replaces them.
   */
  constructor(
    private readonly now: () => EpochMs = Date.now,
    thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
  ) {
    this.held = {
      version: 0,
      generatedAt: 0,
      stale: true,
      staleReason: "Waiting for the first positions from FleetUp",
      positionsAt: undefined,
      vehicles: [],
      trips: [],
      alerts: [],
      alertWork: [],
      fences: [],
      feeds: {},
      thresholds,
    };
  }

  get currentVersion(): number {
    return this.held.version;
  }

  get hasData(): boolean {
    return this.held.positionsAt !== undefined;
  }

  /** Replaces everything with a full snapshot (at start, or after missing deltas). */
  load(snapshot: FleetSnapshot): void {
    // A snapshot stored by a leader from before thresholds were published carries none.
    this.held = {
      ...snapshot,
      alertWork: snapshot.alertWork ?? [],
      thresholds: snapshot.thresholds ?? this.held.thresholds,
    };
    this.heardAt = this.now();
  }

  /**
   * Applies the next delta (lib/fleet/live.ts's applyDelta, as the browser does): "applied";
   * "old" when already held (nothing changes); "gap" when it does not follow the version held
   * (a delta was missed; the caller loads a full snapshot).
   */
  apply(delta: FleetDelta): "applied" | "old" | "gap" {
    const step = deltaStep(this.held.version, delta);
    if (step !== "next") return step;
    this.held = applyDelta(this.held, delta);
    this.heardAt = this.now();
    return "applied";
  }

  /** Whether `delta` is the next one: made from the version held. */
  follows(delta: FleetDelta): boolean {
    return deltaStep(this.held.version, delta) === "next";
  }

  vehicle(id: string): LiveVehicle | undefined {
    return byId(this.held.vehicles).get(id);
  }

  vehicleCount(): number {
    return this.held.vehicles.length;
  }

  trip(id: string | undefined): Trip | undefined {
    return id === undefined ? undefined : byId(this.held.trips).get(id);
  }

  /** An alert this instance serves (the last 24 hours, at most SNAPSHOT_ALERT_LIMIT). */
  findAlert(id: string): Alert | undefined {
    return this.held.alerts.find((alert) => alert.id === id);
  }

  alertList(): Alert[] {
    return this.held.alerts;
  }

  /** The work of the alerts served that someone acted on. */
  alertWorkList(): AlertWork[] {
    return this.held.alertWork ?? [];
  }

  fenceList(): Fence[] {
    return this.held.fences;
  }

  feedHealth(): Partial<Record<FeedName, FeedHealth>> {
    return this.held.feeds;
  }

  /**
   * Stale as the leader says, or because the leader has gone quiet: no delta for three
   * positions intervals means nobody is polling FleetUp for this instance.
   */
  staleness(): { stale: boolean; reason?: string } {
    const interval = this.held.feeds.positions?.intervalMs;
    if (this.hasData && interval !== undefined && this.now() - this.heardAt > 3 * interval) {
      return { stale: true, reason: "Lost contact with the instance that polls FleetUp" };
    }
    return { stale: this.held.stale, reason: this.held.staleReason };
  }

  snapshot(): FleetSnapshot {
    const staleness = this.staleness();
    return {
      ...this.held,
      generatedAt: this.now(),
      stale: staleness.stale,
      staleReason: staleness.reason,
    };
  }
}
