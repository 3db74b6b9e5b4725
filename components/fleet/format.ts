/** Display formatting: speeds and distances in the chosen units, ages and relative times. Pure. */
import type { SpeedUnits } from "@/lib/queries/url-state";

const KM_PER_MILE = 1.609344;

export function convertSpeed(kph: number, units: SpeedUnits): number {
  return units === "mph" ? kph / KM_PER_MILE : kph;
}

export function formatSpeed(kph: number | undefined, units: SpeedUnits): string {
  if (kph === undefined) return "—";
  return `${Math.round(convertSpeed(kph, units))} ${units === "mph" ? "mph" : "km/h"}`;
}

export function formatDistance(metres: number, units: SpeedUnits): string {
  if (units === "mph") {
    const miles = metres / 1000 / KM_PER_MILE;
    return `${miles < 10 ? miles.toFixed(1) : Math.round(miles)} mi`;
  }
  const km = metres / 1000;
  return `${km < 10 ? km.toFixed(1) : Math.round(km)} km`;
}

/**
 * A distance precise enough to compare ("who is closer"): metres (or feet) below a kilometre (or
 * a tenth of a mile), then two decimals below 10, one below 100.
 */
export function formatPreciseDistance(metres: number, units: SpeedUnits): string {
  if (units === "mph") {
    const miles = metres / 1000 / KM_PER_MILE;
    if (miles < 0.1) return `${Math.round(metres / 0.3048).toLocaleString("en")} ft`;
    return `${miles < 10 ? miles.toFixed(2) : miles < 100 ? miles.toFixed(1) : Math.round(miles).toLocaleString("en")} mi`;
  }
  if (metres < 1000) return `${Math.round(metres)} m`;
  const km = metres / 1000;
  return `${km < 10 ? km.toFixed(2) : km < 100 ? km.toFixed(1) : Math.round(km).toLocaleString("en")} km`;
}

/** "12 s", "5 min", "2 h 10 min", "3 d": an age or a duration, short enough for a badge. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d`;
}

/** "just now", "12 s ago", "5 min ago", "3 h ago"; a time ahead of now reads "just now". */
export function formatRelative(time: number, now: number): string {
  const ms = now - time;
  if (ms < 5_000) return "just now";
  const age = formatAge(ms);
  return `${age.split(" ").slice(0, 2).join(" ")} ago`;
}

const COMPASS = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"] as const;

export function formatHeading(deg: number | undefined): string {
  if (deg === undefined) return "—";
  const normalised = ((deg % 360) + 360) % 360;
  return `${Math.round(normalised)}° ${COMPASS[Math.round(normalised / 45) % 8]}`;
}

export function formatClock(time: number): string {
  return new Date(time).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}
