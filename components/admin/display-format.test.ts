import { describe, expect, it } from "vitest";
import { EXPIRY_CHOICES, formatExpiry, formatLastSeen } from "./display-format";

describe("display link wording", () => {
  const now = Date.parse("2027-01-01T12:00:00Z");

  it("says never for a screen that has not opened its link", () => {
    expect(formatLastSeen(null, now)).toBe("never");
  });

  it("says how long ago a screen was last seen", () => {
    expect(formatLastSeen("2027-01-01T11:58:00Z", now)).toBe("2 min ago");
    expect(formatLastSeen("2027-01-01T11:59:58Z", now)).toBe("just now");
    expect(formatLastSeen("2026-12-30T12:00:00Z", now)).toBe("2 d ago");
  });

  it("says Never for a link without expiry", () => {
    expect(formatExpiry(null)).toBe("Never");
  });

  it("offers never and four expiries, all within what the API accepts", () => {
    expect(EXPIRY_CHOICES.map((choice) => choice.label)).toEqual([
      "Never",
      "1 day",
      "7 days",
      "30 days",
      "365 days",
    ]);
    for (const { days } of EXPIRY_CHOICES) if (days !== undefined) expect(days).toBeLessThan(3651);
  });
});
