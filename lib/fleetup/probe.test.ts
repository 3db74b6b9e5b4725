import "server-only";
import { describe, expect, it } from "vitest";
import { coordinateReadings, detectClockOffset, tokenReplyShape } from "./probe-checks";
import { formatProbeTable, redactSample, type ProbeRow } from "./probe-report";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 3, 19, 0, 0);

describe("the probe's table", () => {
  it("prints one aligned line per endpoint under a header, with drops or FleetUp's words", () => {
    const rows: ProbeRow[] = [
      {
        endpoint: "/gpsdata/device-last-location",
        status: "200",
        ok: true,
        records: 3,
        kept: 2,
        dropped: "out_of_range=1 direction:impossible_value=1",
        fieldsSeen: ["devId", "lat", "lng", "rpm"],
        fieldsMapped: ["devId", "lat", "lng"],
        fieldsIgnored: ["rpm"],
      },
      {
        endpoint: "/trips/ongoing-trips",
        status: "403",
        ok: false,
        dropped: "",
        fieldsSeen: [],
        fieldsMapped: [],
        fieldsIgnored: [],
        note: '{"message":"Forbidden"}',
      },
    ];
    expect(formatProbeTable(rows).split("\n")).toEqual([
      "endpoint                       status  records  seen  mapped  ignored  dropped / note",
      "-----------------------------  ------  -------  ----  ------  -------  " + "-".repeat(43),
      "/gpsdata/device-last-location  200     2/3      4     3       1: rpm   out_of_range=1 direction:impossible_value=1",
      '/trips/ongoing-trips           403     -        0     0       0        {"message":"Forbidden"}',
    ]);
  });
});

describe("redactSample", () => {
  it("removes secrets, tokens and the account id, and keeps the first records only", () => {
    const sample = redactSample(
      {
        acctId: "4711",
        token: "eyJ.abc.def",
        note: "called with key-1234 and eyJ.abc.def",
        data: [{ devId: "A", lat: 1 }, { devId: "B" }, { devId: "C" }],
      },
      ["key-1234", "eyJ.abc.def"],
      2,
    );
    expect(sample).toEqual({
      acctId: "[redacted]",
      token: "[redacted]",
      note: "called with [redacted] and [redacted]",
      data: [{ devId: "A", lat: 1 }, { devId: "B" }],
    });
  });
});

describe("tokenReplyShape", () => {
  it("describes the token (claim names, lifetime) and the types of everything else, never a value", () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const jwt = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ acctId: 4711, exp: NOW / 1000 + 3600 })}.sig`;
    expect(tokenReplyShape({ token: jwt, expireTime: 1, data: { ok: true } }, NOW)).toEqual({
      token: "JWT (alg HS256; claims acctId, exp; expires in 3600 s)",
      expireTime: "number",
      data: { ok: "boolean" },
    });
    expect(tokenReplyShape({ token: "a1b2c3" }, NOW)).toEqual({
      token: "string (6 characters, not a JWT)",
    });
  });
});

describe("detectClockOffset", () => {
  const fleet = (offset: number) =>
    [0.2, 1, 3, 9, 40, 300].map((minutes) => NOW - offset - minutes * 60_000);

  it("finds fix times a whole number of hours behind (FleetUp stamping UTC-7 read as UTC)", () => {
    expect(detectClockOffset(fleet(7 * HOUR), NOW)).toEqual({ offsetMs: 7 * HOUR, fixes: 4 });
  });

  it("finds fix times hours ahead (a zone east of UTC)", () => {
    expect(detectClockOffset(fleet(-2 * HOUR), NOW)?.offsetMs).toBe(-2 * HOUR);
    expect(detectClockOffset(fleet(-5.5 * HOUR), NOW)?.offsetMs).toBe(-5.5 * HOUR);
  });

  it("says nothing for a fleet on time, one parked for a while, or too few fixes at the offset", () => {
    expect(detectClockOffset(fleet(0), NOW)).toBeUndefined();
    expect(detectClockOffset([NOW - 2.6 * HOUR], NOW)).toBeUndefined();
    expect(
      detectClockOffset([NOW - 7 * HOUR, ...Array(8).fill(NOW - 30 * HOUR)], NOW),
    ).toBeUndefined();
    expect(detectClockOffset([], NOW)).toBeUndefined();
  });
});

describe("coordinateReadings", () => {
  it("reads one raw pair as degrees, milliseconds of arc and microdegrees", () => {
    const readings = coordinateReadings(120414240, -403466400);
    expect(readings.map((r) => [r.unit, r.valid])).toEqual([
      ["deg", false],
      ["mas", true],
      ["microdeg", false],
    ]);
    expect(readings[1]?.lat).toBeCloseTo(33.4484, 4);
  });
});
