/**
 * Is a point inside a fence? Pure and isomorphic: the server computes fence occupancy with it,
 * tests pin its edge cases. Rules: a point on the boundary (an edge, a vertex, exactly the
 * radius) is inside; a polygon may cross the antimeridian (its longitudes are unwrapped edge by
 * edge, so 179.9 and -179.9 are neighbours); a point in a hole is outside, on a hole's edge
 * inside (that edge is the fence's boundary too).
 */
import type { Fence, LatLng, ShapedFence } from "./types";

const EARTH_RADIUS_M = 6_371_008.8;
/** Boundary tolerance in degrees (about 1 mm), so a point stored on an edge counts as on it. */
const EDGE_EPSILON = 1e-8;

const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const dLat = rad(b[0] - a[0]);
  const dLng = rad(b[1] - a[1]);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[0])) * Math.cos(rad(b[0])) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** `lng` as an offset from `origin`, in (-180, 180]: the short way round. */
function relativeLng(lng: number, origin: number): number {
  const offset = (((lng - origin) % 360) + 360) % 360;
  return offset > 180 ? offset - 360 : offset;
}

/**
 * A ring in a flat frame: longitudes unwrapped edge by edge (each step the short way round) from
 * its first vertex, so a ring across the antimeridian is one piece; `x(lng)` puts any longitude
 * in the same frame, within half a world of the ring's middle.
 */
type Frame = { ys: number[]; xs: number[]; x: (lng: number) => number; west: number; east: number };

function frameOf(ring: readonly LatLng[], originLng = ring[0]![1]): Frame {
  const xs: number[] = [];
  let x = relativeLng(ring[0]![1], originLng);
  for (let i = 0; i < ring.length; i += 1) {
    if (i > 0) x += relativeLng(ring[i]![1], ring[i - 1]![1]);
    xs.push(x);
  }
  const west = Math.min(...xs);
  const east = Math.max(...xs);
  const middle = (west + east) / 2;
  return {
    ys: ring.map((point) => point[0]),
    xs,
    x: (lng) => middle + relativeLng(lng, originLng + middle),
    west,
    east,
  };
}

/** Where a point is against one ring: "in", "out", or "edge". */
function ringSide(frame: Frame, lat: number, lng: number): "in" | "out" | "edge" {
  const { xs, ys } = frame;
  const px = frame.x(lng);
  let inside = false;
  for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
    const ax = xs[i]!;
    const ay = ys[i]!;
    const bx = xs[j]!;
    const by = ys[j]!;
    if (onSegment(ax, ay, bx, by, px, lat)) return "edge";
    if (ay > lat !== by > lat && px < ((bx - ax) * (lat - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside ? "in" : "out";
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number) {
  if (px < Math.min(ax, bx) - EDGE_EPSILON || px > Math.max(ax, bx) + EDGE_EPSILON) return false;
  if (py < Math.min(ay, by) - EDGE_EPSILON || py > Math.max(ay, by) + EDGE_EPSILON) return false;
  const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  return Math.abs(cross) <= EDGE_EPSILON * Math.max(Math.hypot(bx - ax, by - ay), 1);
}

type Box = { south: number; north: number; west: number; east: number };

/** A fence made ready for many questions: its box (in its own frame) and its exact test. */
type Compiled = {
  fence: ShapedFence;
  box: Box;
  x: (lng: number) => number;
  contains: (lat: number, lng: number) => boolean;
};

function compile(fence: ShapedFence): Compiled {
  if (fence.kind === "circle") {
    const [lat, lng] = fence.center;
    const dLat = (fence.radiusM / EARTH_RADIUS_M) * (180 / Math.PI);
    const cos = Math.cos(rad(Math.min(89.9, Math.abs(lat) + dLat)));
    const dLng = Math.min(180, dLat / Math.max(cos, 1e-6));
    return {
      fence,
      box: { south: lat - dLat, north: lat + dLat, west: -dLng, east: dLng },
      x: (other) => relativeLng(other, lng),
      contains: (pLat, pLng) => distanceMetres(fence.center, [pLat, pLng]) <= fence.radiusM,
    };
  }
  const outer = frameOf(fence.points);
  const holes = (fence.holes ?? []).map((hole) => frameOf(hole));
  return {
    fence,
    box: {
      south: Math.min(...outer.ys),
      north: Math.max(...outer.ys),
      west: outer.west,
      east: outer.east,
    },
    x: outer.x,
    contains: (lat, lng) => {
      const side = ringSide(outer, lat, lng);
      if (side !== "in") return side === "edge";
      return holes.every((hole) => ringSide(hole, lat, lng) !== "in");
    },
  };
}

/** Whether `point` is inside `fence` (boundary included); a fence without a shape contains nothing. */
export function fenceContains(fence: Fence, point: LatLng): boolean {
  return fence.kind !== "unknown" && compile(fence).contains(point[0], point[1]);
}

/**
 * The fences a point is in, for many points against the same fences: each fence is prepared
 * once and its bounding box checked first, so a fleet of 10,000 against a few hundred fences
 * stays cheap.
 */
export function fenceIndex(fences: readonly Fence[]) {
  const compiled = fences
    .filter((fence): fence is ShapedFence => fence.kind !== "unknown")
    .map(compile);
  const margin = EDGE_EPSILON * 10;
  return {
    containing(point: LatLng): ShapedFence[] {
      const [lat, lng] = point;
      const found: ShapedFence[] = [];
      for (const { fence, box, x, contains } of compiled) {
        if (lat < box.south - margin || lat > box.north + margin) continue;
        const offset = x(lng);
        if (offset < box.west - margin || offset > box.east + margin) continue;
        if (contains(lat, lng)) found.push(fence);
      }
      return found;
    },
  };
}

/** A restricted zone, by its name (the map draws it red by the same rule). */
export function isRestrictedFence(fence: Pick<Fence, "name">): boolean {
  return /restricted/i.test(fence.name);
}
