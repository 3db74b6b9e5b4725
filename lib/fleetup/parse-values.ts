import "server-only";
import type { DropReason, LatLng } from "../fleet/types";
import { wallTimeToInstant } from "./time-zone";

/**
 * Value-level readers shared by the endpoint parsers. Each either returns a clean value,
 * returns undefined for "not sent", or throws a `Drop` naming why the whole record is unusable.
 */

/** Thrown inside a record mapper: the record is dropped and counted under `reason`. */
export class Drop extends Error {
  constructor(readonly reason: DropReason) {
    super(reason);
  }
}

/** FleetUp encodes some positions in milliseconds of arc: degrees × 3 600 000. */
export const MAS_PER_DEGREE = 3_600_000;
/** Some telematics feeds send integer microdegrees: degrees × 1 000 000. */
export const MICRODEG_PER_DEGREE = 1_000_000;

/**
 * How `lat`/`lng` numbers are read (FLEETUP_COORD_UNIT): "auto" takes degrees, or milliseconds
 * of arc when a value is beyond ±360; the others are what the account is known to send.
 */
export type CoordUnit = "auto" | "deg" | "mas" | "microdeg";
const MAS_PER_ARCSECOND = 3_600;

/** Earliest plausible fix or event time; anything older is a device clock reset. */
const EARLIEST_TIME = Date.UTC(2000, 0, 1);
/** Device clocks run a little ahead; a day ahead is garbage. */
const MAX_FUTURE_MS = 86_400_000;

/** Heaviest believable ground speed for a road vehicle, km/h. */
export const MAX_SPEED_KPH = 400;
/** Longest believable single trip, metres (one client saw trips of tens of thousands of km). */
export const MAX_TRIP_M = 5_000_000;

/** Text a feed uses for a non-finite number. */
export const NON_FINITE_TEXT = /^[-+]?(nan|inf|infinity)$/i;

const NUMERIC_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && !value.trim());
}

/**
 * A number sent as a number or as numeric text. Absent → undefined; NaN, ±Infinity (JSON's
 * 1e999), "NaN", non-numeric text, booleans and objects → Drop("non_finite").
 */
export function readNumber(value: unknown): number | undefined {
  if (isAbsent(value)) return undefined;
  let number: number;
  if (typeof value === "number") number = value;
  else if (typeof value === "string" && NUMERIC_TEXT.test(value.trim())) number = Number(value);
  else throw new Drop("non_finite");
  if (!Number.isFinite(number)) throw new Drop("non_finite");
  return number;
}

/** An identifier sent as text or a number; absent or empty → undefined. */
export function readId(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Free text; numbers become text, anything else is treated as absent. */
export function readText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * A flag sent as a boolean, 0/1, or text such as "true", "on", "yes". Absent → undefined;
 * anything else ("NaN", "maybe") → Drop("non_finite"), which costs the field, not the record.
 */
export function readBoolean(value: unknown): boolean | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value > 0;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (["1", "true", "on", "yes", "y"].includes(text)) return true;
    if (["0", "false", "off", "no", "n"].includes(text)) return false;
    if (NUMERIC_TEXT.test(text)) return Number(text) > 0;
  }
  throw new Drop("non_finite");
}

function compactToMs(text: string, timeZone: string): number | undefined {
  const parts = [0, 4, 6, 8, 10, 12].map((start, index) =>
    Number(text.slice(start, index === 0 ? 4 : start + 2)),
  );
  const [year, month, day, hour, minute, second] = parts as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Date.UTC rolls 20250231 over to March; a real timestamp round-trips exactly.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  return wallTimeToInstant(ms, timeZone);
}

function epochToMs(value: number): number {
  // Seconds until the year 5138; milliseconds after 1973.
  return Math.abs(value) < 1e11 ? value * 1000 : value;
}

/**
 * A time in any form FleetUp (or the simulator) might use, as epoch ms UTC: compact
 * YYYYMMDDHHMMSS, YYYYMMDD, ISO 8601, or epoch seconds/milliseconds as a number or digits.
 * Times without a zone (compact, or ISO without an offset) are read on the wall clock of
 * `timeZone` (UTC, as observed, unless FLEETUP_TIME_ZONE says otherwise). Absent → undefined;
 * unreadable, before 2000 or more than a day ahead of `now` → Drop("bad_time").
 */
