import { describe, expect, it } from "vitest";
import {
  DEFAULT_STATUS_THRESHOLDS,
  deriveStatus,
  fadeSteps,
  fixAgeLevel,
  fixAgeMs,
  isFixOld,
} from "./status";

const minute = 60_000;

describe("deriveStatus", () => {
  it("calls a vehicle at 40 km/h moving", () => {
    expect(deriveStatus({ speedKph: 40 }, 0)).toBe("moving");
  });

  it("treats GPS jitter below the moving threshold as standing still", () => {
    expect(deriveStatus({ speedKph: 2 }, 0)).toBe("stopped");
  });

  it("calls a standing vehicle with the engine running idle", () => {
    expect(deriveStatus({ speedKph: 0, ignition: true }, 0)).toBe("idle");
    expect(deriveStatus({ speedKph: 0, idling: true }, 0)).toBe("idle");
  });

  it("calls a vehicle with no speed and no engine report stopped", () => {
    expect(deriveStatus({}, 0)).toBe("stopped");
  });

  it("calls a device offline once its fix is older than the threshold, even if it said moving", () => {
    const old = DEFAULT_STATUS_THRESHOLDS.offlineAfterMs + 1;
    expect(deriveStatus({ speedKph: 80 }, old)).toBe("offline");
  });

  it("follows configured thresholds", () => {
    const thresholds = { movingKph: 10, offlineAfterMs: 2 * minute, oldFixAfterMs: minute };
    expect(deriveStatus({ speedKph: 8 }, 0, thresholds)).toBe("stopped");
    expect(deriveStatus({ speedKph: 8 }, 3 * minute, thresholds)).toBe("offline");
  });
});

describe("fix age", () => {
  it("never reports a negative age for a device clock running ahead", () => {
    expect(fixAgeMs(10_000, 9_000)).toBe(0);
  });

  it("marks a fix older than five minutes as old with the default settings", () => {
    expect(isFixOld(5 * minute, DEFAULT_STATUS_THRESHOLDS)).toBe(false);
    expect(isFixOld(5 * minute + 1, DEFAULT_STATUS_THRESHOLDS)).toBe(true);
  });

  it("fades a fix in steps as it ages: old after 5 min, older after 15, offline after 30", () => {
    const ages = [0, 5 * minute, 5 * minute + 1, 15 * minute, 15 * minute + 1, 30 * minute + 1];
    const levels = ages.map((age) => fixAgeLevel(age, DEFAULT_STATUS_THRESHOLDS));
    expect(levels).toEqual([0, 0, 1, 1, 2, 3]);
  });

  it("fades by the server's settings: old after STATUS_OLD_FIX_S, gone after STATUS_OFFLINE_AFTER_S", () => {
    const server = { movingKph: 3, oldFixAfterMs: 20_000, offlineAfterMs: 90_000 };
    expect(fadeSteps(server)).toEqual([20_000, 60_000, 90_000]);
    const levels = [20_000, 20_001, 60_001, 90_001].map((age) => fixAgeLevel(age, server));
    expect(levels).toEqual([0, 1, 2, 3]);
  });
});
