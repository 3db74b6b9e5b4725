import "server-only";
import { z } from "zod";
import type { Database } from "@/lib/db/database";
import { fenceOccupancyQueries } from "@/lib/db/fence-occupancy";
import { DAY_MS, dayOf, historyQueries } from "@/lib/db/history";
import type { FleetFrames, FleetHistory, FramePoint, VehicleHistory } from "@/lib/fleet/history";
import type { EpochMs, Fence } from "@/lib/fleet/types";
import { HttpError } from "@/lib/http/http-error";
import type { FleetMirror } from "@/lib/live/mirror";
import type { RecordedTrails } from "./trails";
import { fenceStay, historyEvent, pointTuple } from "./rows";

/** Replay's reads of the recording: one vehicle's range, the fleet's range, the fleet's frames. */

export const MAX_VEHICLE_RANGE_MS = DAY_MS;
export const MAX_FLEET_RANGE_MS = DAY_MS;
export const MAX_FRAME_SPAN_MS = 15 * 60_000;
/** Whole-fleet frames stop after this many fixes (the answer says so); ask again from there. */
const MAX_FRAME_CHANGES = 100_000;
const MAX_FLEET_EVENTS = 5_000;

const instant = z.union([
  z
    .string()
    .regex(/^\d{10,15}$/)
    .transform(Number),
  z
    .string()
    .refine((text) => /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text)))
    .transform((text) => Date.parse(text)),
]);

function readInstant(params: URLSearchParams, name: string): EpochMs {
  const parsed = instant.safeParse(params.get(name) ?? "");
  if (!parsed.success) {
    throw new HttpError(
      "bad_request",
      `"${name}" must be a time: an ISO 8601 date-time (2026-03-03T19:00:00Z) or epoch milliseconds.`,
    );
  }
  return parsed.data;
}

/**
 * `from` and `to` from a query string: a range of at most `maxMs`, not in the future, within
 * the days kept (earlier parts are cut off, as nothing is kept for them).
 */
export function readRange(
  params: URLSearchParams,
  options: { maxMs: number; historyDays: number; now?: EpochMs },
): { from: EpochMs; to: EpochMs } {
  const now = options.now ?? Date.now();
  const from = readInstant(params, "from");
  const to = Math.min(readInstant(params, "to"), now);
  if (!(to > from))
    throw new HttpError("bad_request", '"to" must be after "from" (and not after now).');
  if (to - from > options.maxMs) {
    throw new HttpError(
      "bad_request",
      `A range is at most ${Math.round(options.maxMs / 3_600_000)} h; ask for a shorter one.`,
    );
  }
  const horizon = (dayOf(now) - options.historyDays) * DAY_MS;
  if (to <= horizon) {
    throw new HttpError(
      "bad_request",
      `History is kept for ${options.historyDays} days; this range is older.`,
    );
  }
  return { from: Math.max(from, horizon), to };
}

/** `at` and `span` (ms, at most 15 min) for whole-fleet frames. */
export function readFrame(params: URLSearchParams): { at: EpochMs; span: number } {
  const at = readInstant(params, "at");
  const span = Number(params.get("span") ?? 5 * 60_000);
  if (!Number.isInteger(span) || span < 1_000 || span > MAX_FRAME_SPAN_MS) {
    throw new HttpError("bad_request", '"span" is a whole number of milliseconds, 1000 to 900000.');
  }
  return { at, span };
}

type Names = { vehicle: (id: string) => string | undefined; fences: readonly Fence[] };

/** Vehicle and fence names as the live service has them now (recorded ones may be older). */
export function liveNames(mirror: FleetMirror): Names {
  return { vehicle: (id) => mirror.vehicle(id)?.name, fences: mirror.fenceList() };
}

function fenceNamer(fences: readonly Fence[]) {
  const byId = new Map(fences.map((fence) => [fence.id, fence.name]));
  return (id: string) => byId.get(id) ?? id;
}

