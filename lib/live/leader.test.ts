import { describe, expect, it } from "vitest";
import { newRunAfterTakeover } from "./leader";

const NOW = Date.UTC(2026, 2, 3, 19);

describe("newRunAfterTakeover", () => {
  it("continues the versions when the new leader holds the latest one published", () => {
    expect(newRunAfterTakeover(5_000, 5_000, NOW)).toBeUndefined();
  });

  it("starts a new run above every version used when Redis lost which was the latest", () => {
    expect(newRunAfterTakeover(5_000, undefined, NOW)).toBe(NOW);
  });

  it("starts a new run when the predecessor published versions this instance never received", () => {
    expect(newRunAfterTakeover(5_000, 5_004, NOW)).toBe(NOW);
    expect(newRunAfterTakeover(NOW + 10, NOW + 12, NOW)).toBe(NOW + 13);
  });
});
