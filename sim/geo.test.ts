import { describe, expect, it } from "vitest";
import { compactIn, parseCompactIn } from "./geo";

describe("local wall-clock timestamps", () => {
  it("writes the instant as that zone's clock shows it, across a daylight-saving change", () => {
    // Madrid springs forward at 01:00 UTC on 29 March 2026: 02:00 CET becomes 03:00 CEST.
    expect(compactIn(Date.UTC(2026, 2, 29, 0, 59, 59), "Europe/Madrid")).toBe("20260329015959");
    expect(compactIn(Date.UTC(2026, 2, 29, 1, 0, 0), "Europe/Madrid")).toBe("20260329030000");
    expect(compactIn(Date.UTC(2026, 0, 1, 0, 0, 0), "Asia/Kolkata")).toBe("20260101053000");
    expect(compactIn(Date.UTC(2026, 0, 1, 0, 0, 0), "UTC")).toBe("20260101000000");
  });

  it("reads a local timestamp or date back to its instant", () => {
    expect(parseCompactIn("20260329030000", "Europe/Madrid")).toBe(Date.UTC(2026, 2, 29, 1));
    expect(parseCompactIn("20260701120000", "Europe/Madrid")).toBe(Date.UTC(2026, 6, 1, 10));
    expect(parseCompactIn("20260101", "Asia/Kolkata")).toBe(Date.UTC(2025, 11, 31, 18, 30));
    expect(parseCompactIn("20260230", "Asia/Kolkata")).toBeUndefined();
  });
});
