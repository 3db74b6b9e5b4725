import "server-only";
import type {
  Alert,
  AlertSeverity,
  Device,
  DropReason,
  Fence,
  FenceRef,
  LatLng,
  Position,
  Trip,
} from "../fleet/types";
import { readFenceGeometry, type FenceGeometry } from "./fence-geometry";
import {
  Drop,
  type CoordUnit,
  MAX_TRIP_M,
  NON_FINITE_TEXT,
  readBoolean,
  readHeading,
  readId,
  readLatLng,
  readLatLngText,
  readNonNegative,
  readNumber,
  readSpeed,
  readText,
  readTime,
} from "./parse-values";

/**
 * Every FleetUp response is read here, one parser per endpoint, into lib/fleet types. The
 * parsers accept the variants FleetUp's gaps leave open (GAPS.md): a list under any of several
 * keys or a bare array, field aliases in any letter case, numbers sent as text, degrees,
 * milliseconds of arc or microdegrees, compact/ISO/epoch times in a configured zone.
 *
 * Drop the field, not the record: a record is dropped (and counted by reason) only when what
 * identifies it is unusable: a position without a device id or usable coordinates, an alert or
 * a trip without a time. An unreadable optional field (a heading of 500, a speed of "NaN", a
 * trip starting at "0,0", a "NaN" in a field we do not even read) leaves the record in place
 * with that field unknown, and is counted per field and reason. Fields we do not map are
 * reported so the probe can show them.
 */

export type ParseContext = {
  /** Epoch ms, to reject times in the future. */
  now: number;
  /** The device a per-device endpoint was asked about, used when records omit it. */
  deviceId?: string;
  /** The zone of timestamps that carry none (FLEETUP_TIME_ZONE; UTC as observed). */
  timeZone?: string;
  /** How `lat`/`lng` numbers are read (FLEETUP_COORD_UNIT). */
  coordUnit?: CoordUnit;
};

/** Counts by FleetUp field name, then by reason. */
export type FieldDrops = Record<string, Partial<Record<DropReason, number>>>;

export type ParseResult<T> = {
  records: T[];
  /** Elements in the response's list, before dropping. */
  received: number;
  dropped: Partial<Record<DropReason, number>>;
  /** Fields left unknown in records that were kept, by field and reason. */
  droppedFields: FieldDrops;
  /** Every field name seen in any record. */
  fieldsSeen: string[];
  /** Fields a parser read. */
  fieldsMapped: string[];
  /** Fields seen but not read: unknown to us, kept aside for the probe. */
  fieldsIgnored: string[];
};

/** The response is neither a list nor a record we recognise (e.g. an error object, HTML). */
export class PayloadShapeError extends Error {
  override name = "PayloadShapeError";
}

/**
 * A FleetUp record with case-insensitive, alias-aware reads that remember what was mapped, and
 * which optional fields had to be left unknown.
 */
class RecordReader {
  readonly mapped = new Set<string>();
  /** Optional fields that could not be read: [FleetUp's field name, reason]. */
  readonly unreadable: Array<[string, DropReason]> = [];
  private readonly byLower: Map<string, string>;

  constructor(readonly record: Record<string, unknown>) {
    this.byLower = new Map(Object.keys(record).map((key) => [key.toLowerCase(), key]));
  }

  /** The first alias present with a value, as FleetUp named it (for counting). */
  private keyOf(aliases: readonly string[]): string | undefined {
    for (const alias of aliases) {
      const key = this.byLower.get(alias.toLowerCase());
      if (key === undefined) continue;
      const value = this.record[key];
      if (value !== null && value !== undefined && value !== "") return key;
    }
    return undefined;
  }

  /**
   * An optional field: `read` turns the raw value into ours; when it cannot (it throws a Drop),
   * the field is unknown, counted under FleetUp's field name, and the record stays.
   */
  optional = <T>(aliases: readonly string[], read: (value: unknown) => T): T | undefined => {
    const value = this.pick(aliases);
    try {
      return read(value);
    } catch (error) {
      if (!(error instanceof Drop)) throw error;
      this.unreadable.push([this.keyOf(aliases) ?? aliases[0] ?? "?", error.reason]);
      return undefined;
    }
  };

