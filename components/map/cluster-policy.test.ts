import { describe, expect, it } from "vitest";
import { CLUSTER_MAX_ZOOM, shouldCluster, WORKER_MIN_VEHICLES } from "./cluster-policy";

describe("cluster policy", () => {
  it("never clusters a small fleet", () => {
    expect(shouldCluster(200, 3)).toBe(false);
  });

  it("clusters a large fleet when zoomed out, and draws every vehicle when zoomed in", () => {
    expect(shouldCluster(10_000, 10)).toBe(true);
    expect(shouldCluster(10_000, CLUSTER_MAX_ZOOM + 1)).toBe(false);
  });

  it("can be switched off", () => {
    expect(shouldCluster(10_000, 10, false)).toBe(false);
  });

  it("builds the index off the main thread only for large fleets", () => {
    expect(WORKER_MIN_VEHICLES).toBeGreaterThan(1_000);
  });
});
