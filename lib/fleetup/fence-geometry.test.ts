import "server-only";
import { describe, expect, it } from "vitest";
import { pickFrom, readFenceGeometry } from "./fence-geometry";
import { Drop } from "./parse-values";

const geometryOf = (record: Record<string, unknown>) => readFenceGeometry(pickFrom(record));

const square = [
  [33.5101, -112.0802],
  [33.5101, -112.0731],
  [33.5047, -112.0731],
  [33.5047, -112.0802],
] as const;
const polygon = { kind: "polygon", points: square.map(([lat, lng]) => [lat, lng]) };

function reasonOf(record: Record<string, unknown>): string {
  try {
    geometryOf(record);
  } catch (error) {
    if (error instanceof Drop) return error.reason;
    throw error;
  }
  return "kept";
}

describe("readFenceGeometry", () => {
  it.each([
    ["{lat,lng} objects", { points: square.map(([lat, lng]) => ({ lat, lng })) }],
    [
      "{latitude,longitude} objects",
      { vertices: square.map(([latitude, longitude]) => ({ latitude, longitude })) },
    ],
    ["[lat,lng] pairs", { coordinates: square.map(([lat, lng]) => [lat, lng]) }],
    [
      "[lng,lat] pairs (detected by magnitude)",
      { coordinates: square.map(([lat, lng]) => [lng, lat]) },
    ],
    ['"lat,lng;lat,lng" text', { points: square.map(([lat, lng]) => `${lat},${lng}`).join(";") }],
    ['"lat,lng|lat,lng" text', { points: square.map(([lat, lng]) => `${lat},${lng}`).join("|") }],
    [
      "milliseconds of arc",
      {
        points: square.map(([lat, lng]) => ({
          lat: Math.round(lat * 3_600_000),
          lng: Math.round(lng * 3_600_000),
        })),
      },
    ],
    [
      "a closed GeoJSON polygon",
      {
        geometry: {
          type: "Polygon",
          coordinates: [[...square, square[0]].map(([lat, lng]) => [lng, lat])],
        },
      },
    ],
    [
      "WKT",
      {
        wkt: `POLYGON((${[...square, square[0]].map(([lat, lng]) => `${lng} ${lat}`).join(", ")}))`,
      },
    ],
    [
      "GeoJSON as text",
      {
        geoJson: JSON.stringify({
          type: "Polygon",
          coordinates: [square.map(([lat, lng]) => [lng, lat])],
        }),
      },
    ],
  ])("reads a polygon from %s", (_, record) => {
    const geometry = geometryOf(record);
    expect(geometry?.kind).toBe("polygon");
    const points = geometry?.kind === "polygon" ? geometry.points : [];
    expect(points.map(([lat, lng]) => [+lat.toFixed(4), +lng.toFixed(4)])).toEqual(polygon.points);
  });

  it.each([
    ["a type and centre fields", { type: "circle", centerLat: 33.4, centerLng: -112, radius: 250 }],
    ["a radius and lat/lng, no type", { lat: 33.4, lng: -112, radius: "250" }],
    ["a centre object", { shape: "Circle", center: { lat: 33.4, lng: -112 }, radiusM: 250 }],
    [
      "a GeoJSON point with a radius",
      { geometry: { type: "Point", coordinates: [-112, 33.4], radius: 250 } },
    ],
    [
      "a nested geometry object",
      { geometry: { type: "circle", center: [33.4, -112], radius: 250 } },
    ],
    [
      "a centre in milliseconds of arc",
      { type: "circle", lat: 33.4 * 3_600_000, lng: -112 * 3_600_000, r: 250 },
    ],
  ])("reads a circle from %s", (_, record) => {
    const geometry = geometryOf(record);
    expect(geometry).toMatchObject({ kind: "circle", radiusM: 250 });
    const center = geometry?.kind === "circle" ? geometry.center : [0, 0];
    expect(center.map((v) => +v.toFixed(4))).toEqual([33.4, -112]);
  });

  it("finds no geometry in a list entry that has only an id and a name", () => {
    expect(geometryOf({ fenceId: 1, fenceName: "Depot" })).toBeUndefined();
  });

  it("drops a polygon with fewer than three points", () => {
    expect(
      reasonOf({
        points: [
          [1, 1],
          [2, 2],
        ],
      }),
    ).toBe("missing_coordinates");
  });

  it("drops a circle with a negative radius", () => {
    expect(reasonOf({ type: "circle", lat: 1, lng: 1, radius: -5 })).toBe("impossible_value");
  });

  it("drops a circle without a centre", () => {
    expect(reasonOf({ type: "circle", radius: 100 })).toBe("missing_coordinates");
  });
});
