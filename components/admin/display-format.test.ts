import { describe, expect, it } from "vitest";
import { expiryChoices, formatExpiry, formatLastSeen } from "./display-format";

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

  it("offers the server's default first and no link that never expires", () => {
    expect(expiryChoices(90).map((choice) => choice.label)).toEqual([
      "90 days (default)",
      "1 day",
      "7 days",
      "30 days",
      "365 days",
    ]);
    expect(expiryChoices(90)[0]!.days).toBeUndefined();
    expect(expiryChoices(30).map((choice) => choice.label)).toEqual([
      "30 days (default)",
      "1 day",
      "7 days",
      "365 days",
    ]);
    for (const { days } of expiryChoices(90))
      if (days !== undefined) expect(days).toBeLessThan(3651);
  });
});
