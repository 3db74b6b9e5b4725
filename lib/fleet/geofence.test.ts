import { describe, expect, it } from "vitest";
import { distanceMetres, fenceContains, fenceIndex, isRestrictedFence } from "./geofence";
import type { Fence, LatLng } from "./types";

const square: Fence = {
  id: "sq",
  name: "Square",
  kind: "polygon",
  points: [
    [33.4, -112.1],
    [33.4, -112.0],
    [33.5, -112.0],
    [33.5, -112.1],
  ],
};

const depot: Fence = {
  id: "c",
  name: "Depot",
  kind: "circle",
  center: [33.45, -112.07],
  radiusM: 500,
};

describe("fenceContains", () => {
  it("finds a point well inside a polygon and one outside it", () => {
    expect(fenceContains(square, [33.45, -112.05])).toBe(true);
    expect(fenceContains(square, [33.45, -111.95])).toBe(false);
    expect(fenceContains(square, [33.55, -112.05])).toBe(false);
  });

  it("counts a point on an edge or on a vertex as inside", () => {
    expect(fenceContains(square, [33.4, -112.05])).toBe(true); // south edge
    expect(fenceContains(square, [33.45, -112.0])).toBe(true); // east edge
    expect(fenceContains(square, [33.5, -112.1])).toBe(true); // a vertex
    expect(fenceContains(square, [33.4, -112.0])).toBe(true); // another
    expect(fenceContains(square, [33.39999, -112.05])).toBe(false); // a metre outside
  });

  it("reads a concave polygon by its shape, not its outline's box", () => {
    const u: Fence = {
      id: "u",
      name: "U",
      kind: "polygon",
      points: [
        [0, 0],
        [0, 3],
        [3, 3],
        [3, 2],
        [1, 2],
        [1, 1],
        [3, 1],
        [3, 0],
      ],
    };
    expect(fenceContains(u, [0.5, 1.5])).toBe(true);
    expect(fenceContains(u, [2, 1.5])).toBe(false); // in the notch
    expect(fenceContains(u, [1, 1.5])).toBe(true); // on the notch's inner edge
  });

  it("is antimeridian-safe: a polygon from 179° E to 179° W contains 180°", () => {
    const dateLine: Fence = {
      id: "dl",
      name: "Date line",
      kind: "polygon",
      points: [
        [-17, 179],
        [-17, -179],
        [-16, -179],
        [-16, 179],
      ],
    };
    expect(fenceContains(dateLine, [-16.5, 180])).toBe(true);
    expect(fenceContains(dateLine, [-16.5, -180])).toBe(true);
    expect(fenceContains(dateLine, [-16.5, 179.5])).toBe(true);
    expect(fenceContains(dateLine, [-16.5, -179.5])).toBe(true);
    expect(fenceContains(dateLine, [-16.5, 0])).toBe(false);
    expect(fenceContains(dateLine, [-16.5, 178.5])).toBe(false);
    expect(fenceContains(dateLine, [-16.5, -178.5])).toBe(false);
    expect(fenceContains(dateLine, [-16, 180])).toBe(true); // on its north edge
  });

  it("is antimeridian-safe for a circle", () => {
    const circle: Fence = {
      id: "c",
      name: "C",
      kind: "circle",
      center: [0, 179.999],
      radiusM: 1000,
    };
    expect(fenceContains(circle, [0, -179.999])).toBe(true); // 222 m away across the line
    expect(fenceContains(circle, [0, -179.98])).toBe(false);
    expect(fenceIndex([circle]).containing([0, -179.999])).toEqual([circle]);
  });

  it("leaves a point in a hole outside, and one on the hole's edge inside", () => {
    const yard: Fence = {
      ...square,
      holes: [
        [
          [33.44, -112.06],
          [33.44, -112.04],
          [33.46, -112.04],
          [33.46, -112.06],
        ],
      ],
    } as Fence;
    expect(fenceContains(yard, [33.45, -112.05])).toBe(false); // in the hole
    expect(fenceContains(yard, [33.44, -112.05])).toBe(true); // on the hole's edge
    expect(fenceContains(yard, [33.42, -112.08])).toBe(true); // in the ring around it
    expect(fenceIndex([yard]).containing([33.45, -112.05])).toEqual([]);
  });

  it("measures a circle in metres, the radius itself included", () => {
    const north: LatLng = [33.45 + 500 / 111_195, -112.07];
    expect(distanceMetres(depot.kind === "circle" ? depot.center : [0, 0], north)).toBeCloseTo(
      500,
      0,
    );
    expect(fenceContains(depot, [33.45, -112.07])).toBe(true);
    expect(fenceContains(depot, [33.45 + 499 / 111_195, -112.07])).toBe(true);
    expect(fenceContains(depot, [33.45 + 501 / 111_195, -112.07])).toBe(false);
    expect(
      fenceContains({ ...depot, radiusM: distanceMetres([33.45, -112.07], north) }, north),
    ).toBe(true);
  });

  it("contains nothing for a fence whose shape is unknown", () => {
    expect(fenceContains({ id: "u", name: "U", kind: "unknown" }, [0, 0])).toBe(false);
  });
});

describe("fenceIndex", () => {
  it("answers as fenceContains does, for every fence a point is in", () => {
    const fences = [square, depot, { id: "u", name: "Unknown", kind: "unknown" } as Fence];
    const index = fenceIndex(fences);
    for (const point of [
      [33.45, -112.07],
      [33.45, -112.05],
      [33.4, -112.1],
      [33.6, -112.07],
      [33.45, -111.9],
    ] as LatLng[]) {
      expect(index.containing(point).map((f) => f.id)).toEqual(
        fences.filter((f) => fenceContains(f, point)).map((f) => f.id),
      );
    }
  });
});

describe("isRestrictedFence", () => {
  it("knows a restricted zone by its name", () => {
    expect(isRestrictedFence({ name: "Restricted - South Mountain Preserve" })).toBe(true);
    expect(isRestrictedFence({ name: "Central Depot" })).toBe(false);
  });
});
