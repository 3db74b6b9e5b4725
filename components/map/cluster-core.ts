/**
 * The clustering itself (supercluster), shared by the Web Worker and the main-thread fallback.
 * Input: the vehicles' positions as one Float64Array [lng, lat, lng, lat, …] in layer order.
 * Output: one Float64Array of [lng, lat, count, index] per item, index being the vehicle's
 * position in the input for a single vehicle and -1 for a cluster.
 */
import Supercluster from "supercluster";
import { CLUSTER_MAX_ZOOM } from "./cluster-policy";

export type ClusterQuery = { bbox: [number, number, number, number]; zoom: number };

export function buildIndex(coords: Float64Array): Supercluster {
  const features: Supercluster.PointFeature<{ i: number }>[] = new Array(coords.length / 2);
  for (let i = 0; i < features.length; i++) {
    features[i] = {
      type: "Feature",
      properties: { i },
      geometry: { type: "Point", coordinates: [coords[2 * i]!, coords[2 * i + 1]!] },
    };
  }
  return new Supercluster({ radius: 60, maxZoom: CLUSTER_MAX_ZOOM, minPoints: 3 }).load(features);
}

export function queryIndex(index: Supercluster, query: ClusterQuery): Float64Array {
  const items = index.getClusters(query.bbox, Math.floor(query.zoom));
  const out = new Float64Array(items.length * 4);
  items.forEach((item, k) => {
    const [lng, lat] = item.geometry.coordinates as [number, number];
    const props = item.properties as { cluster?: boolean; point_count?: number; i?: number };
    out[4 * k] = lng;
    out[4 * k + 1] = lat;
    out[4 * k + 2] = props.cluster ? (props.point_count ?? 0) : 1;
    out[4 * k + 3] = props.cluster ? -1 : (props.i ?? -1);
  });
  return out;
}
