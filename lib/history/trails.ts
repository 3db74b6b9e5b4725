import "server-only";
import type { Database } from "@/lib/db/database";
import {
  DAY_MS,
  dayOf,
  historyQueries,
  type HistoryQueries,
  type PositionRow,
  type Span,
} from "@/lib/db/history";
import type { Priority } from "@/lib/fleetup";
import { deriveStatus, type StatusThresholds } from "@/lib/fleet/status";
import type { Trail } from "@/lib/fleet/live";
import type { EpochMs, LatLng, Position } from "@/lib/fleet/types";
import type { FleetSource } from "@/lib/live/source";
import { positionRow } from "./rows";

export type TrailOptions = {
  database: () => Promise<Database>;
  source: Pick<FleetSource, "gpsHistory">;
  historyDays: number;
  thresholds: StatusThresholds;
  now?: () => EpochMs;
  log?: (line: string) => void;
};

const HOUR_MS = 3_600_000;
const TRAIL_WINDOW_MS = HOUR_MS;
/** Many people opening the same vehicle within this long share one read. */
const SHARED_READ_MS = 2_000;
/** A gap shorter than this (a leader handing over) is not worth a FleetUp call. */
const MIN_GAP_MS = 60_000;
/** Trip lines asked within this long share one read. */
const SHARED_TRIP_MS = 10_000;
/** A trip's line goes back at most this far. */
const MAX_TRIP_MS = 12 * HOUR_MS;
/** At most this many trips' lines per request. */
export const MAX_TRIPS = 200;
/** Points closer than this (degrees, about 10 m) to the last one kept add nothing to a line. */
const THIN_DEGREES = 1e-4;
const MAX_TRIP_POINTS = 500;
/** A failed ask is tried again after this long (one that succeeded, never). */
const RETRY_FAILED_MS = 10 * 60_000;

const BACKGROUND: Priority = "background";

/**
 * Trails and tracks from the recording. A period the recording covers never costs a FleetUp
 * call; what it does not cover (before it started, an outage) is asked from FleetUp's /gpsdata
 * once, at background priority, stored, and never asked for again: each missing span is cut at
 * hour boundaries and claimed in the database before the call, so another request or instance
 * finds it claimed. Only a gap closed by recording after it is filled (during an outage FleetUp
 * is not answering anyway, and the gap closes when it does).
 */
export class RecordedTrails {
  private readonly reads = new Map<string, { at: EpochMs; trail: Promise<Trail> }>();
  private readonly tripLines = new Map<string, { at: EpochMs; upTo: EpochMs; points: LatLng[] }>();
  private readonly now: () => EpochMs;

