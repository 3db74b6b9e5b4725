import { addressOf, planRoute } from "./city";
import type { LatLng } from "./geo";
import type { Vehicle } from "./vehicle";

/**
 * The transitions of a vehicle's day: engine on and off (which open and close trips), leaving
 * for a stop, turning onto the next leg, arriving. The World decides when; these decide how.
 */
export const MINUTE = 60_000;

export function startEngine(vehicle: Vehicle, t: number, now: number) {
  vehicle.engineOn = true;
  vehicle.idleSince = t;
  vehicle.longIdleAlerted = false;
  const start = { ...vehicle.pos };
  vehicle.trip = {
    startTime: t,
    start,
    startAddress: addressOf(start),
    meters: 0,
    fuelCl: 0,
    harshEvents: 0,
    speedingEvents: 0,
  };
  vehicle.nextReportAt = Math.min(vehicle.nextReportAt, now); // ignition on is reported at once
}

export function stopEngine(
  vehicle: Vehicle,
  t: number,
  phase: "parked" | "stopped",
  until: number,
  tripCap: number,
) {
  vehicle.engineOn = false;
  vehicle.speedKmh = 0;
  vehicle.phase = phase;
  vehicle.phaseUntil = until;
  vehicle.idleSince = undefined;
  const trip = vehicle.trip;
  vehicle.trip = undefined;
  vehicle.nextReportAt = Math.min(vehicle.nextReportAt, t); // ignition off is reported at once
  if (!trip) return;
  const end = { ...vehicle.pos };
  vehicle.trips.push({ ...trip, endTime: t, end, endAddress: addressOf(end) });
  if (vehicle.trips.length > tripCap) vehicle.trips.shift();
}

/** Engine on, a short warm-up idle, then off to the next stop. */
export function warmUp(vehicle: Vehicle, t: number, now: number) {
  startEngine(vehicle, t, now);
  vehicle.phase = "idling";
  vehicle.afterIdle = "drive";
  vehicle.phaseUntil = t + vehicle.rng.between(0.5, 3) * MINUTE;
}

/** Plans the route to `destination` and starts driving; false when already there. */
export function depart(vehicle: Vehicle, destination: LatLng, toDepot: boolean): boolean {
  vehicle.route = planRoute(vehicle.pos, destination, vehicle.rng);
  vehicle.destinationIsDepot = toDepot;
  vehicle.legIndex = 0;
  vehicle.legProgress = 0;
  vehicle.phase = "driving";
  vehicle.idleSince = undefined;
  startLeg(vehicle);
  return vehicle.route.length > 0;
}

/** Picks the cruising speed for the next leg; a few legs are driven over the limit. */
export function startLeg(vehicle: Vehicle) {
  const leg = vehicle.route[vehicle.legIndex];
  if (!leg) return;
  const { rng, profile } = vehicle;
  const speeding = leg.limitKmh > 30 && rng.chance(0.01 + 0.06 * profile.aggression);
  vehicle.legCruiseKmh = speeding
    ? leg.limitKmh + rng.between(12, 28)
    : leg.limitKmh * rng.between(0.6, 0.92);
  vehicle.legSpeedingAlerted = false;
}

/** At a customer: idle a while with the engine running, then switch off (see World.step). */
export function arriveAtCustomer(vehicle: Vehicle, t: number) {
  const { rng } = vehicle;
  vehicle.speedKmh = 0;
  vehicle.route = [];
  vehicle.phase = "idling";
  vehicle.afterIdle = "stop";
  vehicle.idleSince = t;
  vehicle.longIdleAlerted = false;
  // Most wait a few minutes with the engine running; some forget it for a long time.
  vehicle.phaseUntil = t + (rng.chance(0.08) ? rng.between(11, 25) : rng.between(1, 6)) * MINUTE;
}
