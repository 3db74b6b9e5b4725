import { distanceMeters, offsetMeters, pointInPolygon, type LatLng } from "./geo";

/**
 * The account's geofences: depots, customer sites and one restricted zone, as circles and
 * polygons. Geometry is held in degrees; assumptions.ts decides how it goes on the wire.
 */
export type FenceCategory = "depot" | "customer" | "restricted";

type FenceBase = {
  fenceId: string;
  fenceName: string;
  category: FenceCategory;
  /** Where vehicles stop (depot parking, customer dock). */
  anchor: LatLng;
};
export type CircleFence = FenceBase & { kind: "circle"; center: LatLng; radiusMeters: number };
export type PolygonFence = FenceBase & { kind: "polygon"; polygon: LatLng[] };
export type Fence = CircleFence | PolygonFence;

function circle(
  fenceId: string,
  fenceName: string,
  category: FenceCategory,
  center: LatLng,
  radiusMeters: number,
): CircleFence {
  return { fenceId, fenceName, category, anchor: center, kind: "circle", center, radiusMeters };
}

/** A rectangle of the given size (metres) around a centre, as a four-point polygon. */
function rectangle(
  fenceId: string,
  fenceName: string,
  category: FenceCategory,
  center: LatLng,
  widthMeters: number,
  heightMeters: number,
): PolygonFence {
  const w = widthMeters / 2;
  const h = heightMeters / 2;
  const corners = [
    offsetMeters(center, h, -w),
    offsetMeters(center, h, w),
    offsetMeters(center, -h, w),
    offsetMeters(center, -h, -w),
  ];
  return polygon(fenceId, fenceName, category, center, corners);
}

/** A polygon drawn point by point; vehicles stop at its `anchor`. */
function polygon(
  fenceId: string,
  fenceName: string,
  category: FenceCategory,
  anchor: LatLng,
  points: LatLng[],
): PolygonFence {
  return { fenceId, fenceName, category, anchor, kind: "polygon", polygon: points };
}

const at = (lat: number, lng: number): LatLng => ({ lat, lng });

export const FENCES: readonly Fence[] = [
  circle("48201", "Central Depot", "depot", at(33.43, -112.06), 300),
  rectangle("48202", "West Valley Yard", "depot", at(33.461, -112.225), 600, 400),
  circle("48203", "East Valley Depot", "depot", at(33.415, -111.865), 350),
  // The reference's own example polygon (geofence.md), kept so its numbers stay meaningful.
  polygon("48204", "North Yard", "depot", at(33.5074, -112.07665), [
    at(33.5101, -112.0802),
    at(33.5101, -112.0731),
    at(33.5047, -112.0731),
    at(33.5047, -112.0802),
  ]),
  circle("48205", "Customer - Acme DC", "customer", at(33.435, -112.185), 250),
  rectangle("48206", "Customer - Sky Harbor Cargo", "customer", at(33.43, -112.015), 700, 350),
  rectangle(
    "48207",
    "Customer - Scottsdale Retail Park",
    "customer",
    at(33.5012, -111.9267),
    450,
    450,
  ),
  circle("48208", "Customer - Glendale Warehouse", "customer", at(33.538, -112.186), 300),
  circle("48209", "Customer - Tempe Market", "customer", at(33.423, -111.94), 200),
  rectangle(
    "48210",
    "Customer - Chandler Distribution",
    "customer",
    at(33.305, -111.895),
    800,
    500,
  ),
  circle("48211", "Customer - Downtown Medical Center", "customer", at(33.48, -112.044), 200),
  // Crossed by Dobbins Rd and its neighbours, so some routes trespass and raise alerts.
  polygon("48212", "Restricted - South Mountain Preserve", "restricted", at(33.35, -112.05), [
    at(33.362, -112.1),
    at(33.366, -112.04),
    at(33.355, -112.0),
    at(33.336, -112.01),
    at(33.333, -112.07),
    at(33.344, -112.105),
  ]),
];

export const DEPOTS = FENCES.filter((fence) => fence.category === "depot");
export const CUSTOMER_SITES = FENCES.filter((fence) => fence.category === "customer");

type Box = { minLat: number; maxLat: number; minLng: number; maxLng: number };

function boxOf(fence: Fence): Box {
  const points =
    fence.kind === "polygon"
      ? fence.polygon
      : [
          offsetMeters(fence.center, fence.radiusMeters, fence.radiusMeters),
          offsetMeters(fence.center, -fence.radiusMeters, -fence.radiusMeters),
        ];
  return {
    minLat: Math.min(...points.map((p) => p.lat)),
    maxLat: Math.max(...points.map((p) => p.lat)),
    minLng: Math.min(...points.map((p) => p.lng)),
    maxLng: Math.max(...points.map((p) => p.lng)),
  };
}

export function fenceContains(fence: Fence, point: LatLng): boolean {
  return fence.kind === "circle"
    ? distanceMeters(fence.center, point) <= fence.radiusMeters
    : pointInPolygon(point, fence.polygon);
}

/**
 * Which fences contain a point, as a bit mask (bit i = FENCES[i]). A bounding-box test first
 * keeps this cheap enough to run for 50,000 vehicles every tick.
 */
export class FenceIndex {
  private readonly boxes: Box[];

  constructor(readonly fences: readonly Fence[] = FENCES) {
    if (fences.length > 30) throw new Error("FenceIndex holds at most 30 fences (bit mask)");
    this.boxes = fences.map(boxOf);
  }

  maskAt(point: LatLng): number {
    let mask = 0;
    for (let i = 0; i < this.fences.length; i++) {
      const box = this.boxes[i]!;
      if (point.lat < box.minLat || point.lat > box.maxLat) continue;
      if (point.lng < box.minLng || point.lng > box.maxLng) continue;
      if (fenceContains(this.fences[i]!, point)) mask |= 1 << i;
    }
    return mask;
  }
}
