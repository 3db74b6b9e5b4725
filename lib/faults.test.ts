import { describe, expect, it } from "vitest";
import { requestedFault } from "./faults";

describe("forced render errors", () => {
  it("does nothing with ?fault= unless the server runs with E2E_FAULTS=1", () => {
    expect(requestedFault("panel", false)).toBeUndefined();
    expect(requestedFault("wall", false)).toBeUndefined();
    expect(requestedFault(["panel"], false)).toBeUndefined();
  });

  it("names the fault asked for when enabled", () => {
    expect(requestedFault("panel", true)).toBe("panel");
    expect(requestedFault("wall", true)).toBe("wall");
    expect(requestedFault(["wall", "panel"], true)).toBe("wall");
  });

  it("ignores a missing or unknown fault even when enabled", () => {
    expect(requestedFault(undefined, true)).toBeUndefined();
    expect(requestedFault("everything", true)).toBeUndefined();
    expect(requestedFault("", true)).toBeUndefined();
  });
});
