/**
 * What a vehicle is doing, derived from its latest fix. Pure and isomorphic: the server derives
 * it for the snapshot and the browser re-derives fix ages as time passes.
 */

export const VEHICLE_STATUSES = ["moving", "idle", "stopped", "offline"] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];

export type StatusThresholds = {
  /** At or above this speed (km/h) a vehicle is moving; GPS jitter stays below it. */
  movingKph: number;
  /** A fix older than this means the device is offline, whatever it last said. */
  offlineAfterMs: number;
  /** A fix older than this is shown faded: still the best we know, but not current. */
  oldFixAfterMs: number;
};

/**
 * The server's defaults (lib/env.ts declares the same): for the server and tests. Browser code
 * takes the thresholds the snapshot carries instead, so the map follows the server's settings
 * (a lint rule keeps this constant out of components/ and lib/queries/).
 */
export const DEFAULT_STATUS_THRESHOLDS: StatusThresholds = {
  movingKph: 3,
  offlineAfterMs: 30 * 60_000,
  oldFixAfterMs: 5 * 60_000,
};

export type StatusInput = {
  speedKph?: number;
  ignition?: boolean;
  idling?: boolean;
};

/** How old a fix is at `now`, never negative (a device clock ahead of ours reads as fresh). */
export function fixAgeMs(fixTime: number, now: number): number {
  return Math.max(0, now - fixTime);
}

export function deriveStatus(
  fix: StatusInput,
  ageMs: number,
  thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
): VehicleStatus {
  if (ageMs > thresholds.offlineAfterMs) return "offline";
  if ((fix.speedKph ?? 0) >= thresholds.movingKph) return "moving";
  if (fix.idling === true || fix.ignition === true) return "idle";
  return "stopped";
}

export function isFixOld(ageMs: number, thresholds: StatusThresholds): boolean {
  return ageMs > thresholds.oldFixAfterMs;
}

/**
 * How stale a fix looks, in four steps a map can fade by: 0 current, 1 old (past oldFixAfterMs),
 * 2 older (past three times that), 3 past the offline threshold. Stepped, not continuous, so a
 * symbol is drawn once per step rather than once per age.
 */
export type FixAgeLevel = 0 | 1 | 2 | 3;

/** The ages (ms) past which a fix fades a step: old, older, past the offline threshold. */
export function fadeSteps(thresholds: StatusThresholds): [number, number, number] {
  return [thresholds.oldFixAfterMs, 3 * thresholds.oldFixAfterMs, thresholds.offlineAfterMs];
}

export function fixAgeLevel(ageMs: number, thresholds: StatusThresholds): FixAgeLevel {
  const [old, older, offline] = fadeSteps(thresholds);
  if (ageMs > offline) return 3;
  if (ageMs > older) return 2;
  return ageMs > old ? 1 : 0;
}
