import "server-only";
import { readFile } from "node:fs/promises";
import type { Fence, LatLng } from "../fleet/types";
import type { FenceGeometry } from "./fence-geometry";
import { Drop, readLatLng, readNumber } from "./parse-values";

/**
 * FleetUp's fences and the operator's fence file (FENCES_FILE), made into one list. FleetUp may
 * name its fences without saying where they are (the geofence paths are unpublished, GAPS G2):
 * every fence FleetUp names is listed, drawn when a shape is known, and the shapes come from the
 * file when it has one for that fence (matched by id, else by name).
 */

/** A fence as FleetUp gives it: an id and/or a name, a shape when the list or detail had one. */
export type NamedFence = { id?: string; name?: string; geometry?: FenceGeometry };

/** A fence from the operator's GeoJSON file. */
export type FileFence = { id?: string; name?: string; geometry: FenceGeometry };

export class FencesFileError extends Error {
  override name = "FencesFileError";
}

const norm = (name: string) => name.trim().toLowerCase();

function toFenceWith(id: string, name: string, geometry: FenceGeometry | undefined): Fence {
  if (!geometry) return { id, name, kind: "unknown" };
  return geometry.kind === "polygon"
    ? { id, name, kind: "polygon", points: geometry.points, ...holesOf(geometry) }
    : { id, name, kind: "circle", center: geometry.center, radiusM: geometry.radiusM };
}

function holesOf(geometry: { holes?: LatLng[][] }) {
  return geometry.holes?.length ? { holes: geometry.holes } : {};
}

/**
 * Every fence FleetUp names, with the file's shape for it when the file has one (the operator's
 * file wins over FleetUp's own shape: it is how a misread shape is corrected), else FleetUp's,
 * else none; then the file's other fences, which FleetUp did not name. A fence known by name
 * only takes the file's id when matched, else its name as id.
 */
export function mergeFences(fleetUp: readonly NamedFence[], file: readonly FileFence[]): Fence[] {
  const byId = new Map(file.filter((f) => f.id).map((f) => [f.id as string, f]));
  const byName = new Map(file.filter((f) => f.name).map((f) => [norm(f.name as string), f]));
  const used = new Set<FileFence>();
  const fences = new Map<string, Fence>();
  const add = (fence: Fence) => {
    if (!fences.has(fence.id)) fences.set(fence.id, fence);
  };
  for (const fence of fleetUp) {
    const match =
      (fence.id === undefined ? undefined : byId.get(fence.id)) ??
      (fence.name === undefined ? undefined : byName.get(norm(fence.name)));
    if (match) used.add(match);
    const id = fence.id ?? match?.id ?? fence.name;
    if (id === undefined) continue;
    add(toFenceWith(id, fence.name ?? match?.name ?? id, match?.geometry ?? fence.geometry));
  }
  for (const fence of file) {
    if (used.has(fence)) continue;
    const id = fence.id ?? fence.name;
    if (id !== undefined) add(toFenceWith(id, fence.name ?? id, fence.geometry));
  }
  return [...fences.values()];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A GeoJSON position `[lng, lat]` (degrees, by the GeoJSON standard) as our `[lat, lng]`. */
function position(value: unknown): LatLng {
  if (!Array.isArray(value) || value.length < 2) throw new Drop("missing_coordinates");
  return readLatLng(value[1], value[0], "deg");
}

/** A GeoJSON linear ring as an open ring of at least three points. */
function ring(value: unknown): LatLng[] {
  if (!Array.isArray(value)) throw new Drop("missing_coordinates");
  const points = value.map(position);
  const first = points[0];
  const last = points.at(-1);
  if (points.length > 3 && first && last && first[0] === last[0] && first[1] === last[1]) {
    points.pop();
  }
  if (points.length < 3) throw new Drop("missing_coordinates");
  return points;
}

/**
 * Polygon (outer ring and its holes), MultiPolygon (its first polygon), or Point with a radius in
 * metres.
 */
function featureGeometry(feature: Json): FenceGeometry {
  const geometry = feature.geometry;
  const properties = isObject(feature.properties) ? feature.properties : {};
  if (!isObject(geometry) || !Array.isArray(geometry.coordinates)) {
    throw new Drop("missing_coordinates");
  }
  const coordinates: unknown[] = geometry.coordinates;
  switch (geometry.type) {
    case "Point": {
      const radius = readNumber(
        properties.radius ?? properties.radiusM ?? properties.radius_m ?? properties.radiusMeters,
      );
      if (radius === undefined || !(radius > 0) || radius > 1_000_000) {
        throw new Drop("impossible_value");
      }
      return { kind: "circle", center: position(coordinates), radiusM: radius };
    }
    case "Polygon":
    case "MultiPolygon": {
      const rings = (geometry.type === "Polygon" ? coordinates : coordinates[0]) as
        unknown[] | undefined;
      if (!Array.isArray(rings)) throw new Drop("missing_coordinates");
      const points = ring(rings[0]);
      // Inner rings are holes; one that cannot be read is left out rather than losing the fence.
      const holes = rings.slice(1).flatMap((inner) => {
        try {
          return [ring(inner)];
        } catch {
          return [];
        }
      });
      return { kind: "polygon", points, ...(holes.length > 0 ? { holes } : {}) };
    }
    default:
      throw new Drop("missing_coordinates");
  }
}

export type FencesFile = {
  fences: FileFence[];
  /** Features that could not be used: their position in the file and why. */
  skipped: string[];
};

/**
 * Reads the operator's fence file: a GeoJSON FeatureCollection whose features are polygons (or
 * points with `properties.radius` in metres for circles), named by `properties.name` (or
 * `fenceName`) and identified by the feature's `id` (or `properties.fenceId` / `id`). A feature
 * without a usable shape or without an id and a name is skipped and reported; an unreadable file
 * is a FencesFileError naming it.
 */
export async function loadFencesFile(path: string): Promise<FencesFile> {
  let document: unknown;
  try {
    document = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    const reason =
      error instanceof SyntaxError
        ? "is not valid JSON"
        : `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`;
    throw new FencesFileError(`FENCES_FILE ${path} ${reason}`);
  }
  const features = isObject(document) && Array.isArray(document.features) ? document.features : [];
  if (!isObject(document) || document.type !== "FeatureCollection") {
    throw new FencesFileError(`FENCES_FILE ${path} is not a GeoJSON FeatureCollection`);
  }
  const fences: FileFence[] = [];
  const skipped: string[] = [];
  features.forEach((feature: unknown, index) => {
    if (!isObject(feature)) {
      skipped.push(`feature ${index}: not an object`);
      return;
    }
    const properties = isObject(feature.properties) ? feature.properties : {};
    const id = text(feature.id) ?? text(properties.fenceId) ?? text(properties.id);
    const name = text(properties.name) ?? text(properties.fenceName);
    if (id === undefined && name === undefined) {
      skipped.push(`feature ${index}: no id and no name to match a FleetUp fence`);
      return;
    }
    try {
      fences.push({ id, name, geometry: featureGeometry(feature) });
    } catch (error) {
      if (!(error instanceof Drop)) throw error;
      skipped.push(`feature ${index} (${name ?? id}): ${error.reason.replace(/_/g, " ")}`);
    }
  });
  return { fences, skipped };
}
