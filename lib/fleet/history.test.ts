import { describe, expect, it } from "vitest";
import {
  decodePoint,
  fleetPointsAt,
  pointAt,
  replayVehicle,
  stopsOf,
  trailUntil,
  type FleetFrames,
  type PointTuple,
} from "./history";
import { DEFAULT_STATUS_THRESHOLDS } from "./status";

const T0 = 1_800_000_000_000;
const tuple = (s: number, lat: number, speed = 40, status = 0, ageS = 0): PointTuple => [
  T0 + s * 1000,
  lat,
  -112,
  speed,
  90,
  status,
  ageS,
];
const track = [
  tuple(0, 33.0),
  tuple(10, 33.1),
  tuple(20, 33.2, 0, 2),
  tuple(200, 33.2, 0, 2),
  tuple(210, 33.3),
].map(decodePoint);

describe("decodePoint", () => {
  it("reads a keyframe's fix time from its age, and null speed and heading as absent", () => {
    expect(decodePoint([T0, 1, 2, null, null, 3, 60])).toEqual({
      t: T0,
      lat: 1,
      lng: 2,
      status: "offline",
      fixTime: T0 - 60_000,
    });
  });
});

describe("pointAt", () => {
  it("is the last fix at or before the time, nothing before the first", () => {
    expect(pointAt(track, T0 - 1)).toBeUndefined();
    expect(pointAt(track, T0)?.lat).toBe(33.0);
    expect(pointAt(track, T0 + 9_999)?.lat).toBe(33.0);
    expect(pointAt(track, T0 + 10_000)?.lat).toBe(33.1);
    expect(pointAt(track, T0 + 1e9)?.lat).toBe(33.3);
  });
});

describe("trailUntil", () => {
  it("is the line from the position at `from` to the fix at `t`, a standing vehicle drawn once", () => {
    expect(trailUntil(track, T0 + 5_000, T0 + 200_000)).toEqual([
      [33.0, -112],
      [33.1, -112],
      [33.2, -112],
    ]);
    expect(trailUntil(track, T0 + 15_000, T0 + 15_000)).toEqual([[33.1, -112]]);
  });
});

describe("stopsOf", () => {
  it("finds a stand of at least two minutes, and not a short one", () => {
    expect(stopsOf(track, DEFAULT_STATUS_THRESHOLDS)).toEqual([
      { from: T0 + 20_000, to: T0 + 210_000, lat: 33.2, lng: -112 },
    ]);
    expect(stopsOf(track, DEFAULT_STATUS_THRESHOLDS, 10 * 60_000)).toEqual([]);
  });

  it("ends a stop still going at the last fix", () => {
    const parked = [tuple(0, 1, 0, 2), tuple(300, 1, 0, 2)].map(decodePoint);
    expect(stopsOf(parked, DEFAULT_STATUS_THRESHOLDS)).toEqual([
      { from: T0, to: T0 + 300_000, lat: 1, lng: -112 },
    ]);
  });
});

describe("replayVehicle", () => {
  it("draws a fix older than the offline threshold at `t` as offline", () => {
    const point = decodePoint(tuple(0, 33));
    const who = { id: "A", name: "Van 1" };
    expect(replayVehicle(who, point, T0 + 60_000, DEFAULT_STATUS_THRESHOLDS).status).toBe("moving");
    expect(replayVehicle(who, point, T0 + 31 * 60_000, DEFAULT_STATUS_THRESHOLDS)).toMatchObject({
      id: "A",
      name: "Van 1",
      status: "offline",
      fixTime: T0,
      lat: 33,
    });
  });
});

describe("fleetPointsAt", () => {
  it("starts from the fleet at the frame's start and applies the fixes up to t", () => {
    const frames: FleetFrames = {
      at: T0,
      span: 60_000,
      devices: [
        { id: "A", name: "A" },
        { id: "B", name: "B" },
      ],
      start: [[0, ...tuple(-5, 1)]],
      changes: [
        [1, ...tuple(10, 2)],
        [0, ...tuple(20, 3)],
      ],
      truncated: false,
    };
    expect([...fleetPointsAt(frames, T0 + 15_000)].map(([d, p]) => [d, p.lat])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(fleetPointsAt(frames, T0 + 20_000).get(0)?.lat).toBe(3);
  });
});
