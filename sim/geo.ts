/** Plain spherical geometry and FleetUp's time/coordinate encodings; no simulator state. */

const EARTH_RADIUS_M = 6_371_000;
const RAD = Math.PI / 180;

/** FleetUp encodes trip positions in milliseconds of arc: degrees × 3,600,000. */
export const MAS_PER_DEGREE = 3_600_000;

export type LatLng = { lat: number; lng: number };

export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDegrees(a: LatLng, b: LatLng): number {
  const y = Math.sin((b.lng - a.lng) * RAD) * Math.cos(b.lat * RAD);
  const x =
    Math.cos(a.lat * RAD) * Math.sin(b.lat * RAD) -
    Math.sin(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.cos((b.lng - a.lng) * RAD);
  return (Math.atan2(y, x) / RAD + 360) % 360;
}

/** Linear interpolation; exact enough over the few kilometres of one road segment. */
export function interpolate(a: LatLng, b: LatLng, fraction: number): LatLng {
  return { lat: a.lat + (b.lat - a.lat) * fraction, lng: a.lng + (b.lng - a.lng) * fraction };
}

/** Moves `meters` from a point on a compass bearing (small distances only). */
export function offsetMeters(from: LatLng, northMeters: number, eastMeters: number): LatLng {
  return {
    lat: from.lat + northMeters / (EARTH_RADIUS_M * RAD),
    lng: from.lng + eastMeters / (EARTH_RADIUS_M * RAD * Math.cos(from.lat * RAD)),
  };
}

export function pointInPolygon(point: LatLng, ring: readonly LatLng[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    const crosses =
      a.lat > point.lat !== b.lat > point.lat &&
      point.lng < ((b.lng - a.lng) * (point.lat - a.lat)) / (b.lat - a.lat) + a.lng;
    if (crosses) inside = !inside;
  }
  return inside;
}

export const toMas = (degrees: number) => Math.round(degrees * MAS_PER_DEGREE);

export const MICRODEG_PER_DEGREE = 1_000_000;
export const toMicrodeg = (degrees: number) => Math.round(degrees * MICRODEG_PER_DEGREE);

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** FleetUp's compact UTC timestamp, YYYYMMDDHHMMSS. */
export function compactUtc(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
  );
}

/** Parses YYYYMMDDHHMMSS or YYYYMMDD (UTC); undefined when the text is not a real instant. */
export function parseCompactUtc(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = match;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return compactUtc(ms).startsWith(text) ? ms : undefined;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/**
 * A compact timestamp as the wall clock of `timeZone` shows the instant (UTC as observed).
 * Swedish writes a date and time in ISO order ("2026-03-29 01:59:59"), so its digits are the
 * compact form as they stand. The adapter (lib/fleetup/time-zone.ts) reaches the same wall clock
 * another way, through the zone's offset, on purpose: one helper shared by both sides would let
 * a mistake in it cancel out, and the adapter would pass against the simulator regardless.
 */
export function compactIn(ms: number, timeZone: string): string {
  if (timeZone === "UTC") return compactUtc(ms);
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("sv-SE", {
      timeZone,
      dateStyle: "short",
      timeStyle: "medium",
    });
    wallClocks.set(timeZone, format);
  }
  return format.format(ms).replace(/\D/g, "");
}

/** Parses a compact timestamp read on the wall clock of `timeZone`. */
export function parseCompactIn(text: string, timeZone: string): number | undefined {
  const wall = parseCompactUtc(text);
  if (wall === undefined) return undefined;
  /** How far that wall clock is ahead of UTC at `ms`. */
  const offset = (ms: number) =>
    parseCompactUtc(compactIn(ms, timeZone))! - Math.floor(ms / 1000) * 1000;
  // The offset at the guess, then at the corrected instant (they differ only near a DST change).
  const guess = wall - offset(wall);
  return wall - offset(guess);
}

/** Whether `name` is a time zone this runtime knows (an IANA name such as America/Phoenix). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return name.trim() !== "";
  } catch {
    return false;
  }
}
