import "server-only";
import { describe, expect, it } from "vitest";
import {
  Drop,
  readBoolean,
  readHeading,
  readLatLng,
  readLatLngText,
  readNumber,
  readSpeed,
  readTime,
} from "./parse-values";
import { toCompactDate, toCompactDateTime, zonesAtOffset } from "./time-zone";

const NOW = Date.UTC(2026, 10, 28, 9, 0, 0);

function reasonOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof Drop) return error.reason;
    throw error;
  }
  return "kept";
}

describe("readNumber", () => {
  it("accepts numbers sent as text", () => {
    expect(readNumber(" 33.5 ")).toBe(33.5);
    expect(readNumber("-1.2e3")).toBe(-1200);
  });

  it("treats null, undefined and empty text as absent", () => {
    expect(readNumber(null)).toBeUndefined();
    expect(readNumber(undefined)).toBeUndefined();
    expect(readNumber("  ")).toBeUndefined();
  });

  it.each([["NaN"], ["Infinity"], [Number.POSITIVE_INFINITY], [NaN], ["12abc"], [true], [{}]])(
    "drops the non-finite or non-numeric value %s",
    (value) => {
      expect(reasonOf(() => readNumber(value))).toBe("non_finite");
    },
  );
});

describe("readLatLng", () => {
  it("keeps decimal degrees as they are", () => {
    expect(readLatLng(33.4484, -112.074)).toEqual([33.4484, -112.074]);
  });

  it("converts milliseconds of arc to degrees", () => {
    expect(readLatLng(120414240, -403466400)).toEqual([33.4484, -112.074]);
  });

  it("reads coordinates sent as text", () => {
    expect(readLatLng("33.4484", "-112.074")).toEqual([33.4484, -112.074]);
  });

  it("drops a fix with latitude 91", () => {
    expect(reasonOf(() => readLatLng(91, 10))).toBe("out_of_range");
  });

  it("drops a fix with longitude 181", () => {
    expect(reasonOf(() => readLatLng(10, 181))).toBe("out_of_range");
  });

  it("drops a milliseconds-of-arc fix that decodes to latitude 95", () => {
    expect(reasonOf(() => readLatLng(95 * 3_600_000, 10 * 3_600_000))).toBe("out_of_range");
  });

  it("drops a fix with a missing longitude", () => {
    expect(reasonOf(() => readLatLng(33.4, undefined))).toBe("missing_coordinates");
  });

  it("drops a fix at 0,0 (an unset GPS position)", () => {
    expect(reasonOf(() => readLatLng(0, 0))).toBe("impossible_value");
  });

  it("drops a NaN latitude", () => {
    expect(reasonOf(() => readLatLng("NaN", 10))).toBe("non_finite");
  });

  it("reads the unit FLEETUP_COORD_UNIT names, where auto cannot tell", () => {
    expect(readLatLng(33448400, -112074000, "microdeg")).toEqual([33.4484, -112.074]);
    // The same numbers as "auto" would be milliseconds of arc: a point in the Atlantic.
    expect(readLatLng(33448400, -112074000)[0]).toBeCloseTo(9.291, 3);
    expect(readLatLng(120414240, -403466400, "mas")).toEqual([33.4484, -112.074]);
    expect(reasonOf(() => readLatLng(120414240, -403466400, "deg"))).toBe("out_of_range");
    // With mas named, a small value is not mistaken for degrees.
    expect(readLatLng(3600, 7200, "mas")).toEqual([0.001, 0.002]);
  });

  it("reads FleetUp's trip location text in milliseconds of arc", () => {
    expect(readLatLngText("120414240,-403466400")).toEqual([33.4484, -112.074]);
    expect(readLatLngText("")).toBeUndefined();
  });
});

