import { describe, expect, it } from "vitest";
import { DEFAULT_STATUS_THRESHOLDS, deriveStatus, fixAgeLevel, fixAgeMs, isFixOld } from "./status";

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

  it("marks a fix older than five minutes as old by default", () => {
    expect(isFixOld(5 * minute)).toBe(false);
    expect(isFixOld(5 * minute + 1)).toBe(true);
  });

  it("fades a fix in steps as it ages: old after 5 min, older after 15, offline after 30", () => {
    const ages = [0, 5 * minute, 5 * minute + 1, 15 * minute, 15 * minute + 1, 30 * minute + 1];
    expect(ages.map((age) => fixAgeLevel(age))).toEqual([0, 0, 1, 1, 2, 3]);
  });
});
