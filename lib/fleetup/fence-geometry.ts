import "server-only";
import type { LatLng } from "../fleet/types";
import {
  Drop,
  MAS_PER_DEGREE,
  MICRODEG_PER_DEGREE,
  readLatLng,
  readNumber,
  type CoordUnit,
} from "./parse-values";

/**
 * FleetUp never published how fence geometry is encoded (GAPS G1), so this reads every
 * plausible encoding (geofence.md's "tolerant normaliser"): a kind discriminator or none;
 * points as {lat,lng} objects, [a,b] pairs, "lat,lng;lat,lng" text, GeoJSON or WKT; either axis
 * order; degrees or milliseconds of arc; circles as a centre plus a radius in metres.
 */

export type FenceGeometry =
  | { kind: "polygon"; points: LatLng[]; holes?: LatLng[][] }
  | { kind: "circle"; center: LatLng; radiusM: number };

/** Reads a field by any of its aliases and marks it as mapped. */
export type Pick = (aliases: readonly string[]) => unknown;

/** Largest believable circle fence, metres. */
const MAX_RADIUS_M = 1_000_000;

type Order = "latlng" | "lnglat" | "unknown";
type RawPoints = { pairs: Array<[unknown, unknown]>; order: Order };

const KIND_KEYS = ["type", "shape", "fenceType", "shapeType", "geometryType", "kind"];
const POINT_KEYS = [
  "points",
  "coordinates",
  "polygon",
  "vertices",
  "path",
  "latlngs",
  "coords",
  "geometry",
  "geoJson",
  "geojson",
  "wkt",
  "area",
  "region",
  "boundary",
];
const RADIUS_KEYS = ["radiusM", "radiusMeters", "radiusInMeters", "radius", "r"];

/**
 * The fence's geometry, or undefined when the record carries none (a list entry). Coordinates
 * are read in `unit` (FLEETUP_COORD_UNIT); "auto" takes milliseconds of arc when any value of
 * the shape is beyond ±360.
 */
export function readFenceGeometry(pick: Pick, unit: CoordUnit = "auto"): FenceGeometry | undefined {
  const declared = readKind(pick(KIND_KEYS));
  const radiusValue = pick(RADIUS_KEYS) ?? undefined;
  const pointsValue = pick(POINT_KEYS) ?? undefined;
  if (declared === undefined && radiusValue === undefined && isNestedShape(pointsValue)) {
    // {"geometry": {"type": "circle", "center": ..., "radius": ...}}
    return readFenceGeometry(pickFrom(pointsValue), unit);
  }
  const geoCircle = geoJsonPointCircle(pointsValue, unit);

  const isCircle =
    declared === "circle" ||
    (declared === undefined && (radiusValue !== undefined || geoCircle?.radius !== undefined));
  if (isCircle) {
    const center =
      geoCircle?.center ??
      readCenter(pick, unit) ??
      (pointsValue === undefined ? undefined : firstPoint(pointsValue, unit));
    if (!center) throw new Drop("missing_coordinates");
    return { kind: "circle", center, radiusM: readRadius(radiusValue ?? geoCircle?.radius) };
  }
  if (pointsValue === undefined) {
    if (declared === "polygon") throw new Drop("missing_coordinates");
    return undefined;
  }
  const points = normalise(readRawPoints(pointsValue), unit);
  if (points.length < 3) throw new Drop("missing_coordinates");
  return { kind: "polygon", points };
}

function isNestedShape(value: unknown): value is Record<string, unknown> {
  if (!isObject(value) || "coordinates" in value || "lat" in value || "latitude" in value) {
    return false;
  }
  return [...KIND_KEYS, ...RADIUS_KEYS, ...POINT_KEYS].some((key) => key in value);
}

