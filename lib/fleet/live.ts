/**
 * What the server streams to browsers: the fleet snapshot and the deltas between versions.
 * Isomorphic: lib/live builds these on the server, lib/queries applies them in the browser.
 */
import { mergeAlertWork, type AlertWork } from "./alert-work";
import type { Alert, EpochMs, Fence, Trip } from "./types";
import type { StatusThresholds, VehicleStatus } from "./status";

/** A vehicle as the map draws it: its device, its latest good fix and what it is doing. */
export type LiveVehicle = {
  id: string;
  name: string;
  plate?: string;
  driver?: string;
  deviceType?: string;
  lat: number;
  lng: number;
  speedKph?: number;
  headingDeg?: number;
  /** When the device took the fix (or, when FleetUp sends no fix time, when we first saw it). */
  fixTime: EpochMs;
  status: VehicleStatus;
  /** Since when the vehicle has had this status, epoch ms. */
  statusSince: EpochMs;
  /** The ongoing trip's id, when the vehicle is on one. */
  tripId?: string;
};

export const FEED_NAMES = ["positions", "trips", "alerts", "fences", "devices"] as const;
export type FeedName = (typeof FEED_NAMES)[number];

/**
 * How one polled feed is doing. `message` is ours, for a dispatcher; `upstream` is FleetUp's own
 * words for the operator (its error body, redacted of every secret and token, at most 500
 * characters).
 */
export type FeedHealth = {
  intervalMs: number;
  lastAttemptAt?: EpochMs;
  lastSuccessAt?: EpochMs;
  consecutiveFailures: number;
  lastError?: { kind: string; message: string; upstream?: string; at: EpochMs };
};

export type FleetSnapshot = {
  /** Monotonic; every change to anything below makes a new version. */
  version: number;
  generatedAt: EpochMs;
  /** True when the positions are not current (FleetUp failing or slow); `staleReason` says why. */
  stale: boolean;
  staleReason?: string;
  /** When the positions were last fetched successfully. */
  positionsAt?: EpochMs;
  vehicles: LiveVehicle[];
  /** Ongoing trips, each joined to its vehicle by `deviceId`. */
  trips: Trip[];
  /** Alerts of the last 24 hours, newest first. */
  alerts: Alert[];
  /**
   * The work (acknowledged, claimed, resolved…) of those alerts someone acted on; an alert with
   * none here is new. Absent from a snapshot stored before alert work existed.
   */
  alertWork?: AlertWork[];
  fences: Fence[];
  /**
   * Each feed's health. A feed is absent until the poller has run it once, and an instance just
   * started sends none until it hears from the poller: readers must not assume any is there.
   */
  feeds: Partial<Record<FeedName, FeedHealth>>;
  /**
   * How the server derives status and fades old fixes (STATUS_MOVING_KPH, STATUS_OFFLINE_AFTER_S,
   * STATUS_OLD_FIX_S). They reach the browser here, so the map fades by the server's rules.
   */
  thresholds: StatusThresholds;
};

/** The change from `baseVersion` to `version`. Absent parts did not change. */
export type FleetDelta = {
  version: number;
  baseVersion: number;
  generatedAt: EpochMs;
  stale: boolean;
  staleReason?: string;
  positionsAt?: EpochMs;
  vehicles?: { upsert: LiveVehicle[]; remove: string[] };
  trips?: { upsert: Trip[]; remove: string[] };
  /** New alerts, newest first. */
  alerts?: Alert[];
  /** Alert work that changed (a newer version of an alert's work replaces the older). */
  alertWork?: AlertWork[];
  /** The whole fence list, when it changed (fences change rarely and are few). */
  fences?: Fence[];
  feeds?: Partial<Record<FeedName, FeedHealth>>;
};

/** Keeps at most this many alerts in a snapshot; older ones stay in the server's alert log. */
export const SNAPSHOT_ALERT_LIMIT = 1000;

function mergeById<T extends { id: string }>(
  items: readonly T[],
  upsert: readonly T[],
  remove: readonly string[],
): T[] {
  if (upsert.length === 0 && remove.length === 0) return items as T[];
  const changed = new Map(upsert.map((item) => [item.id, item]));
  const removed = new Set(remove);
  const next: T[] = [];
  for (const item of items) {
    if (removed.has(item.id)) continue;
    const replacement = changed.get(item.id);
    next.push(replacement ?? item);
    changed.delete(item.id);
  }
  return next.concat([...changed.values()]);
}

