import { describe, expect, it } from "vitest";
import { BURN_IN_STEP_MS, burnInOffset, MEMORY_RELOAD_GRACE_MS, reloadReason } from "./unattended";

describe("burnInOffset", () => {
  it("moves a step at a time around a small orbit and comes back", () => {
    const steps = Array.from({ length: 9 }, (_, i) => burnInOffset(i * BURN_IN_STEP_MS));
    expect(new Set(steps.slice(0, 8).map((s) => `${s.x},${s.y}`)).size).toBe(8);
    expect(steps[8]).toEqual(steps[0]);
    for (const step of steps)
      expect(Math.max(Math.abs(step.x), Math.abs(step.y))).toBeLessThan(0.5);
    expect(burnInOffset(BURN_IN_STEP_MS - 1)).toEqual(steps[0]);
  });
});

describe("reloadReason", () => {
  const base = {
    pageBuild: "b1",
    serverBuild: "b1",
    heapBytes: 100,
    maxHeapBytes: 1000,
    pageAgeMs: MEMORY_RELOAD_GRACE_MS + 1,
  };

  it("stays when nothing changed", () => {
    expect(reloadReason(base)).toBeUndefined();
  });

  it("reloads for a new build, but only when the server answered", () => {
    expect(reloadReason({ ...base, serverBuild: "b2" })).toBe("new version");
    expect(reloadReason({ ...base, serverBuild: undefined, heapBytes: 5000 })).toBeUndefined();
  });

  it("reloads when the heap passed its limit, not in the first minutes of a page", () => {
    expect(reloadReason({ ...base, heapBytes: 1001 })).toBe("memory");
    expect(reloadReason({ ...base, heapBytes: 1001, pageAgeMs: 1000 })).toBeUndefined();
    expect(reloadReason({ ...base, heapBytes: undefined })).toBeUndefined();
  });
});
