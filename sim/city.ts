import { distanceMeters, type LatLng } from "./geo";
import type { Rng } from "./random";

/**
 * Phoenix, AZ: the city of the reference's example coordinates. Its arterial roads form a
 * one-mile grid, which gives plausible routes without a road network: vehicles drive along grid
 * lines between stops. Row 0 is Van Buren St, column 0 is Central Ave.
 */
export const CITY = {
  name: "Phoenix, AZ",
  origin: { lat: 33.4516, lng: -112.074 },
  mileLat: 0.014473,
  mileLng: 0.017348,
  rows: { min: -10, max: 16 },
  cols: { min: -14, max: 16 },
  /** Phoenix keeps MST all year, so local time is UTC−7 without daylight saving. */
  utcOffsetHours: -7,
} as const;

const ROWS_NORTH = [
  "Van Buren St",
  "McDowell Rd",
  "Thomas Rd",
  "Indian School Rd",
  "Camelback Rd",
  "Bethany Home Rd",
  "Glendale Ave",
  "Northern Ave",
  "Dunlap Ave",
  "Peoria Ave",
  "Cactus Rd",
  "Thunderbird Rd",
  "Greenway Rd",
  "Bell Rd",
  "Union Hills Dr",
  "Beardsley Rd",
  "Deer Valley Rd",
];
const ROWS_SOUTH = [
  "Buckeye Rd",
  "Lower Buckeye Rd",
  "Broadway Rd",
  "Roeser Rd",
  "Southern Ave",
  "Baseline Rd",
  "Dobbins Rd",
  "Elliot Rd",
  "Warner Rd",
  "Ray Rd",
];
const COLS_EAST = [
  "Central Ave",
  "16th St",
  "32nd St",
  "48th St",
  "56th St",
  "64th St",
  "Scottsdale Rd",
  "Hayden Rd",
  "Rural Rd",
  "McClintock Dr",
  "Price Rd",
  "Dobson Rd",
  "Alma School Rd",
  "Country Club Dr",
  "Mesa Dr",
  "Stapley Dr",
  "Gilbert Rd",
];
const COLS_WEST = [
  "19th Ave",
  "35th Ave",
  "51st Ave",
  "67th Ave",
  "83rd Ave",
  "99th Ave",
  "107th Ave",
  "115th Ave",
  "123rd Ave",
  "131st Ave",
  "139th Ave",
  "147th Ave",
  "155th Ave",
  "163rd Ave",
];

/** Local streets 25 mph, arterials 45 mph; legs long enough to be worth the freeway, 65 mph. */
export const SPEED_LIMIT_KMH = { arterial: 72, freeway: 105, local: 40 } as const;
const FREEWAY_LEG_METERS = 8_000;

export const rowLat = (row: number) => CITY.origin.lat + row * CITY.mileLat;
export const colLng = (col: number) => CITY.origin.lng + col * CITY.mileLng;
const nearestRow = (lat: number) =>
  clamp(Math.round((lat - CITY.origin.lat) / CITY.mileLat), CITY.rows.min, CITY.rows.max);
const nearestCol = (lng: number) =>
  clamp(Math.round((lng - CITY.origin.lng) / CITY.mileLng), CITY.cols.min, CITY.cols.max);

function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, value));
}

const rowName = (row: number) =>
  (row >= 0 ? ROWS_NORTH[row] : ROWS_SOUTH[-row - 1]) ?? `Row ${row}`;
const colName = (col: number) => (col >= 0 ? COLS_EAST[col] : COLS_WEST[-col - 1]) ?? `Col ${col}`;

/** A street address near a point, in the style FleetUp's reverse geocoder returns. */
export function addressOf(point: LatLng): string {
  const row = nearestRow(point.lat);
  const col = nearestCol(point.lng);
  const northSouth = Math.abs(point.lat - rowLat(row)) / CITY.mileLat;
  const eastWest = Math.abs(point.lng - colLng(col)) / CITY.mileLng;
  if (eastWest <= northSouth) {
    // On the north–south road: house numbers count 1000 per mile from Van Buren.
    const number = Math.round((Math.abs(point.lat - CITY.origin.lat) / CITY.mileLat) * 1000);
    const side = point.lat >= CITY.origin.lat ? "N" : "S";
    return `${Math.max(number, 100)} ${side} ${colName(col)}, Phoenix, AZ`;
  }
  const number = Math.round((Math.abs(point.lng - CITY.origin.lng) / CITY.mileLng) * 1000);
  const side = point.lng >= CITY.origin.lng ? "E" : "W";
  return `${Math.max(number, 100)} ${side} ${rowName(row)}, Phoenix, AZ`;
}

export type Leg = { from: LatLng; to: LatLng; meters: number; limitKmh: number };

/**
 * A route from one point to another along the grid: a local street to the nearest arterial,
 * along it and a crossing arterial (in a seeded order), and a local street to the stop.
 */
export function planRoute(from: LatLng, to: LatLng, rng: Rng): Leg[] {
  const points: LatLng[] = [from];
  if (rng.chance(0.5)) {
    const col = nearestCol(from.lng);
    const row = nearestRow(to.lat);
    points.push({ lat: from.lat, lng: colLng(col) }, { lat: rowLat(row), lng: colLng(col) });
    points.push({ lat: rowLat(row), lng: to.lng });
  } else {
    const row = nearestRow(from.lat);
    const col = nearestCol(to.lng);
    points.push({ lat: rowLat(row), lng: from.lng }, { lat: rowLat(row), lng: colLng(col) });
    points.push({ lat: to.lat, lng: colLng(col) });
  }
  points.push(to);
  const legs: Leg[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const meters = distanceMeters(a, b);
    if (meters < 1) continue;
    const isLocal = i === 1 || i === points.length - 1;
    const limitKmh = isLocal
      ? SPEED_LIMIT_KMH.local
      : meters > FREEWAY_LEG_METERS
        ? SPEED_LIMIT_KMH.freeway
        : SPEED_LIMIT_KMH.arterial;
    legs.push({ from: a, to: b, meters, limitKmh });
  }
  return legs;
}

/** A random point in the city, denser near the centre (most customers are in town). */
export function randomPointInCity(rng: Rng): LatLng {
  const spread = rng.chance(0.6) ? 0.45 : 1;
  const row = (rng.next() * 2 - 1) * spread;
  const col = (rng.next() * 2 - 1) * spread;
  const midRow = (CITY.rows.min + CITY.rows.max) / 2;
  const midCol = (CITY.cols.min + CITY.cols.max) / 2;
  const halfRows = (CITY.rows.max - CITY.rows.min) / 2 - 0.5;
  const halfCols = (CITY.cols.max - CITY.cols.min) / 2 - 0.5;
  return { lat: rowLat(midRow + row * halfRows), lng: colLng(midCol + col * halfCols) };
}

/** Local (Phoenix) hour of day with fractions, from a UTC instant. */
export function localHour(ms: number): number {
  const hours = ms / 3_600_000 + CITY.utcOffsetHours;
  return ((hours % 24) + 24) % 24;
}
