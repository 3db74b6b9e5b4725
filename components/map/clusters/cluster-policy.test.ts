import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CLUSTER_MAX_ZOOM,
  CLUSTER_MIN_VEHICLES,
  clusterInWorker,
  shouldCluster,
  WORKER_MIN_VEHICLES,
} from "./cluster-policy";

describe("cluster policy", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("never clusters a small fleet, however far out", () => {
    expect(shouldCluster(CLUSTER_MIN_VEHICLES - 1, 3)).toBe(false);
    expect(shouldCluster(CLUSTER_MIN_VEHICLES, 3)).toBe(true);
  });

  it("clusters a large fleet when zoomed out, and draws every vehicle when zoomed in", () => {
    expect(shouldCluster(10_000, CLUSTER_MAX_ZOOM)).toBe(true);
    expect(shouldCluster(10_000, CLUSTER_MAX_ZOOM + 1)).toBe(false);
  });

  it("can be switched off", () => {
    expect(shouldCluster(10_000, 10, false)).toBe(false);
  });

  it("builds the index off the main thread only for fleets too large to index within a frame", () => {
    vi.stubGlobal("Worker", class {});
    expect(clusterInWorker(WORKER_MIN_VEHICLES - 1)).toBe(false);
    expect(clusterInWorker(WORKER_MIN_VEHICLES)).toBe(true);
    // A fleet that clusters but is small enough is indexed on the main thread.
    expect(shouldCluster(CLUSTER_MIN_VEHICLES, 10)).toBe(true);
    expect(clusterInWorker(CLUSTER_MIN_VEHICLES)).toBe(false);
  });

  it("indexes on the main thread where the browser has no Web Workers", () => {
    vi.stubGlobal("Worker", undefined);
    expect(clusterInWorker(WORKER_MIN_VEHICLES * 10)).toBe(false);
  });
});
