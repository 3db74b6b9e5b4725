import { describe, expect, it } from "vitest";
import { HitGrid } from "./hit-grid";
import { worldX, worldY } from "../core/mercator";

describe("HitGrid", () => {
  const points: [number, number][] = [
    [10, 10],
    [40, 40],
    [33, 31],
  ];
  const grid = new HitGrid(32);
  points.forEach(([x, y], i) => grid.add(i, x, y));
  const at = (i: number) => points[i]!;

  it("finds the nearest drawn item within the radius, across cell borders", () => {
    expect(grid.nearest(12, 12, 8, at)).toBe(0);
    expect(grid.nearest(31, 30, 8, at)).toBe(2);
  });

  it("finds nothing when the click is farther than the radius from every item", () => {
    expect(grid.nearest(100, 100, 8, at)).toBeUndefined();
  });
});

describe("mercator", () => {
  it("projects like Leaflet at zoom 0", () => {
    expect(worldX(0)).toBe(128);
    expect(worldY(0)).toBeCloseTo(128, 9);
    // L.CRS.EPSG3857.latLngToPoint([33.45, -112.07], 0), Leaflet's own formula worked by hand.
    expect(worldX(-112.07)).toBeCloseTo(48.3058, 3);
    expect(worldY(33.45)).toBeCloseTo(102.7342, 3);
  });
});