export function readTime(value: unknown, now: number, timeZone = "UTC"): number | undefined {
  if (isAbsent(value)) return undefined;
  let ms: number | undefined;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Drop("bad_time");
    ms =
      Number.isInteger(value) && /^\d{14}$/.test(String(value))
        ? compactToMs(String(value), timeZone)
        : epochToMs(value);
  } else if (typeof value === "string") {
    const text = value.trim();
    if (/^\d{14}$/.test(text)) ms = compactToMs(text, timeZone);
    else if (/^\d{8}$/.test(text)) ms = compactToMs(`${text}000000`, timeZone);
    else if (/^\d{9,13}(\.\d+)?$/.test(text)) ms = epochToMs(Number(text));
    else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
      const iso = text.replace(" ", "T");
      const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso);
      const parsed = Date.parse(zoned ? iso : `${iso}Z`);
      ms = !Number.isFinite(parsed)
        ? undefined
        : zoned
          ? parsed
          : wallTimeToInstant(parsed, timeZone);
    } else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      const parsed = Date.parse(`${text}T00:00:00Z`);
      ms = Number.isFinite(parsed) ? wallTimeToInstant(parsed, timeZone) : undefined;
    }
  }
  if (ms === undefined || !Number.isFinite(ms)) throw new Drop("bad_time");
  if (ms < EARLIEST_TIME || ms > now + MAX_FUTURE_MS) throw new Drop("bad_time");
  return Math.round(ms);
}

/**
 * A coordinate pair in degrees, read in `unit` (FLEETUP_COORD_UNIT). With "auto", values beyond
 * ±360 can only be milliseconds of arc (÷ 3 600 000); anything within ±360 is degrees, so a
 * latitude of 91 is out of range rather than silently turned into a point near the equator, and
 * a pair mixing the two kinds is out of range. Missing → Drop("missing_coordinates");
 * non-numeric → Drop("non_finite"); outside [-90, 90] × [-180, 180] → Drop("out_of_range");
 * within ~100 m of 0,0 (an unset GPS fix, "null island") → Drop("impossible_value").
 */
export function readLatLng(latValue: unknown, lngValue: unknown, unit: CoordUnit = "auto"): LatLng {
  let lat = readNumber(latValue);
  let lng = readNumber(lngValue);
  if (lat === undefined || lng === undefined) throw new Drop("missing_coordinates");
  if (unit === "mas") {
    lat /= MAS_PER_DEGREE;
    lng /= MAS_PER_DEGREE;
  } else if (unit === "microdeg") {
    lat /= MICRODEG_PER_DEGREE;
    lng /= MICRODEG_PER_DEGREE;
  } else if (unit === "auto" && Math.max(Math.abs(lat), Math.abs(lng)) > 360) {
    // In milliseconds of arc, a value within one arcsecond (3600, ~31 m) of the equator or the
    // prime meridian beside a large one is a record mixing units or a garbage value such as
    // -999. The price: a vehicle crossing those lines may lose a fix or two.
    if (Math.min(Math.abs(lat), Math.abs(lng)) < MAS_PER_ARCSECOND) throw new Drop("out_of_range");
    lat /= MAS_PER_DEGREE;
    lng /= MAS_PER_DEGREE;
  }
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) throw new Drop("out_of_range");
  if (Math.abs(lat) < 0.001 && Math.abs(lng) < 0.001) throw new Drop("impossible_value");
  return [lat, lng];
}

/** A `"lat,lng"` string (FleetUp's trip locations, milliseconds of arc or degrees). */
export function readLatLngText(value: unknown): LatLng | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== "string") throw new Drop("missing_coordinates");
  const parts = value.split(/[,;]/).map((part) => part.trim());
  if (parts.length !== 2) throw new Drop("missing_coordinates");
  return readLatLng(parts[0], parts[1]);
}

/** Speed in km/h; negative or beyond 400 km/h → Drop("impossible_value"). */
export function readSpeed(value: unknown): number | undefined {
  const speed = readNumber(value);
  if (speed === undefined) return undefined;
  if (speed < 0 || speed > MAX_SPEED_KPH) throw new Drop("impossible_value");
  return speed;
}

/**
 * Heading in degrees [0, 360). -1 is how devices say "no heading" (standing still): unknown,
 * not an error. Anything else outside [0, 360] → Drop("impossible_value").
 */
export function readHeading(value: unknown): number | undefined {
  const heading = readNumber(value);
  if (heading === undefined || heading === -1) return undefined;
  if (heading < 0 || heading > 360) throw new Drop("impossible_value");
  return heading === 360 ? 0 : heading;
}

/** A non-negative quantity (distance, fuel); negative → Drop("impossible_value"). */
export function readNonNegative(
  value: unknown,
  max = Number.POSITIVE_INFINITY,
): number | undefined {
  const number = readNumber(value);
  if (number === undefined) return undefined;
  if (number < 0 || number > max) throw new Drop("impossible_value");
  return number;
}