/** One vehicle's recorded track over a range, with its events and fence stays. */
export async function vehicleHistory(
  db: Database,
  trails: RecordedTrails,
  names: Names,
  deviceId: string,
  range: { from: EpochMs; to: EpochMs },
): Promise<VehicleHistory> {
  const history = historyQueries(db);
  const [device] = await history.findDevices([deviceId]);
  const liveName = names.vehicle(deviceId);
  if (!device && liveName === undefined) {
    throw new HttpError("not_found", `No vehicle with id ${deviceId} has been recorded.`);
  }
  const [track, events, visits] = await Promise.all([
    trails.track(deviceId, range.from, range.to),
    history.events(range.from, range.to, { deviceId }),
    fenceOccupancyQueries(db).deviceVisits(deviceId, range.from, range.to),
  ]);
  const fenceName = fenceNamer(names.fences);
  return {
    vehicle: { id: deviceId, name: liveName ?? device?.name ?? deviceId },
    from: range.from,
    to: range.to,
    points: track.rows.map(pointTuple),
    events: events.map(historyEvent),
    visits: visits.map((visit) => fenceStay(visit, fenceName)),
    backfilling: track.backfilling,
  };
}

/** The whole fleet over a range, for the scrub bar: alerts, trips and fence stays. */
export async function fleetHistory(
  db: Database,
  names: Names,
  range: { from: EpochMs; to: EpochMs },
): Promise<FleetHistory> {
  const [events, visits] = await Promise.all([
    historyQueries(db).events(range.from, range.to, {
      kinds: ["alert", "trip_start", "trip_end"],
      limit: MAX_FLEET_EVENTS + 1,
    }),
    fenceOccupancyQueries(db).visitsSince(range.from),
  ]);
  const fenceName = fenceNamer(names.fences);
  return {
    from: range.from,
    to: range.to,
    events: events.slice(0, MAX_FLEET_EVENTS).map(historyEvent),
    visits: visits
      .filter((visit) => visit.enteredAt <= range.to)
      .map((visit) => fenceStay(visit, fenceName)),
    truncated: events.length > MAX_FLEET_EVENTS,
  };
}

/** Where every vehicle was at `at`, and every fix after it within `span`. */
export async function fleetFrames(
  db: Database,
  names: Names,
  frame: { at: EpochMs; span: number },
): Promise<FleetFrames> {
  const history = historyQueries(db);
  const [start, changes, devices] = await Promise.all([
    history.fleetAt(frame.at),
    history.fleetChanges(frame.at, frame.at + frame.span, MAX_FRAME_CHANGES + 1),
    history.allDevices(),
  ]);
  const index = new Map(devices.map((device, i) => [device.key, i]));
  const point = (row: (typeof changes)[number]): FramePoint[] => {
    const device = index.get(row.key);
    return device === undefined ? [] : [[device, ...pointTuple(row)]];
  };
  return {
    at: frame.at,
    span: frame.span,
    devices: devices.map((device) => ({
      id: device.deviceId,
      name: names.vehicle(device.deviceId) ?? device.name ?? device.deviceId,
    })),
    start: start.flatMap(point),
    changes: changes.slice(0, MAX_FRAME_CHANGES).flatMap(point),
    truncated: changes.length > MAX_FRAME_CHANGES,
  };
}

const deviceId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/);

/** A vehicle id from a path: 400 unless it is 1 to 64 letters, digits or . _ : - */
export function readDeviceId(id: string): string {
  const parsed = deviceId.safeParse(id);
  if (!parsed.success) {
    throw new HttpError("bad_request", "A vehicle id is 1 to 64 letters, digits or . _ : -");
  }
  return parsed.data;
}

/** The recording, or 404 when this deployment keeps none (HISTORY_DAYS=0). */
export function requireRecording<T>(recorded: T | undefined): T {
  if (recorded === undefined) {
    throw new HttpError("not_found", "History is not recorded here (HISTORY_DAYS=0).");
  }
  return recorded;
}
