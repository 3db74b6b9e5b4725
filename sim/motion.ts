import { bearingDegrees, interpolate } from "./geo";
import type { Vehicle } from "./vehicle";

/**
 * Vehicle kinematics along a planned route. Speed changes at most by a comfortable
 * acceleration or braking rate per second (harsh braking excepted), vehicles slow down for
 * turns and stop at the destination, and the distance covered in a step is the mean of the
 * speeds at its two ends times its length, so a fix never jumps further than its speeds allow.
 */
const ACCEL_MS2 = 1.5;
const BRAKE_MS2 = 2.5;
const TURN_KMH = 20;
const CREEP_KMH = 6;

export type StepResult = { meters: number; arrived: boolean };

export function driveStep(
  vehicle: Vehicle,
  seconds: number,
  options: { harshBrake: number },
): StepResult {
  const leg = vehicle.route[vehicle.legIndex];
  if (!leg) return { meters: 0, arrived: true };
  const remaining = leg.meters - vehicle.legProgress;
  const isLast = vehicle.legIndex === vehicle.route.length - 1;
  const cornerMs = isLast ? 0 : TURN_KMH / 3.6;
  // Fastest speed from which the vehicle can still brake comfortably to the corner speed.
  const brakeLimited = Math.sqrt(cornerMs ** 2 + 2 * BRAKE_MS2 * remaining);
  const target = Math.max(Math.min(vehicle.legCruiseKmh / 3.6, brakeLimited), CREEP_KMH / 3.6);
  const v0 = vehicle.speedKmh / 3.6;
  let v1 = v0 + Math.max(-BRAKE_MS2 * seconds, Math.min(ACCEL_MS2 * seconds, target - v0));
  if (options.harshBrake > 0) v1 = Math.max(CREEP_KMH / 3.6, v0 - options.harshBrake / 3.6);
  const meters = ((v0 + v1) / 2) * seconds;
  vehicle.speedKmh = v1 * 3.6;
  const arrived = advanceAlongRoute(vehicle, meters);
  if (arrived) vehicle.speedKmh = 0;
  return { meters, arrived };
}

/** Moves a vehicle `meters` further along its route; true when it reached the end. */
export function advanceAlongRoute(vehicle: Vehicle, meters: number): boolean {
  let left = meters;
  for (;;) {
    const leg = vehicle.route[vehicle.legIndex];
    if (!leg) return true;
    const remaining = leg.meters - vehicle.legProgress;
    if (left < remaining) {
      vehicle.legProgress += left;
      vehicle.pos = interpolate(leg.from, leg.to, vehicle.legProgress / leg.meters);
      vehicle.heading = bearingDegrees(leg.from, leg.to);
      return false;
    }
    left -= remaining;
    vehicle.pos = { ...leg.to };
    vehicle.heading = bearingDegrees(leg.from, leg.to);
    if (vehicle.legIndex === vehicle.route.length - 1) {
      vehicle.legProgress = leg.meters;
      return true;
    }
    vehicle.legIndex += 1;
    vehicle.legProgress = 0;
    vehicle.onNewLeg?.();
  }
}
