import "server-only";
import { MAS_PER_DEGREE, MICRODEG_PER_DEGREE, type CoordUnit } from "./parse-values";
import { formatOffset, zoneOffsetMs, zonesAtOffset } from "./time-zone";
import { decodeJwtExp } from "./token";

/**
 * The probe's checks of what FleetUp sent: the token reply's shape, fix times hours off this
 * server's clock (a time zone), and how coordinates read under each unit.
 */

const HOUR = 3_600_000;

/**
 * The shape of the token reply with every value replaced by its type; the token itself becomes
 * a description (a JWT's header and claim names, never their values, and its lifetime).
 */
export function tokenReplyShape(body: unknown, now: number): unknown {
  if (Array.isArray(body)) return body.slice(0, 1).map((item) => tokenReplyShape(item, now));
  if (!body || typeof body !== "object") return body === null ? "null" : typeof body;
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => {
      if (/token/i.test(key) && typeof value === "string") return [key, describeToken(value, now)];
      return [key, tokenReplyShape(value, now)];
    }),
  );
}

function describeToken(token: string, now: number): string {
  const parts = token.split(".");
  if (parts.length !== 3) return `string (${token.length} characters, not a JWT)`;
  const decode = (segment: string) => {
    try {
      return JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as Record<
        string,
        unknown
      >;
    } catch {
      return undefined;
    }
  };
  const header = decode(parts[0]!);
  const claims = decode(parts[1]!);
  const exp = decodeJwtExp(token);
  const life = exp === undefined ? "no exp claim" : `expires in ${Math.round(exp - now / 1000)} s`;
  return (
    `JWT (alg ${String(header?.alg ?? "?")}; claims ${Object.keys(claims ?? {}).join(", ") || "none"}; ` +
    `${life})`
  );
}

/** A clock offset the fix times share, as FleetUp stamping local time would cause. */
export type ClockOffset = { offsetMs: number; fixes: number };

/**
 * Whether fix times are consistently hours off this server's clock: the freshest fix of a live
 * fleet is at most minutes old, so when even it is a whole number of quarter hours (at least
 * half an hour) away from now, and a quarter of the fleet lies within 15 minutes of it, FleetUp
 * is stamping another zone. Returns how far the fixes are behind (positive) or ahead (negative).
 */
export function detectClockOffset(
  fixTimes: readonly number[],
  now: number,
): ClockOffset | undefined {
  if (fixTimes.length === 0) return undefined;
  const behind = fixTimes.map((time) => now - time);
  const freshest = Math.min(...behind);
  const quarter = 15 * 60_000;
  const rounded = Math.round(freshest / quarter) * quarter;
  if (Math.abs(rounded) < 30 * 60_000 || freshest - rounded > 3 * 60_000) return undefined;
  if (freshest < rounded - 60_000) return undefined;
  const near = behind.filter((value) => value - freshest <= quarter).length;
  if (near < Math.max(1, fixTimes.length / 4)) return undefined;
  return { offsetMs: rounded, fixes: near };
}

/** A number as each coordinate unit reads it. */
export function coordinateReadings(
  lat: number,
  lng: number,
): Array<{ unit: Exclude<CoordUnit, "auto">; lat: number; lng: number; valid: boolean }> {
  const divisors: Array<[Exclude<CoordUnit, "auto">, number]> = [
    ["deg", 1],
    ["mas", MAS_PER_DEGREE],
    ["microdeg", MICRODEG_PER_DEGREE],
  ];
  return divisors.map(([unit, divisor]) => {
    const a = lat / divisor;
    const b = lng / divisor;
    const valid =
      Math.abs(a) <= 90 && Math.abs(b) <= 180 && (Math.abs(a) >= 0.001 || Math.abs(b) >= 0.001);
    return { unit, lat: a, lng: b, valid };
  });
}

/** What "auto" makes of a pair: degrees, or milliseconds of arc when a value is beyond ±360. */
function autoUnit(lat: number, lng: number): Exclude<CoordUnit, "auto"> {
  return Math.max(Math.abs(lat), Math.abs(lng)) > 360 ? "mas" : "deg";
}

export function timeZoneFindings(
  fixTimes: readonly number[],
  now: number,
  timeZone: string,
): string[] {
  const offset = detectClockOffset(fixTimes, now);
  if (!offset) return [];
  const hours = Math.abs(offset.offsetMs) / HOUR;
  const direction = offset.offsetMs > 0 ? "behind" : "ahead of";
  const zoneOffset = zoneOffsetMs(now, timeZone) - offset.offsetMs;
  const zones = zonesAtOffset(zoneOffset, now);
  const named = zones.filter((zone) => zone.includes("/") && !zone.startsWith("Etc/"));
  return [
    `Fix times are ${hours} h ${direction} this server's clock (${offset.fixes} of ${fixTimes.length} positions): ` +
      `FleetUp seems to stamp ${formatOffset(zoneOffset)}, not ${timeZone}. ` +
      `Set FLEETUP_TIME_ZONE=${zones[0] ?? "?"}` +
      (named.length > 0
        ? ` (or your account's own zone, which follows daylight saving: one of ${named.slice(0, 30).join(", ")}${named.length > 30 ? ", …" : ""}).`
        : "."),
  ];
}

export function coordinateFindings(
  records: ReadonlyArray<Record<string, unknown>>,
  configured: CoordUnit,
): { findings: string[]; unit: CoordUnit } {
  const first = records.find((record) => {
    const lat = Number(record.lat ?? record.latitude);
    const lng = Number(record.lng ?? record.lon ?? record.longitude);
    return Number.isFinite(lat) && Number.isFinite(lng) && (lat !== 0 || lng !== 0);
  });
  if (!first) return { findings: [], unit: configured };
  const lat = Number(first.lat ?? first.latitude);
  const lng = Number(first.lng ?? first.lon ?? first.longitude);
  const readings = coordinateReadings(lat, lng);
  const auto = autoUnit(lat, lng);
  const reading = readings
    .map(
      (r) =>
        `${r.unit} → ${r.valid ? `${r.lat.toFixed(5)}, ${r.lng.toFixed(5)}` : "not on Earth"}` +
        (configured === r.unit || (configured === "auto" && auto === r.unit)
          ? " (what the dashboard reads)"
          : ""),
    )
    .join("; ");
  const valid = readings.filter((r) => r.valid);
  const chosen = configured === "auto" ? auto : configured;
  const unit: CoordUnit =
    valid.some((r) => r.unit === chosen) || valid.length !== 1 ? configured : valid[0]!.unit;
  return {
    findings: [
      `The first position's lat/lng (${lat}, ${lng}) read as ${reading}. Check which lands in your region; FLEETUP_COORD_UNIT sets it.`,
    ],
    unit,
  };
}
