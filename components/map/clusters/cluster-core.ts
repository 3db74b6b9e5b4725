/**
 * The clustering itself (supercluster), shared by the Web Worker and the main-thread fallback.
 * Input: the vehicles' positions as one Float64Array [lng, lat, lng, lat, …] in layer order, and
 * one code per vehicle (its status, and whether it has an open warning or critical alert; see
 * vehicleCode). Output: one Float64Array of STRIDE numbers per item (see ITEM): where it is, how
 * many vehicles of each status it holds, how many of them have open alerts, and the bounds of its
 * members, so a cluster can warn and a click can zoom to exactly its members without asking the
 * index again.
 */
import Supercluster from "supercluster";
import { CLUSTER_MAX_ZOOM } from "./cluster-policy";

export type ClusterQuery = { bbox: [number, number, number, number]; zoom: number };

/** Where each number of an item sits in the output. */
export const ITEM = {
  lng: 0,
  lat: 1,
  count: 2,
  /** The vehicle's position in the input for a single vehicle, -1 for a cluster. */
  index: 3,
  /** Vehicles by status, in VEHICLE_STATUSES order (moving, idle, stopped, offline). */
  statuses: 4,
  /** Vehicles with an open warning (and no critical) alert. */
  warnings: 8,
  /** Vehicles with an open critical alert. */
  criticals: 9,
  west: 10,
  south: 11,
  east: 12,
  north: 13,
} as const;
export const STRIDE = 14;

/** Alert level packed into a vehicle's code: none, an open warning, an open critical alert. */
export type AlertLevel = 0 | 1 | 2;

/** A vehicle's code: its status (index in VEHICLE_STATUSES, 0–3) and its alert level. */
export function vehicleCode(statusIndex: number, alert: AlertLevel): number {
  return statusIndex | (alert << 2);
}

type PointProps = { i: number; c: number; x: number; y: number };
/** What a cluster accumulates from its members (supercluster's map/reduce). */
type ClusterProps = {
  s0: number;
  s1: number;
  s2: number;
  s3: number;
  w: number;
  k: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
};

function fromPoint(p: PointProps): ClusterProps {
  const status = p.c & 3;
  const alert = p.c >> 2;
  return {
    s0: status === 0 ? 1 : 0,
    s1: status === 1 ? 1 : 0,
    s2: status === 2 ? 1 : 0,
    s3: status === 3 ? 1 : 0,
    w: alert === 1 ? 1 : 0,
    k: alert === 2 ? 1 : 0,
    x0: p.x,
    y0: p.y,
    x1: p.x,
    y1: p.y,
  };
}

function merge(into: ClusterProps, from: Readonly<ClusterProps>) {
  into.s0 += from.s0;
  into.s1 += from.s1;
  into.s2 += from.s2;
  into.s3 += from.s3;
  into.w += from.w;
  into.k += from.k;
  into.x0 = Math.min(into.x0, from.x0);
  into.y0 = Math.min(into.y0, from.y0);
  into.x1 = Math.max(into.x1, from.x1);
  into.y1 = Math.max(into.y1, from.y1);
}

export type ClusterIndexData = Supercluster<PointProps, ClusterProps>;

export function buildIndex(coords: Float64Array, codes: Uint8Array): ClusterIndexData {
  const features: Supercluster.PointFeature<PointProps>[] = new Array(coords.length / 2);
  for (let i = 0; i < features.length; i++) {
    const x = coords[2 * i]!;
    const y = coords[2 * i + 1]!;
    features[i] = {
      type: "Feature",
      properties: { i, c: codes[i] ?? 0, x, y },
      geometry: { type: "Point", coordinates: [x, y] },
    };
  }
  return new Supercluster<PointProps, ClusterProps>({
    radius: 60,
    maxZoom: CLUSTER_MAX_ZOOM,
    minPoints: 3,
    map: fromPoint,
    reduce: merge,
  }).load(features);
}

export function queryIndex(index: ClusterIndexData, query: ClusterQuery): Float64Array {
  const items = index.getClusters(query.bbox, Math.floor(query.zoom));
  const out = new Float64Array(items.length * STRIDE);
  items.forEach((item, k) => {
    const [lng, lat] = item.geometry.coordinates as [number, number];
    const props = item.properties as Partial<Supercluster.ClusterProperties> &
      (ClusterProps | PointProps);
    const at = STRIDE * k;
    const sums = "s0" in props ? props : fromPoint(props as PointProps);
    out[at + ITEM.lng] = lng;
    out[at + ITEM.lat] = lat;
    out[at + ITEM.count] = props.cluster ? (props.point_count ?? 0) : 1;
    out[at + ITEM.index] = props.cluster ? -1 : (props as PointProps).i;
    out[at + ITEM.statuses] = sums.s0;
    out[at + ITEM.statuses + 1] = sums.s1;
    out[at + ITEM.statuses + 2] = sums.s2;
    out[at + ITEM.statuses + 3] = sums.s3;
    out[at + ITEM.warnings] = sums.w;
    out[at + ITEM.criticals] = sums.k;
    out[at + ITEM.west] = sums.x0;
    out[at + ITEM.south] = sums.y0;
    out[at + ITEM.east] = sums.x1;
    out[at + ITEM.north] = sums.y1;
  });
  return out;
}
