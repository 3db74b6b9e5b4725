/**
 * Recorded history as the server sends it and replay reads it. Isomorphic and pure: lib/history
 * builds these on the server; the replay in the browser asks "where was it at t" of them.
 */
import type { LiveVehicle } from "./live";
import { VEHICLE_STATUSES, type StatusThresholds, type VehicleStatus } from "./status";
import type { AlertSeverity, EpochMs, LatLng } from "./types";

/**
 * One recorded fix, compact for the wire: `[t, lat, lng, speedKph, headingDeg, status, ageS]`.
 * `t` is when the fix was taken (or, on a day's first row, when it was recorded: then `ageS` says
 * how old the fix was), `status` the index in VEHICLE_STATUSES; speed and heading may be null.
 */
export type PointTuple = [
  t: EpochMs,
  lat: number,
  lng: number,
  speedKph: number | null,
  headingDeg: number | null,
  status: number,
  ageS: number,
];

export type TrackPoint = {
  t: EpochMs;
  lat: number;
  lng: number;
  speedKph?: number;
  headingDeg?: number;
  status: VehicleStatus;
  /** When the fix was taken. */
  fixTime: EpochMs;
};

export function decodePoint(tuple: PointTuple): TrackPoint {
  const [t, lat, lng, speedKph, headingDeg, status, ageS] = tuple;
  return {
    t,
    lat,
    lng,
    ...(speedKph === null ? {} : { speedKph }),
    ...(headingDeg === null ? {} : { headingDeg }),
    status: VEHICLE_STATUSES[status] ?? "stopped",
    fixTime: t - ageS * 1000,
  };
}

/** The last point at or before `t` (points oldest first), or undefined before the first. */
export function pointAt<P extends { t: EpochMs }>(points: readonly P[], t: EpochMs): P | undefined {
  let low = 0;
  let high = points.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (points[middle]!.t <= t) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found < 0 ? undefined : points[found];
}

/** The line driven from `from` to `t`: the position at `from`, then every fix up to `t`. */
export function trailUntil(points: readonly TrackPoint[], from: EpochMs, t: EpochMs): LatLng[] {
  const trail: LatLng[] = [];
  for (const point of points) {
    if (point.t > t) break;
    if (point.t < from) {
      trail.length = 0; // only the last fix before `from` leads the line
    }
    const last = trail.at(-1);
    if (!last || last[0] !== point.lat || last[1] !== point.lng) trail.push([point.lat, point.lng]);
  }
  return trail;
}

/** Where a vehicle stood still for a while. */
export type Stop = { from: EpochMs; to: EpochMs; lat: number; lng: number };

/** A stop lasts at least this long: a red light is not a stop. */
export const MIN_STOP_MS = 2 * 60_000;

/**
 * The stops in a track: runs of fixes below the moving speed that last at least `minMs`, from
 * the first still fix to the first moving one after it (or the last fix).
 */
export function stopsOf(
  points: readonly TrackPoint[],
  thresholds: Pick<StatusThresholds, "movingKph">,
  minMs = MIN_STOP_MS,
): Stop[] {
  const stops: Stop[] = [];
  let start: TrackPoint | undefined;
  const close = (end: EpochMs) => {
    if (start && end - start.t >= minMs) {
      stops.push({ from: start.t, to: end, lat: start.lat, lng: start.lng });
    }
    start = undefined;
  };
  for (const point of points) {
    const still = point.status !== "moving" && (point.speedKph ?? 0) < thresholds.movingKph;
    if (still) start ??= point;
    else close(point.t);
  }
  if (start) close(points.at(-1)!.t);
  return stops;
}

/** How a replayed vehicle is drawn at `t`: its fix then, faded and offline by its age at `t`. */
export function replayVehicle(
  identity: { id: string; name: string },
  point: TrackPoint,
  t: EpochMs,
  thresholds: StatusThresholds,
): LiveVehicle {
  const offline = t - point.fixTime > thresholds.offlineAfterMs;
  return {
    id: identity.id,
    name: identity.name,
    lat: point.lat,
    lng: point.lng,
    speedKph: point.speedKph,
    headingDeg: point.headingDeg,
    fixTime: point.fixTime,
    status: offline ? "offline" : point.status,
    statusSince: point.t,
  };
}

/** Something recorded besides positions: a status change, a trip's start or end, an alert, a fence entry or exit. */
export type HistoryEvent = {
  t: EpochMs;
  kind: "status" | "trip_start" | "trip_end" | "alert" | "fence_enter" | "fence_exit";
  deviceId?: string;
  /** What it was: the alert's type and severity, the statuses, the fence… */
  label: string;
  severity?: AlertSeverity;
  fenceId?: string;
  position?: LatLng;
};

/** A stay inside a fence; `exitedAt` null while it lasts. */
export type FenceStay = {
  fenceId: string;
  fenceName: string;
  deviceId: string;
  enteredAt: EpochMs;
  exitedAt: EpochMs | null;
};

export type TimeSpan = { from: EpochMs; to: EpochMs };

/** GET /api/history/vehicles/{id}: one vehicle's recorded track and what happened on it. */
export type VehicleHistory = {
  vehicle: { id: string; name: string };
  from: EpochMs;
  to: EpochMs;
  /** Oldest first; the first may be before `from` (where the vehicle was at `from`). */
  points: PointTuple[];
  events: HistoryEvent[];
  visits: FenceStay[];
  /** Parts of the range being filled from FleetUp right now (ask again in a few seconds). */
  backfilling: boolean;
};

/** GET /api/history/fleet: the whole fleet over a range, for the scrub bar. */
export type FleetHistory = {
  from: EpochMs;
  to: EpochMs;
  events: HistoryEvent[];
  visits: FenceStay[];
  /** True when there were more events than sent (the newest are left out). */
  truncated: boolean;
};

/**
 * GET /api/history/fleet/frames: where every vehicle was at `at`, and every fix after it up to
 * `at + span`. A point is `[device index, ...PointTuple]`, the index into `devices`.
 */
export type FleetFrames = {
  at: EpochMs;
  span: number;
  devices: Array<{ id: string; name: string }>;
  start: FramePoint[];
  changes: FramePoint[];
  /** True when the changes stop early (too many): `changes`' last time is where they end. */
  truncated: boolean;
};

export type FramePoint = [device: number, ...PointTuple];

/** Each device's point at `t` within one frame (t from `at` to `at + span`), by device index. */
export function fleetPointsAt(frames: FleetFrames, t: EpochMs): Map<number, TrackPoint> {
  const points = new Map<number, TrackPoint>();
  const take = ([device, ...tuple]: FramePoint) => points.set(device, decodePoint(tuple));
  for (const point of frames.start) take(point);
  for (const point of frames.changes) {
    if (point[1] > t) break;
    take(point);
  }
  return points;
}

/** One line of "since you last looked": who or where, when, and what happened. */
export type LookLine = {
  at: EpochMs;
  deviceId?: string;
  fenceId?: string;
  /** The vehicle's (or fence's) name. */
  name: string;
  text: string;
  severity?: AlertSeverity;
};

/** GET /api/me/last-look: what happened since this person last had the dashboard open. */
export type SinceLastLook = {
  /** Their last look; null on a first visit (nothing to summarise). */
  since: EpochMs | null;
  now: EpochMs;
  newAlerts: LookLine[];
  /** Alerts from before the last look that are still open. */
  openAlerts: LookLine[];
  wentOffline: LookLine[];
  cameBack: LookLine[];
  restrictedEntries: LookLine[];
  tripsStarted: LookLine[];
  tripsEnded: LookLine[];
};
