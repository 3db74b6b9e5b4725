import { describe, expect, it } from "vitest";
import { createFormat } from "@/components/fleet/format";
import { translator } from "@/lib/i18n/catalog";
import { admin } from "@/lib/i18n/messages/admin";
import { format as formatMessages } from "@/lib/i18n/messages/format";
import {
  expiryChoices as choices,
  EXPIRY_CHOICE_DAYS,
  formatExpiry,
  formatLastSeen,
} from "./display-format";

const t = translator("en", admin.en);
const format = createFormat("en", formatMessages.en);
const lastSeen = (iso: string | null, now: number) => formatLastSeen(iso, now, t, format);
const expiryChoices = (days: number) => choices(days, t);

describe("display link wording", () => {
  const now = Date.parse("2027-01-01T12:00:00Z");

  it("says never for a screen that has not opened its link", () => {
    expect(lastSeen(null, now)).toBe("never");
  });

  it("says how long ago a screen was last seen", () => {
    expect(lastSeen("2027-01-01T11:58:00Z", now)).toBe("2 min ago");
    expect(lastSeen("2027-01-01T11:59:58Z", now)).toBe("just now");
    expect(lastSeen("2026-12-30T12:00:00Z", now)).toBe("2 d ago");
  });

  it("says Never for a link without expiry", () => {
    expect(formatExpiry(null, t, format)).toBe("Never");
  });

  it("offers the server's default first, sent as no expiry, then every fixed choice once", () => {
    // A default that is none of the fixed choices, then each of them as the default.
    expect(expiryChoices(90).map((choice) => choice.days)).toEqual([
      undefined,
      ...EXPIRY_CHOICE_DAYS,
    ]);
    for (const defaultDays of EXPIRY_CHOICE_DAYS) {
      expect(expiryChoices(defaultDays).map((choice) => choice.days)).toEqual([
        undefined,
        ...EXPIRY_CHOICE_DAYS.filter((days) => days !== defaultDays),
      ]);
    }
  });

  it("words each choice in days, the default marked as such", () => {
    expect(expiryChoices(90).map((choice) => choice.label)).toEqual([
      "90 days (default)",
      ...EXPIRY_CHOICE_DAYS.map((days) => (days === 1 ? "1 day" : `${days} days`)),
    ]);
  });
});

describe("display link wording in Spanish and Arabic", () => {
  it("words the expiry choices with each language's plural and digits", () => {
    const es = translator("es", admin.es);
    expect(choices(90, es).map((choice) => choice.label)).toEqual([
      "90 días (predeterminado)",
      "1 día",
      "7 días",
      "30 días",
      "365 días",
    ]);
    const ar = translator("ar", admin.ar);
    expect(choices(7, ar).map((choice) => choice.label)).toEqual([
      "٧ أيام (افتراضي)",
      "يوم واحد",
      "٣٠ يومًا",
      "٣٦٥ يومًا",
    ]);
  });
});
