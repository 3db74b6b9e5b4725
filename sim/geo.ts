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

/** How far the wall clock of `timeZone` is ahead of UTC at `ms`, in ms (negative west of UTC). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    wallClocks.set(timeZone, format);
  }
  const part = Object.fromEntries(
    format.formatToParts(ms).map((p) => [p.type, Number(p.value)] as const),
  );
  const wall = Date.UTC(
    part.year!,
    part.month! - 1,
    part.day!,
    part.hour!,
    part.minute!,
    part.second!,
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/** A compact timestamp as the wall clock of `timeZone` shows the instant (UTC as observed). */
export function compactIn(ms: number, timeZone: string): string {
  return compactUtc(ms + zoneOffsetMs(ms, timeZone));
}

/** Parses a compact timestamp read on the wall clock of `timeZone`. */
export function parseCompactIn(text: string, timeZone: string): number | undefined {
  const wall = parseCompactUtc(text);
  if (wall === undefined) return undefined;
  // The offset at the guess, then at the corrected instant (they differ only near a DST change).
  const guess = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(guess, timeZone);
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
