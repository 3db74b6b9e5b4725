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
  const polygon = [
    offsetMeters(center, h, -w),
    offsetMeters(center, h, w),
    offsetMeters(center, -h, w),
    offsetMeters(center, -h, -w),
  ];
  return { fenceId, fenceName, category, anchor: center, kind: "polygon", polygon };
}

export const FENCES: readonly Fence[] = [
  circle("48201", "Central Depot", "depot", { lat: 33.43, lng: -112.06 }, 300),
  rectangle("48202", "West Valley Yard", "depot", { lat: 33.461, lng: -112.225 }, 600, 400),
  circle("48203", "East Valley Depot", "depot", { lat: 33.415, lng: -111.865 }, 350),
  {
    // The reference's own example polygon (geofence.md), kept so its numbers stay meaningful.
    fenceId: "48204",
    fenceName: "North Yard",
    category: "depot",
    anchor: { lat: 33.5074, lng: -112.07665 },
    kind: "polygon",
    polygon: [
      { lat: 33.5101, lng: -112.0802 },
      { lat: 33.5101, lng: -112.0731 },
      { lat: 33.5047, lng: -112.0731 },
      { lat: 33.5047, lng: -112.0802 },
    ],
  },
  circle("48205", "Customer - Acme DC", "customer", { lat: 33.435, lng: -112.185 }, 250),
  rectangle(
    "48206",
    "Customer - Sky Harbor Cargo",
    "customer",
    { lat: 33.43, lng: -112.015 },
    700,
    350,
  ),
  rectangle(
    "48207",
    "Customer - Scottsdale Retail Park",
    "customer",
    { lat: 33.5012, lng: -111.9267 },
    450,
    450,
  ),
  circle("48208", "Customer - Glendale Warehouse", "customer", { lat: 33.538, lng: -112.186 }, 300),
  circle("48209", "Customer - Tempe Market", "customer", { lat: 33.423, lng: -111.94 }, 200),
  rectangle(
    "48210",
    "Customer - Chandler Distribution",
    "customer",
    { lat: 33.305, lng: -111.895 },
    800,
    500,
  ),
  circle(
    "48211",
    "Customer - Downtown Medical Center",
    "customer",
    { lat: 33.48, lng: -112.044 },
    200,
  ),
  {
    // Crossed by Dobbins Rd and its neighbours, so some routes trespass and raise alerts.
    fenceId: "48212",
    fenceName: "Restricted - South Mountain Preserve",
    category: "restricted",
    anchor: { lat: 33.35, lng: -112.05 },
    kind: "polygon",
    polygon: [
      { lat: 33.362, lng: -112.1 },
      { lat: 33.366, lng: -112.04 },
      { lat: 33.355, lng: -112.0 },
      { lat: 33.336, lng: -112.01 },
      { lat: 33.333, lng: -112.07 },
      { lat: 33.344, lng: -112.105 },
    ],
  },
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