/** A case-insensitive `Pick` over a plain object. */
export function pickFrom(record: Record<string, unknown>): Pick {
  const byLower = new Map(Object.keys(record).map((key) => [key.toLowerCase(), key]));
  return (aliases) => {
    for (const alias of aliases) {
      const key = byLower.get(alias.toLowerCase());
      if (key !== undefined && record[key] !== undefined && record[key] !== null)
        return record[key];
    }
    return undefined;
  };
}

function readKind(value: unknown): "circle" | "polygon" | undefined {
  if (typeof value !== "string") return undefined;
  if (/circ|round|radius/i.test(value)) return "circle";
  if (/poly|rect|square|area|zone/i.test(value)) return "polygon";
  return undefined;
}

function readRadius(value: unknown): number {
  const radius = readNumber(value);
  if (radius === undefined) throw new Drop("missing_coordinates");
  if (radius <= 0 || radius > MAX_RADIUS_M) throw new Drop("impossible_value");
  return radius;
}

function readCenter(pick: Pick, unit: CoordUnit): LatLng | undefined {
  const center = pick(["center", "centre", "centerPoint", "centrePoint"]);
  if (center !== undefined && center !== null) return firstPoint(center, unit);
  const lat = pick(["centerLat", "centreLat", "centerLatitude", "lat", "latitude"]);
  const lng = pick([
    "centerLng",
    "centreLng",
    "centerLon",
    "centerLongitude",
    "lng",
    "lon",
    "longitude",
  ]);
  if ((lat ?? undefined) === undefined && (lng ?? undefined) === undefined) return undefined;
  return readLatLng(lat, lng, unit);
}

function firstPoint(value: unknown, unit: CoordUnit): LatLng | undefined {
  const raw = readRawPoints(value);
  return raw.pairs.length > 0
    ? normalise({ ...raw, pairs: raw.pairs.slice(0, 1) }, unit)[0]
    : undefined;
}

/** `{type: "Point", coordinates: [lng, lat], radius}` → its centre and radius. */
function geoJsonPointCircle(
  value: unknown,
  unit: CoordUnit,
): { center: LatLng; radius: unknown } | undefined {
  if (!isObject(value) || value.type !== "Point" || !Array.isArray(value.coordinates)) {
    return undefined;
  }
  const [lng, lat] = value.coordinates as unknown[];
  const properties = isObject(value.properties) ? value.properties : {};
  return { center: readLatLng(lat, lng, unit), radius: value.radius ?? properties.radius };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectPoint(value: Record<string, unknown>): [unknown, unknown] {
  const get = (keys: string[]) => keys.map((key) => value[key]).find((v) => v !== undefined);
  return [
    get(["lat", "latitude", "Lat", "y"]),
    get(["lng", "lon", "long", "longitude", "Lng", "x"]),
  ];
}

function readRawPoints(value: unknown): RawPoints {
  if (typeof value === "string") return readPointsText(value);
  if (isObject(value)) {
    if (value.type === "Feature") return readRawPoints(value.geometry);
    if (typeof value.type === "string" && Array.isArray(value.coordinates)) {
      // GeoJSON: [lng, lat], polygons nested as rings; take the outer ring.
      let coordinates: unknown = value.coordinates;
      while (
        Array.isArray(coordinates) &&
        Array.isArray(coordinates[0]) &&
        Array.isArray(coordinates[0][0])
      ) {
        coordinates = coordinates[0];
      }
      if (value.type === "Point") coordinates = [coordinates];
      return { pairs: toPairs(coordinates), order: "lnglat" };
    }
    if ("lat" in value || "latitude" in value)
      return { pairs: [objectPoint(value)], order: "latlng" };
    for (const key of ["points", "coordinates", "path", "vertices"]) {
      if (value[key] !== undefined) return readRawPoints(value[key]);
    }
    throw new Drop("missing_coordinates");
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isObject)) {
      return { pairs: value.map((point) => objectPoint(point)), order: "latlng" };
    }
    if (value.length > 0 && Array.isArray(value[0]) && Array.isArray(value[0][0])) {
      return { pairs: toPairs(value[0]), order: "unknown" };
    }
    if (value.length > 0 && typeof value[0] !== "object") {
      // A flat [lat, lng, lat, lng, ...] list.
      const pairs: Array<[unknown, unknown]> = [];
      for (let i = 0; i + 1 < value.length; i += 2) pairs.push([value[i], value[i + 1]]);
      return { pairs, order: "unknown" };
    }
    return { pairs: toPairs(value), order: "unknown" };
  }
  throw new Drop("missing_coordinates");
}