  /** The first alias present with a value (null and "" count as absent). */
  pick = (aliases: readonly string[]): unknown => {
    let fallback: unknown = undefined;
    for (const alias of aliases) {
      const key = this.byLower.get(alias.toLowerCase());
      if (key === undefined) continue;
      this.mapped.add(key);
      const value = this.record[key];
      if (value === null || value === undefined || value === "") {
        fallback ??= value;
        continue;
      }
      return value;
    }
    return fallback;
  };
}

const GENERIC_LIST_KEYS = ["data", "list", "items", "records", "result", "results", "rows"];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonFinite(value: unknown): boolean {
  return (
    (typeof value === "number" && !Number.isFinite(value)) ||
    (typeof value === "string" && NON_FINITE_TEXT.test(value.trim()))
  );
}

/**
 * The records of a response: a bare array, an array under one of `listKeys` (or a generic key
 * such as `data`), one level of nesting (`{"data": {"list": [...]}}`), or a single record.
 * No body, null or 204 → no records.
 */
export function extractList(body: unknown, listKeys: readonly string[], depth = 0): unknown[] {
  if (body === undefined || body === null || body === "") return [];
  if (Array.isArray(body)) return body;
  if (!isObject(body)) throw new PayloadShapeError("not a JSON object or array");
  const byLower = new Map(Object.keys(body).map((key) => [key.toLowerCase(), key]));
  for (const name of [...listKeys, ...GENERIC_LIST_KEYS]) {
    const key = byLower.get(name.toLowerCase());
    if (key === undefined) continue;
    const value = body[key];
    if (value === null || value === undefined) return [];
    if (Array.isArray(value)) return value;
    if (isObject(value) && depth === 0) return extractList(value, listKeys, depth + 1);
  }
  if (Object.keys(body).length === 0) return [];
  if (depth > 0 || Object.values(body).some((value) => !isObject(value) && !Array.isArray(value))) {
    // A lone record, e.g. a fence detail without a wrapper.
    return [body];
  }
  throw new PayloadShapeError("no list of records found");
}

type ListOptions<T> = {
  listKeys: readonly string[];
  map: (reader: RecordReader, context: ParseContext) => T;
  /** Maps a bare string/number element (fence names may be plain strings). */
  mapScalar?: (value: string | number) => T;
  /** Identity for duplicate detection. */
  key: (record: T) => string;
  /** Which of two duplicates to keep (default: the first). */
  prefer?: (kept: T, candidate: T) => boolean;
};