const indexes = new WeakMap<readonly { id: string }[], ReadonlyMap<string, { id: string }>>();

/**
 * A list's items by id, made once per list. `applyDelta` passes on a list no delta changed as
 * the same array, so one index serves every version until its list changes (the mirror's
 * lookups, the browser's delta decoding). A list is not changed in place once indexed.
 */
export function byId<T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  let index = indexes.get(items) as ReadonlyMap<string, T> | undefined;
  if (!index) {
    index = new Map(items.map((item) => [item.id, item]));
    indexes.set(items, index);
  }
  return index;
}

/**
 * What a delta means to whoever holds version `held`: "next" when it was made from that version
 * (apply it), "old" when that version already has it (a replay after a reconnect: nothing to
 * do), "gap" when a delta between them was missed (load a full snapshot). The one rule of the
 * server's mirror and the browser's cache.
 */
export function deltaStep(
  held: number,
  delta: Pick<FleetDelta, "version" | "baseVersion">,
): "next" | "old" | "gap" {
  if (delta.version <= held) return "old";
  return delta.baseVersion === held ? "next" : "gap";
}

/**
 * Applies a delta to the snapshot it was made from. Returns the snapshot unchanged when the
 * delta does not follow it (the caller then needs a full snapshot).
 */
export function applyDelta(snapshot: FleetSnapshot, delta: FleetDelta): FleetSnapshot {
  if (deltaStep(snapshot.version, delta) !== "next") return snapshot;
  const alerts = delta.alerts?.length
    ? dedupeAlerts([...delta.alerts, ...snapshot.alerts]).slice(0, SNAPSHOT_ALERT_LIMIT)
    : snapshot.alerts;
  const alertWork =
    delta.alerts?.length || delta.alertWork?.length
      ? mergeAlertWork(snapshot.alertWork ?? [], delta.alertWork ?? [], alerts)
      : snapshot.alertWork;
  return {
    version: delta.version,
    generatedAt: delta.generatedAt,
    stale: delta.stale,
    staleReason: delta.staleReason,
    positionsAt: delta.positionsAt,
    vehicles: delta.vehicles
      ? mergeById(snapshot.vehicles, delta.vehicles.upsert, delta.vehicles.remove)
      : snapshot.vehicles,
    trips: delta.trips
      ? mergeById(snapshot.trips, delta.trips.upsert, delta.trips.remove)
      : snapshot.trips,
    alerts,
    alertWork,
    fences: delta.fences ?? snapshot.fences,
    feeds: delta.feeds ? { ...snapshot.feeds, ...delta.feeds } : snapshot.feeds,
    thresholds: snapshot.thresholds,
  };
}

function dedupeAlerts(alerts: Alert[]): Alert[] {
  const seen = new Set<string>();
  return alerts.filter((alert) => !seen.has(alert.id) && Boolean(seen.add(alert.id)));
}

/** A vehicle's recent trail, as GET /api/fleet/vehicles/{id} sends it. */
export type Trail = {
  /** `[lat, lng, time]`, oldest first. */
  points: [number, number, EpochMs][];
  from: EpochMs;
  to: EpochMs;
  fetchedAt: EpochMs;
  /** Part of the window is being asked from FleetUp (not recorded): ask again shortly. */
  backfilling?: boolean;
};

/** GET /api/fleet/vehicles/{id}: one vehicle, its ongoing trip and its recent trail. */
export type VehicleDetail = {
  vehicle: LiveVehicle;
  trip: Trip | null;
  /** null when the trail could not be had; `trailError` then says why. */
  trail: Trail | null;
  trailError: string | null;
};

/** GET /api/fleet/fences: the fences, and when they were last fetched (null: not yet). */
export type FenceList = { fences: Fence[]; fetchedAt: EpochMs | null };

/** A stream's heartbeat event: the server's clock and the version it holds. */
export type Heartbeat = { time: EpochMs; version: number };
