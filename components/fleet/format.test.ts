import { describe, expect, it } from "vitest";
import { format as formatMessages } from "@/lib/i18n/messages/format";
import { createFormat } from "./format";

const {
  age: formatAge,
  distance: formatDistance,
  heading: formatHeading,
  preciseDistance: formatPreciseDistance,
  relative: formatRelative,
  speed: formatSpeed,
} = createFormat("en", formatMessages.en);

describe("units", () => {
  it("shows speed in km/h or mph", () => {
    expect(formatSpeed(100, "kmh")).toBe("100 km/h");
    expect(formatSpeed(100, "mph")).toBe("62 mph");
    expect(formatSpeed(undefined, "mph")).toBe("—");
  });

  it("shows distance in km or miles, one decimal below 10", () => {
    expect(formatDistance(4_250, "kmh")).toBe("4.3 km");
    expect(formatDistance(16_093.44, "mph")).toBe("10 mi");
    expect(formatDistance(1_609.344, "mph")).toBe("1.0 mi");
  });
});

describe("precise distance (nearest vehicles)", () => {
  it("keeps about 1 % precision or better at any range, in metres or kilometres", () => {
    expect(formatPreciseDistance(187.4, "kmh")).toBe("187 m");
    expect(formatPreciseDistance(1_234, "kmh")).toBe("1.23 km");
    expect(formatPreciseDistance(45_678, "kmh")).toBe("45.7 km");
    expect(formatPreciseDistance(456_789, "kmh")).toBe("457 km");
  });

  it("uses feet below a tenth of a mile, then miles", () => {
    expect(formatPreciseDistance(100, "mph")).toBe("328 ft");
    expect(formatPreciseDistance(1_609.344, "mph")).toBe("1.00 mi");
    expect(formatPreciseDistance(20_000, "mph")).toBe("12.4 mi");
  });
});

describe("relative time", () => {
  const now = 1_000_000_000;
  it("reads recent times as just now, then seconds, minutes, hours and days ago", () => {
    expect(formatRelative(now - 2_000, now)).toBe("just now");
    expect(formatRelative(now - 12_000, now)).toBe("12 s ago");
    expect(formatRelative(now - 5 * 60_000, now)).toBe("5 min ago");
    expect(formatRelative(now - 3 * 3_600_000 - 60_000, now)).toBe("3 h ago");
    expect(formatRelative(now - 2 * 86_400_000, now)).toBe("2 d ago");
  });

  it("reads a time in the future (a fast device clock) as just now", () => {
    expect(formatRelative(now + 60_000, now)).toBe("just now");
  });

  it("formats ages with hours and minutes", () => {
    expect(formatAge(2 * 3_600_000 + 10 * 60_000)).toBe("2 h 10 min");
    expect(formatAge(-5)).toBe("0 s");
  });

  it("names the compass direction of a heading", () => {
    expect(formatHeading(44)).toBe("44° NE");
    expect(formatHeading(359)).toBe("359° N");
  });
});

describe("in Spanish and Arabic", () => {
  const es = createFormat("es", formatMessages.es);
  const ar = createFormat("ar", formatMessages.ar);
  it("writes decimals, digits and units as the language does", () => {
    expect(es.distance(4_250, "kmh")).toBe("4,3 km");
    expect(es.relative(1_000_000 - 5 * 60_000, 1_000_000)).toBe("hace 5 min");
    expect(ar.speed(100, "kmh")).toBe("١٠٠ كم/س");
    expect(ar.distance(4_250, "kmh")).toBe("٤٫٣ كم");
    expect(ar.heading(90)).toBe("٩٠° ق");
  });
});