  constructor(private readonly options: TrailOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The last hour of a vehicle's track, ending now. */
  async get(deviceId: string): Promise<Trail> {
    const held = this.reads.get(deviceId);
    if (held && this.now() - held.at < SHARED_READ_MS) return held.trail;
    const to = this.now();
    const from = to - TRAIL_WINDOW_MS;
    const trail = this.track(deviceId, from, to).then(({ rows, backfilling }) => ({
      points: rows
        .filter((row) => row.t >= from)
        .map((row): [number, number, EpochMs] => [row.lat / 1e5, row.lng / 1e5, row.t]),
      from,
      to,
      fetchedAt: this.now(),
      ...(backfilling ? { backfilling } : {}),
    }));
    this.reads.set(deviceId, { at: to, trail });
    if (this.reads.size > 500) this.reads.delete(this.reads.keys().next().value!);
    trail.catch(() => this.reads.delete(deviceId));
    return trail;
  }

  /**
   * The road each ongoing trip has taken so far, from the recording (never from FleetUp: a trip
   * that began before the recording shows from where the recording began), thinned to a point
   * every few metres. Each trip's line is kept and only its newest fixes read again.
   */
  async tripTrails(
    trips: ReadonlyArray<{ id: string; deviceId: string; startTime: EpochMs }>,
  ): Promise<Record<string, LatLng[]>> {
    const now = this.now();
    const queries = historyQueries(await this.options.database());
    const devices = await queries.findDevices([...new Set(trips.map((trip) => trip.deviceId))]);
    const keys = new Map(devices.map((device) => [device.deviceId, device.key]));
    const lines: Record<string, LatLng[]> = {};
    for (const trip of trips) {
      const key = keys.get(trip.deviceId);
      if (key === undefined) continue;
      let held = this.tripLines.get(trip.id);
      if (!held || now - held.at >= SHARED_TRIP_MS) {
        const from = Math.max(held ? held.upTo + 1 : trip.startTime, now - MAX_TRIP_MS);
        const rows = (await queries.track(key, from, now)).filter((row) => row.t >= from);
        held = {
          at: now,
          upTo: rows.at(-1)?.t ?? held?.upTo ?? from,
          points: thin([
            ...(held?.points ?? []),
            ...rows.map((row): LatLng => [row.lat / 1e5, row.lng / 1e5]),
          ]),
        };
        this.tripLines.set(trip.id, held);
      }
      lines[trip.id] = held.points;
    }
    const ongoing = new Set(trips.map((trip) => trip.id));
    if (this.tripLines.size > 2 * MAX_TRIPS) {
      for (const id of this.tripLines.keys()) if (!ongoing.has(id)) this.tripLines.delete(id);
    }
    return lines;
  }

  /**
   * A vehicle's recorded positions from `from` to `to` (led by where it was at `from`), and
   * whether some of that span is being filled from FleetUp right now.
   */
  async track(
    deviceId: string,
    from: EpochMs,
    to: EpochMs,
  ): Promise<{ rows: PositionRow[]; backfilling: boolean }> {
    const queries = historyQueries(await this.options.database());
    const [device] = await queries.findDevices([deviceId]);
    const rows = device ? await queries.track(device.key, from, to) : [];
    const backfilling = await this.backfill(queries, deviceId, from, to);
    return { rows, backfilling };
  }

  /** Claims and starts asking for what the recording misses in the window; true while any is pending. */
  private async backfill(
    queries: HistoryQueries,
    deviceId: string,
    from: EpochMs,
    to: EpochMs,
  ): Promise<boolean> {
    const now = this.now();
    const horizon = (dayOf(now) - this.options.historyDays) * DAY_MS;
    // From the hour's start, so the spans cut from it are the same whoever asks, whenever.
    const start = Math.max(Math.floor(from / HOUR_MS) * HOUR_MS, horizon);
    const end = Math.min(to, now);
    if (end <= start) return false;
    const recorded = await queries.coverage(start, end);
    const claims = await queries.backfills(deviceId, start, end);
    // A span whose ask failed a while ago is missing again.
    const held = claims.filter(
      (claim) => claim.state !== "failed" || claim.askedAt >= now - RETRY_FAILED_MS,
    );
    const pieces = missingPieces(start, end, recorded, held);
    let pending = claims.some((claim) => claim.state === "pending" && claim.to > from);
    for (const piece of pieces) {
      if (!(await queries.claimBackfill(deviceId, piece, now, now - RETRY_FAILED_MS))) continue;
      pending = true;
      void this.fetch(queries, deviceId, piece);
    }
    return pending;
  }

  private async fetch(queries: HistoryQueries, deviceId: string, piece: Span) {
    try {
      const positions = await this.options.source.gpsHistory(
        deviceId,
        piece.from,
        piece.to,
        BACKGROUND,
      );
      const inSpan = positions.filter(
        (p): p is Position & { fixTime: EpochMs } =>
          p.fixTime !== undefined && p.fixTime >= piece.from && p.fixTime <= piece.to,
      );
      if (inSpan.length > 0) {
        const key = (await queries.deviceKeys([{ deviceId }], this.now())).get(deviceId)!;
        const rows = inSpan.map((position) =>
          backfilledRow(position, key, this.options.thresholds),
        );
        await queries.ensurePartitions("history_positions", [
          ...new Set(rows.map((row) => dayOf(row.t))),
        ]);
        for (let at = 0; at < rows.length; at += 500) {
          await queries.insertPositions(rows.slice(at, at + 500));
        }
      }
      await queries.finishBackfill(deviceId, piece.from, { state: "done", points: inSpan.length });
    } catch (error) {
      this.options.log?.(
        `[history] FleetUp's track of ${deviceId} could not be filled in (${error instanceof Error ? error.message.split("\n")[0] : "unknown"}); asked again in ${RETRY_FAILED_MS / 60_000} min`,
      );
      await queries
        .finishBackfill(deviceId, piece.from, { state: "failed", points: 0 })
        .catch(() => {});
    }
  }
}

function backfilledRow(
  position: Position & { fixTime: EpochMs },
  key: number,
  thresholds: StatusThresholds,
): PositionRow {
  return positionRow(
    {
      id: position.deviceId,
      name: position.deviceId,
      lat: position.lat,
      lng: position.lng,
      speedKph: position.speedKph,
      headingDeg: position.headingDeg,
      fixTime: position.fixTime,
      status: deriveStatus(position, 0, thresholds),
      statusSince: position.fixTime,
    },
    key,
  );
}

/**
 * The parts of `start`..`end` neither recorded nor claimed, cut at hour boundaries: only gaps
 * with recording after them (a gap still open at the end is an outage going on), and none
 * shorter than a minute.
 */
export function missingPieces(
  start: EpochMs,
  end: EpochMs,
  recorded: readonly Span[],
  claimed: readonly Span[],
): Span[] {
  const covered = [...recorded, ...claimed].sort((a, b) => a.from - b.from);
  const gaps: Span[] = [];
  let cursor = start;
  for (const span of covered) {
    if (span.from > cursor) gaps.push({ from: cursor, to: Math.min(span.from, end) });
    cursor = Math.max(cursor, span.to);
    if (cursor >= end) break;
  }
  // A gap is filled only when the recording ran after it.
  const closed = gaps.filter(
    (gap) => gap.to < end && recorded.some((span) => span.from >= gap.to && span.from <= end),
  );
  const pieces: Span[] = [];
  for (const gap of closed) {
    for (let from = gap.from; from < gap.to;) {
      const to = Math.min(gap.to, (Math.floor(from / HOUR_MS) + 1) * HOUR_MS);
      if (to - from >= MIN_GAP_MS) pieces.push({ from, to });
      from = to;
    }
  }
  return pieces;
}

/** Drops points within a few metres of the last one kept; at most MAX_TRIP_POINTS, evenly. */
function thin(points: readonly LatLng[]): LatLng[] {
  const kept: LatLng[] = [];
  for (const point of points) {
    const last = kept.at(-1);
    if (
      !last ||
      Math.abs(point[0] - last[0]) > THIN_DEGREES ||
      Math.abs(point[1] - last[1]) > THIN_DEGREES
    ) {
      kept.push(point);
    }
  }
  if (kept.length <= MAX_TRIP_POINTS) return kept;
  const step = kept.length / MAX_TRIP_POINTS;
  return Array.from({ length: MAX_TRIP_POINTS }, (_, i) => kept[Math.floor(i * step)]!).concat([
    kept.at(-1)!,
  ]);
}
