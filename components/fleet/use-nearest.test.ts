import { describe, expect, it } from "vitest";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { Fence } from "@/lib/fleet/types";
import { resolveOrigin } from "./use-nearest";

const fences: Fence[] = [
  { id: "depot", name: "Central Depot", kind: "circle", center: [33.45, -112.07], radiusM: 200 },
];
const van: LiveVehicle = {
  id: "v1",
  name: "Van 07",
  lat: 33.5,
  lng: -112.1,
  fixTime: 0,
  status: "stopped",
  statusSince: 0,
};
const byId = new Map([[van.id, van]]);

describe("resolveOrigin", () => {
  it('measures from a point as given, unnamed (the panel calls it "this point")', () => {
    expect(resolveOrigin({ kind: "point", lat: 33.4, lng: -112 }, fences, byId)).toEqual({
      lat: 33.4,
      lng: -112,
    });
  });

  it("measures from a fence's centre, named after it", () => {
    expect(resolveOrigin({ kind: "fence", id: "depot" }, fences, byId)).toEqual({
      lat: 33.45,
      lng: -112.07,
      label: "Central Depot",
    });
  });

  it("measures from a vehicle where it is now, and leaves it out of the answer", () => {
    expect(resolveOrigin({ kind: "vehicle", id: "v1" }, fences, byId)).toEqual({
      lat: 33.5,
      lng: -112.1,
      label: "Van 07",
      excludeId: "v1",
    });
  });

  it("knows nothing of a fence or vehicle that is gone", () => {
    expect(resolveOrigin({ kind: "fence", id: "gone" }, fences, byId)).toBeUndefined();
    expect(resolveOrigin({ kind: "vehicle", id: "gone" }, fences, byId)).toBeUndefined();
  });
});
