import { describe, expect, it } from "vitest";
import type { Trip } from "@/lib/fleet/types";
import { ongoingTrips } from "./wall-data";

describe("ongoingTrips", () => {
  it("lists trips without an end, newest start first", () => {
    const trip = (id: string, startTime: number, endTime?: number): Trip => ({
      id,
      deviceId: id,
      startTime,
      endTime,
      distanceM: 0,
    });
    expect(ongoingTrips([trip("a", 1), trip("b", 3), trip("c", 2, 5)]).map((t) => t.id)).toEqual([
      "b",
      "a",
    ]);
  });
});