function toPairs(value: unknown): Array<[unknown, unknown]> {
  if (!Array.isArray(value)) throw new Drop("missing_coordinates");
  return value.map((pair) => {
    if (!Array.isArray(pair) || pair.length < 2) throw new Drop("missing_coordinates");
    return [pair[0], pair[1]] as [unknown, unknown];
  });
}

function readPointsText(text: string): RawPoints {
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) {
    try {
      return readRawPoints(JSON.parse(trimmed));
    } catch (error) {
      if (error instanceof Drop) throw error;
      throw new Drop("missing_coordinates");
    }
  }
  const wkt =
    /^(?:MULTI)?POLYGON\s*\(+([^()]*)\)/i.exec(trimmed) ?? /^POINT\s*\(([^()]*)\)/i.exec(trimmed);
  if (wkt?.[1] !== undefined) {
    const pairs = wkt[1].split(",").map((pair) => {
      const [x, y] = pair.trim().split(/\s+/);
      return [x, y] as [unknown, unknown];
    });
    return { pairs, order: "lnglat" };
  }
  const groups = trimmed.split(/[;|]/).filter((part) => part.trim() !== "");
  if (groups.length > 1) {
    return {
      pairs: groups.map((group) => {
        const [a, b, extra] = group.split(/[,\s]+/).filter(Boolean);
        if (a === undefined || b === undefined || extra !== undefined)
          throw new Drop("missing_coordinates");
        return [a, b] as [unknown, unknown];
      }),
      order: "unknown",
    };
  }
  const numbers = trimmed.split(/[,\s]+/).filter(Boolean);
  if (numbers.length < 2 || numbers.length % 2 !== 0) throw new Drop("missing_coordinates");
  const pairs: Array<[unknown, unknown]> = [];
  for (let i = 0; i < numbers.length; i += 2) pairs.push([numbers[i], numbers[i + 1]]);
  return { pairs, order: "unknown" };
}

/**
 * Units first (the configured unit, or with "auto" any |value| > 360 means milliseconds of arc
 * for the whole shape), then axis order: with the order unknown, pairs whose first number
 * exceeds 90 while the second never does are longitude-first.
 */
function normalise({ pairs, order }: RawPoints, unit: CoordUnit): LatLng[] {
  const numbers = pairs.map(([a, b]) => {
    const first = readNumber(a);
    const second = readNumber(b);
    if (first === undefined || second === undefined) throw new Drop("missing_coordinates");
    return [first, second] as [number, number];
  });
  const divisor =
    unit === "microdeg"
      ? MICRODEG_PER_DEGREE
      : unit === "mas" ||
          (unit === "auto" && numbers.some(([a, b]) => Math.abs(a) > 360 || Math.abs(b) > 360))
        ? MAS_PER_DEGREE
        : 1;
  const scaled = numbers.map(([a, b]) => [a / divisor, b / divisor] as [number, number]);
  const lngFirst =
    order === "lnglat" ||
    (order === "unknown" &&
      scaled.some(([a]) => Math.abs(a) > 90) &&
      scaled.every(([, b]) => Math.abs(b) <= 90));
  const points = scaled.map(([a, b]) =>
    lngFirst ? readLatLng(b, a, "deg") : readLatLng(a, b, "deg"),
  );
  const first = points[0];
  const last = points.at(-1);
  if (points.length > 3 && first && last && first[0] === last[0] && first[1] === last[1]) {
    points.pop();
  }
  return points;
}
