import { describe, expect, it } from "vitest";
import { alertSchema, fenceSchema, positionSchema, tripSchema } from "./schemas";

const position = {
  deviceId: "A",
  lat: 33.4,
  lng: -112.1,
  fixTime: 1_767_225_600_000,
  speedKph: 40,
};

describe("domain schemas", () => {
  it("accepts a position in degrees with an epoch-ms fix time", () => {
    expect(positionSchema.parse(position)).toEqual(position);
  });

  it.each([
    ["latitude 91", { lat: 91 }],
    ["longitude -181", { lng: -181 }],
    ["a NaN latitude", { lat: Number.NaN }],
    ["a negative speed", { speedKph: -1 }],
    ["a heading of 360", { headingDeg: 360 }],
    ["an empty device id", { deviceId: "" }],
  ])("rejects a position with %s", (_, change) => {
    expect(positionSchema.safeParse({ ...position, ...change }).success).toBe(false);
  });

  it("accepts circle and polygon fences and rejects a two-point polygon", () => {
    expect(
      fenceSchema.safeParse({ id: "1", name: "D", kind: "circle", center: [1, 2], radiusM: 50 })
        .success,
    ).toBe(true);
    const points = [
      [1, 1],
      [1, 2],
      [2, 2],
    ];
    expect(fenceSchema.safeParse({ id: "2", name: "Y", kind: "polygon", points }).success).toBe(
      true,
    );
    expect(
      fenceSchema.safeParse({ id: "2", name: "Y", kind: "polygon", points: points.slice(0, 2) })
        .success,
    ).toBe(false);
  });

  it("requires a known severity on alerts and a non-negative distance on trips", () => {
    const alert = { id: "1", type: "speeding", severity: "warning", time: 1 };
    expect(alertSchema.safeParse(alert).success).toBe(true);
    expect(alertSchema.safeParse({ ...alert, severity: "urgent" }).success).toBe(false);
    const trip = { id: "A:1", deviceId: "A", startTime: 1, distanceM: 10 };
    expect(tripSchema.safeParse(trip).success).toBe(true);
    expect(tripSchema.safeParse({ ...trip, distanceM: -1 }).success).toBe(false);
  });
});