function parseList<T>(
  body: unknown,
  context: ParseContext,
  options: ListOptions<T>,
): ParseResult<T> {
  const elements = extractList(body, options.listKeys);
  const dropped: Partial<Record<DropReason, number>> = {};
  const droppedFields: FieldDrops = {};
  const countField = (field: string, reason: DropReason) => {
    const reasons = (droppedFields[field] ??= {});
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  };
  const seen = new Set<string>();
  const mapped = new Set<string>();
  const kept = new Map<string, T>();
  const count = (reason: DropReason) => {
    dropped[reason] = (dropped[reason] ?? 0) + 1;
  };
  for (const element of elements) {
    try {
      let record: T;
      if (isObject(element)) {
        const reader = new RecordReader(element);
        Object.keys(element).forEach((key) => seen.add(key));
        try {
          record = options.map(reader, context);
        } finally {
          reader.mapped.forEach((key) => mapped.add(key));
        }
        reader.unreadable.forEach(([field, reason]) => countField(field, reason));
        // NaN or Infinity in a field no parser reads costs that field, not the record.
        for (const [key, value] of Object.entries(element)) {
          if (!reader.mapped.has(key) && isNonFinite(value)) countField(key, "non_finite");
        }
      } else if (
        options.mapScalar &&
        (typeof element === "string" || typeof element === "number")
      ) {
        record = options.mapScalar(element);
      } else {
        throw new Drop("not_an_object");
      }
      const key = options.key(record);
      const previous = kept.get(key);
      if (previous !== undefined) {
        count("duplicate");
        if (options.prefer?.(previous, record)) kept.set(key, record);
        continue;
      }
      kept.set(key, record);
    } catch (error) {
      if (error instanceof Drop) count(error.reason);
      else throw error;
    }
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return {
    records: [...kept.values()],
    received: elements.length,
    dropped,
    droppedFields,
    fieldsSeen: sorted(seen),
    fieldsMapped: sorted(new Set([...mapped].filter((key) => seen.has(key)))),
    fieldsIgnored: sorted(new Set([...seen].filter((key) => !mapped.has(key)))),
  };
}

/** Drops keys whose value is undefined, so records compare and serialise cleanly. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// --- Field aliases, one list per concept -------------------------------------------------

const F = {
  deviceId: ["devId", "deviceId", "device_id", "devSn", "deviceSn", "imei", "serialNumber"],
  lat: ["lat", "latitude", "gpsLat"],
  lng: ["lng", "lon", "long", "longitude", "gpsLng", "gpsLon"],
  speed: ["speed", "speedKph", "gpsSpeed", "spd", "velocity"],
  heading: ["direction", "heading", "headingDeg", "course", "bearing", "dir", "angle"],
  fixTime: [
    "gpsTime",
    "gpsDate",
    "fixTime",
    "time",
    "tmTime",
    "timestamp",
    "dateTime",
    "gpsTimestamp",
    "lastTime",
    "updateTime",
  ],
  ignition: ["ignition", "acc", "accOn", "accStatus", "ignitionOn", "engineOn"],
  idling: ["idling", "idle", "isIdle", "isIdling"],
} as const;

// --- Devices -----------------------------------------------------------------------------

function mapDevice(r: RecordReader): Device {
  const id = readId(r.pick([...F.deviceId, "id"]));
  if (!id) throw new Drop("missing_id");
  const name = readText(
    r.pick([
      "name",
      "devName",
      "deviceName",
      "vehicleName",
      "vehicle",
      "alias",
      "label",
      "nickname",
    ]),
  );
  return defined({
    id,
    name: name ?? id,
    plate: readText(
      r.pick(["plate", "plateNo", "plateNumber", "licensePlate", "licenseNo", "license"]),
    ),
    driver: readText(r.pick(["driver", "driverName", "currentDriver"])),
    deviceType: readText(
      r.pick(["deviceType", "devType", "type", "model", "hardware", "productType"]),
    ),
  });
}

// --- Positions ---------------------------------------------------------------------------

/** Reads a time of this response (in the configured zone, not after `now` + a day). */
const timeOf = (context: ParseContext) => (value: unknown) =>
  readTime(value, context.now, context.timeZone);

/** A position needs only its device and usable coordinates; everything else may be unknown. */
function mapPosition(r: RecordReader, context: ParseContext): Position {
  const deviceId = readId(r.pick(F.deviceId)) ?? context.deviceId;
  if (!deviceId) throw new Drop("missing_id");
  const [lat, lng] = readLatLng(r.pick(F.lat), r.pick(F.lng), context.coordUnit);
  return defined({
    deviceId,
    lat,
    lng,
    fixTime: r.optional(F.fixTime, timeOf(context)),
    speedKph: r.optional(F.speed, readSpeed),
    headingDeg: r.optional(F.heading, readHeading),
    ignition: r.optional(F.ignition, readBoolean),
    idling: r.optional(F.idling, readBoolean),
  });
}

/** Of two fixes for one device, keep the newer; without times, the first. */
const newerFix = (kept: Position, candidate: Position) =>
  candidate.fixTime !== undefined && kept.fixTime !== undefined && candidate.fixTime > kept.fixTime;

function parseLatestPositions(body: unknown, context: ParseContext): ParseResult<Position> {
  return parseList(body, context, {
    listKeys: ["locations", "positions", "gpsData", "lastLocations", "devices"],
    map: mapPosition,
    key: (position) => position.deviceId,
    prefer: newerFix,
  });
}

function parseGpsHistory(body: unknown, context: ParseContext): ParseResult<Position> {
  const result = parseList(body, context, {
    listKeys: ["gpsData", "points", "positions", "track"],
    map: mapPosition,
    key: (p) => `${p.deviceId}|${p.fixTime ?? `${p.lat},${p.lng}`}`,
  });
  result.records.sort((a, b) => (a.fixTime ?? 0) - (b.fixTime ?? 0));
  return result;
}

// --- Trips -------------------------------------------------------------------------------

/**
 * A trip's start or end: a `"lat,lng"` text (milliseconds of arc as observed, or degrees) or
 * separate fields. Unusable (absent, "0,0", out of range) → the trip has no such point.
 */
function readPoint(
  r: RecordReader,
  text: readonly string[],
  lat: readonly string[],
  lng: readonly string[],
): LatLng | undefined {
  const fromText = r.optional(text, readLatLngText);
  if (fromText) return fromText;
  const latValue = r.pick(lat);
  const lngValue = r.pick(lng);
  if (
    (latValue === undefined || latValue === null) &&
    (lngValue === undefined || lngValue === null)
  ) {
    return undefined;
  }
  return r.optional(lat, () => readLatLng(latValue, lngValue));
}

function mapTrip(r: RecordReader, context: ParseContext): Trip {
  const deviceId = readId(r.pick(F.deviceId)) ?? context.deviceId;
  if (!deviceId) throw new Drop("missing_id");
  const startTime = readTime(
    r.pick(["startTime", "startDate", "beginTime", "tripStartTime"]),
    context.now,
    context.timeZone,
  );
  if (startTime === undefined) throw new Drop("bad_time");
  // An unreadable end time is common and does not spoil the trip.
  const endTime = r.optional(["endTime", "endDate", "stopTime", "tripEndTime"], timeOf(context));
  const start = readPoint(
    r,
    ["startLocation", "startPos", "startLatLng"],
    ["startLat", "startLatitude"],
    ["startLng", "startLon", "startLongitude"],
  );
  const end = readPoint(
    r,
    ["endLocation", "endPos", "endLatLng"],
    ["endLat", "endLatitude"],
    ["endLng", "endLon", "endLongitude"],
  );
  const distanceM =
    readNonNegative(
      r.pick(["tripMileage", "mileage", "distance", "distanceM", "tripDistance"]),
      MAX_TRIP_M,
    ) ?? 0;
  const centilitres = r.optional(["fuelWear", "fuelUsedCl"], readNonNegative);
  const litres = r.optional(["fuelUsedL", "fuelLitres", "fuelUsed"], readNonNegative);
  return defined({
    id: `${deviceId}:${startTime}`,
    deviceId,
    startTime,
    endTime: endTime !== undefined && endTime >= startTime ? endTime : undefined,
    start,
    end,
    startAddress: readText(r.pick(["startAddress", "startAddr"])),
    endAddress: readText(r.pick(["endAddress", "endAddr"])),
    distanceM,
    fuelUsedL: centilitres !== undefined ? centilitres / 100 : litres,
    score: r.optional(["tripScore", "score"], readNumber),
    vehicleName: readText(r.pick(["vehicle", "vehicleName", "devName", "deviceName"])),
  });
}

function parseTrips(body: unknown, context: ParseContext): ParseResult<Trip> {
  return parseList(body, context, {
    listKeys: ["trips", "ongoingTrips", "tripList"],
    map: mapTrip,
    key: (trip) => trip.id,
  });
}

// --- Alerts ------------------------------------------------------------------------------

const CRITICAL = /panic|sos|crash|collision|accident|tow|tamper|unplug|theft|emergency/i;
const WARNING = /speed|harsh|brake|braking|accel|fence|idl|corner|fatigue|distract/i;

/** FleetUp's severity scale is undocumented; read words, a 1–3 scale, else judge by type. */
export function readSeverity(value: unknown, type: string): AlertSeverity {
  if (typeof value === "string" && value.trim() && !/^\d+$/.test(value.trim())) {
    if (/crit|high|major|sever|emerg|urgent|alarm/i.test(value)) return "critical";
    if (/warn|med|minor|moderate/i.test(value)) return "warning";
    if (/info|low|notice|normal/i.test(value)) return "info";
  }
  const level = typeof value === "number" || typeof value === "string" ? Number(value) : NaN;
  if (Number.isFinite(level) && level > 0)
    return level >= 3 ? "critical" : level >= 2 ? "warning" : "info";
  if (CRITICAL.test(type)) return "critical";
  if (WARNING.test(type)) return "warning";
  return "info";
}

/** Where an alert happened, when it says so usably; an alert without one is kept (listed, not drawn). */
function readOptionalPoint(r: RecordReader, context: ParseContext): LatLng | undefined {
  const lat = r.pick(F.lat);
  const lng = r.pick(F.lng);
  if ((lat === undefined || lat === null) && (lng === undefined || lng === null)) return undefined;
  return r.optional(F.lat, () => readLatLng(lat, lng, context.coordUnit));
}

function mapAlert(r: RecordReader, context: ParseContext): Alert {
  const deviceId = readId(r.pick(F.deviceId)) ?? context.deviceId;
  const type =
    readText(
      r.pick([
        "alertType",
        "alertTypeName",
        "alarmType",
        "eventType",
        "type",
        "alertName",
        "typeName",
        "name",
      ]),
    ) ?? "unknown";
  const time = readTime(
    r.pick([
      "alertTime",
      "eventTime",
      "time",
      "tmTime",
      "gpsTime",
      "timestamp",
      "dateTime",
      "createTime",
      "createdAt",
      "startTime",
    ]),
    context.now,
    context.timeZone,
  );
  if (time === undefined) throw new Drop("bad_time");
  const fenceId = readId(r.pick(["fenceId", "geofenceId"]));
  const id =
    readId(r.pick(["alertId", "id", "eventId", "alarmId", "uuid"])) ??
    `${deviceId ?? "account"}:${type}:${time}${fenceId ? `:${fenceId}` : ""}`;
  return defined({
    id,
    deviceId,
    type,
    severity: readSeverity(r.pick(["severity", "level", "priority", "alertLevel"]), type),
    time,
    endTime: r.optional(["endTime", "endDate", "clearTime"], timeOf(context)),
    position: readOptionalPoint(r, context),
    speedKph: r.optional(F.speed, readSpeed),
    fenceId,
    fenceName: readText(r.pick(["fenceName", "geofenceName"])),
    message: readText(
      r.pick(["message", "msg", "description", "desc", "alertDesc", "content", "detail"]),
    ),
  });
}

function parseAlerts(body: unknown, context: ParseContext): ParseResult<Alert> {
  return parseList(body, context, {
    listKeys: ["alerts", "alertList", "events", "alarms", "history"],
    map: mapAlert,
    key: (alert) => alert.id,
  });
}

/**
 * A geofence visit from /fencealerts/geo-fencealerts. The observed client reads `acconTime` as
 * entering and `tmTime` as leaving the fence (GAPS G4); we follow it.
 */
function mapFenceAlert(r: RecordReader, context: ParseContext): Alert {
  const deviceId = readId(r.pick(F.deviceId)) ?? context.deviceId;
  if (!deviceId) throw new Drop("missing_id");
  const fenceId = readId(r.pick(["fenceId", "geofenceId", "id"]));
  const fenceName = readText(r.pick(["fenceName", "geofenceName", "name"]));
  if (!fenceId && !fenceName) throw new Drop("missing_id");
  const enter = readTime(
    r.pick(["acconTime", "enterTime", "inTime", "startTime"]),
    context.now,
    context.timeZone,
  );
  // `tmTime` is "" while the vehicle is still inside; an unreadable one is an unknown exit.
  const exit = r.optional(["tmTime", "exitTime", "outTime", "endTime", "time"], timeOf(context));
  const time = enter ?? exit;
  if (time === undefined) throw new Drop("bad_time");
  return defined({
    id: `fence:${deviceId}:${fenceId ?? fenceName}:${time}`,
    deviceId,
    type: "geofence",
    severity: "warning" as const,
    time,
    endTime: enter !== undefined && exit !== undefined && exit >= enter ? exit : undefined,
    position: readOptionalPoint(r, context),
    fenceId,
    fenceName,
    message: readText(r.pick(["message", "msg", "eventType", "direction", "inOut"])),
  });
}

function parseFenceAlerts(body: unknown, context: ParseContext): ParseResult<Alert> {
  return parseList(body, context, {
    listKeys: ["fenceAlerts", "geoFenceAlerts", "alerts"],
    map: mapFenceAlert,
    key: (alert) => alert.id,
  });
}

// --- Fences ------------------------------------------------------------------------------

/** A fence as a list or detail endpoint returns it: always an id, geometry when included. */
export type FenceEntry = { id: string; name?: string; geometry?: FenceGeometry };

const FENCE_ID = ["fenceId", "geofenceId", "fence_id", "id"];
const FENCE_NAME = ["fenceName", "geofenceName", "name", "title"];

function mapFenceRef(r: RecordReader): FenceRef {
  const id = readId(r.pick(FENCE_ID));
  const name = readText(r.pick(FENCE_NAME)) ?? id;
  if (!name) throw new Drop("missing_id");
  return defined({ id, name });
}

function parseFenceNames(body: unknown, context: ParseContext): ParseResult<FenceRef> {
  return parseList(body, context, {
    listKeys: ["fenceNames", "fences", "names"],
    map: mapFenceRef,
    mapScalar: (value): FenceRef => {
      const name = String(value).trim();
      if (!name) throw new Drop("missing_id");
      return { name };
    },
    key: (fence) => fence.id ?? `name:${fence.name}`,
  });
}

function mapFenceEntry(r: RecordReader, context: ParseContext): FenceEntry {
  const id = readId(r.pick(FENCE_ID));
  if (!id) throw new Drop("missing_id");
  const name = readText(r.pick(FENCE_NAME));
  return defined({ id, name, geometry: readFenceGeometry(r.pick, context.coordUnit) });
}

function parseFenceEntries(body: unknown, context: ParseContext): ParseResult<FenceEntry> {
  return parseList(body, context, {
    listKeys: ["fences", "fenceList", "geofences", "fence", "geofence"],
    map: mapFenceEntry,
    key: (fence) => fence.id,
  });
}

/** A fence entry with geometry as our Fence type. */
export function toFence(entry: FenceEntry): Fence | undefined {
  const geometry = entry.geometry;
  if (!geometry) return undefined;
  const name = entry.name ?? entry.id;
  return geometry.kind === "polygon"
    ? { id: entry.id, name, kind: "polygon", points: geometry.points }
    : {
        id: entry.id,
        name,
        kind: "circle",
        center: geometry.center,
        radiusM: geometry.radiusM,
      };
}

// --- The registry ------------------------------------------------------------------------

/** One parser per FleetUp endpoint. Keys are the adapter's endpoint names. */
export const parsers = {
  devices: (body: unknown, context: ParseContext) =>
    parseList(body, context, {
      listKeys: ["devices", "deviceList"],
      map: mapDevice,
      key: (d) => d.id,
    }),
  deviceLastLocation: parseLatestPositions,
  latestGps: parseLatestPositions,
  gpsHistory: parseGpsHistory,
  ongoingTrips: parseTrips,
  tripHistory: parseTrips,
  alerts: parseAlerts,
  fenceAlerts: parseFenceAlerts,
  fenceNames: parseFenceNames,
  fences: parseFenceEntries,
  fenceDetail: parseFenceEntries,
} as const;

export type ParserName = keyof typeof parsers;
