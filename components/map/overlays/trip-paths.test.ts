import { describe, expect, it } from "vitest";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { Trip } from "@/lib/fleet/types";
import { createFormat } from "@/components/fleet/format";
import { translator } from "@/lib/i18n/catalog";
import { format as formatMessages } from "@/lib/i18n/messages/format";
import { map } from "@/lib/i18n/messages/map";
import { ongoingTripPath, tripSummary } from "./trip-paths";

const t = translator("en", map.en);
const format = createFormat("en", formatMessages.en);

const vehicle: LiveVehicle = {
  id: "d1",
  name: "Van 07",
  lat: 33.5,
  lng: -112.1,
  fixTime: 0,
  status: "moving",
  statusSince: 0,
};
const trip: Trip = {
  id: "t1",
  deviceId: "d1",
  startTime: 1_000_000,
  start: [33.4, -112.0],
  distanceM: 12_340,
};

describe("ongoingTripPath", () => {
  it("runs from the trip's start to where the vehicle is now while no trail is recorded", () => {
    expect(ongoingTripPath(trip, vehicle)).toMatchObject({
      points: [
        [33.4, -112.0],
        [33.5, -112.1],
      ],
      recorded: false,
    });
  });

  it("follows a recorded trail when one is given, still ending at the vehicle", () => {
    const trail = [
      [33.4, -112.0],
      [33.45, -112.05],
    ] as const;
    expect(ongoingTripPath(trip, vehicle, trail)).toMatchObject({
      points: [...trail, [33.5, -112.1]],
      recorded: true,
    });
  });

  it("draws nothing for a trip without a known start, or one that has ended", () => {
    expect(ongoingTripPath({ ...trip, start: undefined }, vehicle)).toBeUndefined();
    expect(ongoingTripPath({ ...trip, endTime: 2_000_000 }, vehicle)).toBeUndefined();
  });
});

describe("tripSummary", () => {
  it("says who, for how long and how far, in the chosen units", () => {
    const path = ongoingTripPath(trip, vehicle)!;
    const now = trip.startTime + 42 * 60_000;
    expect(tripSummary(path, now, "kmh", t, format)).toBe("Van 07 · on the road 42 min · 12 km");
    expect(tripSummary(path, now, "mph", t, format)).toBe("Van 07 · on the road 42 min · 7.7 mi");
  });
});
