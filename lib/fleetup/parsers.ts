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
 * keys or a bare array, field aliases in any letter case, numbers sent as text, degrees or
 * milliseconds of arc, compact/ISO/epoch times. A record that cannot be trusted is dropped and
 * counted by reason; fields we do not map are reported so the probe can show them.
 */

export type ParseContext = {
  /** Epoch ms, to reject times in the future. */
  now: number;
  /** The device a per-device endpoint was asked about, used when records omit it. */
  deviceId?: string;
};

export type ParseResult<T> = {
  records: T[];
  /** Elements in the response's list, before dropping. */
  received: number;
  dropped: Partial<Record<DropReason, number>>;
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

/** A FleetUp record with case-insensitive, alias-aware reads that remember what was mapped. */
class RecordReader {
  readonly mapped = new Set<string>();
  private readonly byLower: Map<string, string>;

  constructor(readonly record: Record<string, unknown>) {
    this.byLower = new Map(Object.keys(record).map((key) => [key.toLowerCase(), key]));
  }

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
        // A record carrying NaN or Infinity anywhere is corrupt, even in a field we do not map.
        if (Object.values(element).some(isNonFinite)) throw new Drop("non_finite");
        try {
          record = options.map(reader, context);
        } finally {
          reader.mapped.forEach((key) => mapped.add(key));
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

function mapPosition(r: RecordReader, context: ParseContext): Position {
  const deviceId = readId(r.pick(F.deviceId)) ?? context.deviceId;
  if (!deviceId) throw new Drop("missing_id");
  const [lat, lng] = readLatLng(r.pick(F.lat), r.pick(F.lng));
  return defined({
    deviceId,
    lat,
    lng,
    fixTime: readTime(r.pick(F.fixTime), context.now),
    speedKph: readSpeed(r.pick(F.speed)),
    headingDeg: readHeading(r.pick(F.heading)),
    ignition: readBoolean(r.pick(F.ignition)),
    idling: readBoolean(r.pick(F.idling)),
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

function readPoint(r: RecordReader, text: readonly string[], lat: string[], lng: string[]) {
  const fromText = readLatLngText(r.pick(text));
  if (fromText) return fromText;
  const latValue = r.pick(lat);
  const lngValue = r.pick(lng);
  if (
    (latValue === undefined || latValue === null) &&
    (lngValue === undefined || lngValue === null)
  ) {
    return undefined;
  }
  return readLatLng(latValue, lngValue);
}

function tolerantTime(value: unknown, now: number): number | undefined {
  try {
    return readTime(value, now);
  } catch {
    return undefined; // an unreadable end time is common and does not spoil the trip
  }
}

function mapTrip(r: RecordReader, context: ParseContext): Trip {
  const deviceId = readId(r.pick(F.deviceId)) ?? context.deviceId;
  if (!deviceId) throw new Drop("missing_id");
  const startTime = readTime(
    r.pick(["startTime", "startDate", "beginTime", "tripStartTime"]),
    context.now,
  );
  if (startTime === undefined) throw new Drop("bad_time");
  const endTime = tolerantTime(
    r.pick(["endTime", "endDate", "stopTime", "tripEndTime"]),
    context.now,
  );
  const start: LatLng | undefined = readPoint(
    r,
    ["startLocation", "startPos", "startLatLng"],
    ["startLat", "startLatitude"],
    ["startLng", "startLon", "startLongitude"],
  );
  const end: LatLng | undefined = readPoint(
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
  const centilitres = readNonNegative(r.pick(["fuelWear", "fuelUsedCl"]));
  const litres = readNonNegative(r.pick(["fuelUsedL", "fuelLitres", "fuelUsed"]));
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
    score: readNumber(r.pick(["tripScore", "score"])),
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

function readOptionalPoint(r: RecordReader): LatLng | undefined {
  const lat = r.pick(F.lat);
  const lng = r.pick(F.lng);
  if ((lat === undefined || lat === null) && (lng === undefined || lng === null)) return undefined;
  return readLatLng(lat, lng);
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
    endTime: tolerantTime(r.pick(["endTime", "endDate", "clearTime"]), context.now),
    position: readOptionalPoint(r),
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
  const enter = readTime(r.pick(["acconTime", "enterTime", "inTime", "startTime"]), context.now);
  const exit = tolerantTime(
    r.pick(["tmTime", "exitTime", "outTime", "endTime", "time"]),
    context.now,
  );
  const time = enter ?? exit;
  if (time === undefined) throw new Drop("bad_time");
  return defined({
    id: `fence:${deviceId}:${fenceId ?? fenceName}:${time}`,
    deviceId,
    type: "geofence",
    severity: "warning" as const,
    time,
    endTime: enter !== undefined && exit !== undefined && exit >= enter ? exit : undefined,
    position: readOptionalPoint(r),
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

function mapFenceEntry(r: RecordReader): FenceEntry {
  const id = readId(r.pick(FENCE_ID));
  if (!id) throw new Drop("missing_id");
  const name = readText(r.pick(FENCE_NAME));
  return defined({ id, name, geometry: readFenceGeometry(r.pick) });
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
