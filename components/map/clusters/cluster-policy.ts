/**
 * When to cluster, and where. Large fleets cluster when zoomed out (thousands of dots are noise);
 * small fleets never do. Building the cluster index for many vehicles takes longer than a frame,
 * so above WORKER_MIN_VEHICLES it runs in a Web Worker.
 */
export const CLUSTER_MIN_VEHICLES = 1_000;
/** At this zoom and closer, every vehicle is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 14;
export const WORKER_MIN_VEHICLES = 5_000;

export function shouldCluster(vehicleCount: number, zoom: number, enabled = true): boolean {
  return enabled && vehicleCount >= CLUSTER_MIN_VEHICLES && zoom <= CLUSTER_MAX_ZOOM;
}

export function clusterInWorker(vehicleCount: number): boolean {
  return vehicleCount >= WORKER_MIN_VEHICLES && typeof Worker !== "undefined";
}
