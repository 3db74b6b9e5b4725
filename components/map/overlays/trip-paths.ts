/**
 * Ongoing trips as lines on the map. Until the recorded history lands, a trip is drawn from its
 * start point straight to the vehicle's current position (dashed: the road taken is not known);
 * where a recorded trail is given (TripTrailSource, the seam the history will fill), the trail is
 * drawn instead, solid, ending at the current position. Pure.
 */
import type { LiveVehicle } from "@/lib/fleet/live";
import type { LatLng, Trip } from "@/lib/fleet/types";
import type { SpeedUnits } from "@/lib/queries/url-state";
import type { Format } from "@/components/fleet/format";
import type { MapT } from "../clusters/cluster-text";

/** The fixes a trip has recorded since its start, oldest first, when known. */
export type TripTrailSource = (trip: Trip) => readonly LatLng[] | undefined;

export type TripPath = {
  trip: Trip;
  vehicle: LiveVehicle;
  points: LatLng[];
  /** True when the line follows recorded fixes; false for start-to-here. */
  recorded: boolean;
};

export function ongoingTripPath(
  trip: Trip,
  vehicle: LiveVehicle,
  recorded?: readonly LatLng[],
): TripPath | undefined {
  if (trip.endTime !== undefined) return undefined;
  const here: LatLng = [vehicle.lat, vehicle.lng];
  if (recorded && recorded.length > 0) {
    return { trip, vehicle, points: [...recorded, here], recorded: true };
  }
  if (!trip.start) return undefined;
  return { trip, vehicle, points: [trip.start, here], recorded: false };
}

/** "Van 07 · on the road 42 min · 12.3 km": what hovering a trip says. */
export function tripSummary(
  path: TripPath,
  now: number,
  units: SpeedUnits,
  t: MapT,
  format: Format,
): string {
  return t("tripSummary", {
    name: path.vehicle.name || path.trip.vehicleName || path.trip.deviceId,
    duration: format.age(now - path.trip.startTime),
    distance: format.distance(path.trip.distanceM, units),
  });
}
