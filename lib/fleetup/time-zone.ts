import "server-only";

/**
 * FleetUp's compact timestamps (`YYYYMMDDHHMMSS`) carry no zone. The observed clients read them
 * as UTC; an account whose FleetUp sends local time sets FLEETUP_TIME_ZONE, and these helpers
 * turn wall-clock times of that zone into instants and back, daylight saving included.
 */

const HOUR = 3_600_000;
const BUCKET_MS = 15 * 60_000;

const formats = new Map<string, Intl.DateTimeFormat>();
/** Offsets by zone and quarter hour: zones change offset only on quarter hours. */
const offsets = new Map<string, number>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
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
    formats.set(timeZone, format);
  }
  return format;
}

/** How far the wall clock of `timeZone` is ahead of UTC at the instant `ms` (negative in the west). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  const key = `${timeZone}|${Math.floor(ms / BUCKET_MS)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const part of wallClock(timeZone).formatToParts(ms)) parts[part.type] = Number(part.value);
  const wall = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  const offset = wall - Math.floor(ms / 1000) * 1000;
  if (offsets.size > 10_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/**
 * The instant a wall-clock time of `timeZone` names, given that wall time as if it were UTC
 * (`Date.UTC(...)` of its fields). In the hour a clock skips, the later offset applies; in the
 * hour it repeats, the earlier.
 */
export function wallTimeToInstant(wallAsUtc: number, timeZone: string): number {
  if (timeZone === "UTC") return wallAsUtc;
  const guess = wallAsUtc - zoneOffsetMs(wallAsUtc, timeZone);
  return wallAsUtc - zoneOffsetMs(guess, timeZone);
}

/** An instant as a compact `YYYYMMDDHHMMSS` on the wall clock of `timeZone`. */
export function toCompactDateTime(ms: number, timeZone = "UTC"): string {
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().replace(/\D/g, "").slice(0, 14);
}

/** An instant as a compact date `YYYYMMDD` on the wall clock of `timeZone`. */
export function toCompactDate(ms: number, timeZone = "UTC"): string {
  return toCompactDateTime(ms, timeZone).slice(0, 8);
}

/** "UTC-07:00" for an offset of -7 h. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? "-" : "+";
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `UTC${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * Zones whose clocks are `offsetMs` ahead of UTC at `at`: the Etc/GMT zone first when there is
 * one (note its inverted sign: Etc/GMT+7 is UTC-7), then named zones, which also follow daylight
 * saving and so are the better setting for an account that knows its zone.
 */
export function zonesAtOffset(offsetMs: number, at: number): string[] {
  const zones: string[] = [];
  const hours = offsetMs / HOUR;
  if (Number.isInteger(hours) && hours >= -12 && hours <= 14) {
    zones.push(hours === 0 ? "UTC" : `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`);
  }
  const named = (
    Intl as typeof Intl & { supportedValuesOf?: (key: "timeZone") => string[] }
  ).supportedValuesOf?.("timeZone");
  for (const zone of named ?? []) {
    if (zone.includes("/") && !zone.startsWith("Etc/") && zoneOffsetMs(at, zone) === offsetMs) {
      zones.push(zone);
    }
  }
  return zones;
}