describe("readTime", () => {
  const expected = Date.UTC(2026, 10, 28, 8, 30, 5);

  it.each([
    ["compact YYYYMMDDHHMMSS text", "20261128083005"],
    ["compact YYYYMMDDHHMMSS number", 20261128083005],
    ["ISO with Z", "2026-11-28T08:30:05Z"],
    ["ISO with offset", "2026-11-28T09:30:05+01:00"],
    ["zone-less date-time as UTC", "2026-11-28 08:30:05"],
    ["epoch seconds", expected / 1000],
    ["epoch milliseconds", expected],
    ["epoch seconds as text", String(expected / 1000)],
    ["epoch milliseconds as text", String(expected)],
  ])("reads %s", (_, value) => {
    expect(readTime(value, NOW)).toBe(expected);
  });

  it("reads a compact date YYYYMMDD as UTC midnight", () => {
    expect(readTime("20261128", NOW)).toBe(Date.UTC(2026, 10, 28));
  });

  it.each([
    ["an impossible calendar date", "20260231120000"],
    ["a time before 2000", "19990101000000"],
    ["a time two days ahead", "20261130090000"],
    ["free text", "yesterday"],
  ])("drops %s", (_, value) => {
    expect(reasonOf(() => readTime(value, NOW))).toBe("bad_time");
  });

  it("formats compact UTC dates for requests", () => {
    expect(toCompactDateTime(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe("20260102030405");
    expect(toCompactDate(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe("20260102");
  });
});

describe("time zones (FLEETUP_TIME_ZONE)", () => {
  it("reads zone-less compact and ISO times on the configured zone's wall clock", () => {
    // Phoenix keeps UTC-7 all year.
    expect(readTime("20261128020000", NOW, "America/Phoenix")).toBe(Date.UTC(2026, 10, 28, 9));
    expect(readTime("2026-11-28 02:00:00", NOW, "America/Phoenix")).toBe(Date.UTC(2026, 10, 28, 9));
    expect(readTime("20261128", NOW, "America/Phoenix")).toBe(Date.UTC(2026, 10, 28, 7));
  });

  it("leaves times that carry a zone, and epoch numbers, as they are", () => {
    expect(readTime("2026-11-28T09:00:00Z", NOW, "America/Phoenix")).toBe(NOW);
    expect(readTime("2026-11-28T02:00:00-07:00", NOW, "Europe/Berlin")).toBe(NOW);
    expect(readTime(NOW / 1000, NOW, "America/Phoenix")).toBe(NOW);
  });

  it("follows daylight saving: the same wall time is an hour apart in winter and summer", () => {
    const winter = readTime("20260115120000", NOW, "Europe/Berlin");
    const summer = readTime("20260715120000", NOW, "Europe/Berlin");
    expect(winter).toBe(Date.UTC(2026, 0, 15, 11));
    expect(summer).toBe(Date.UTC(2026, 6, 15, 10));
  });

  it("formats request dates on the same wall clock, so windows match what FleetUp stamps", () => {
    expect(toCompactDateTime(NOW, "America/Phoenix")).toBe("20261128020000");
    expect(toCompactDate(Date.UTC(2026, 10, 28, 3), "America/Phoenix")).toBe("20261127");
  });

  it("names the zones at an offset, the Etc zone (inverted sign) first", () => {
    const zones = zonesAtOffset(-7 * 3_600_000, NOW);
    expect(zones[0]).toBe("Etc/GMT+7");
    expect(zones).toContain("America/Phoenix");
    expect(zonesAtOffset(0, NOW)[0]).toBe("UTC");
  });
});

describe("speed, heading and flags", () => {
  it("drops a negative speed", () => {
    expect(reasonOf(() => readSpeed(-5))).toBe("impossible_value");
  });

  it("drops a speed of 1000 km/h", () => {
    expect(reasonOf(() => readSpeed(1000))).toBe("impossible_value");
  });

  it("drops a heading of 400 degrees and maps 360 to 0", () => {
    expect(reasonOf(() => readHeading(400))).toBe("impossible_value");
    expect(reasonOf(() => readHeading(-90))).toBe("impossible_value");
    expect(readHeading(360)).toBe(0);
  });

  it("reads a heading of -1 as unknown, as devices say when standing still", () => {
    expect(reasonOf(() => readHeading(-1))).toBe("kept");
    expect(readHeading(-1)).toBeUndefined();
    expect(readHeading("-1")).toBeUndefined();
  });

  it.each([
    [true, true],
    [1, true],
    ["on", true],
    ["false", false],
    [0, false],
    [null, undefined],
  ])("reads the flag %s as %s", (value, expected) => {
    expect(readBoolean(value)).toBe(expected);
  });

  it("leaves an unreadable flag to the caller as a dropped field", () => {
    expect(reasonOf(() => readBoolean("maybe"))).toBe("non_finite");
    expect(reasonOf(() => readBoolean("NaN"))).toBe("non_finite");
  });
});
