import { describe, expect, it } from "vitest";
import type { VehicleHistory } from "@/lib/fleet/history";
import { HttpError } from "@/lib/http/http-error";
import { historyCsv, historyGeoJson } from "./export";
import { readDeviceId, readFrame, readRange } from "./replay";

const NOW = Date.UTC(2026, 2, 3, 19, 0, 0);
const params = (query: string) => new URLSearchParams(query);
const range = (query: string, maxMs = 86_400_000) =>
  readRange(params(query), { maxMs, historyDays: 7, now: NOW });
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof HttpError ? `${error.code}: ${error.message}` : String(error);
  }
  return "accepted";
};

describe("readRange", () => {
  it("reads ISO date-times and epoch milliseconds", () => {
    expect(range("from=2026-03-03T18:00:00Z&to=2026-03-03T18:10:00Z")).toEqual({
      from: NOW - 3_600_000,
      to: NOW - 3_000_000,
    });
    expect(range(`from=${NOW - 60_000}&to=${NOW}`)).toEqual({ from: NOW - 60_000, to: NOW });
  });

  it("ends a range at now, and starts it no earlier than the days kept", () => {
    expect(range(`from=${NOW - 60_000}&to=${NOW + 3_600_000}`).to).toBe(NOW);
    const old = range(
      `from=${NOW - 8 * 86_400_000}&to=${NOW - 7 * 86_400_000 + 3_600_000}`,
      2 * 86_400_000,
    );
    expect(old.from).toBe(Date.UTC(2026, 1, 24));
  });

  it("refuses a missing or unreadable time, a backward range, one too long, one too old", () => {
    expect(refusal(() => range("to=2026-03-03T18:00:00Z"))).toMatch(
      /^bad_request: "from" must be a time/,
    );
    expect(refusal(() => range("from=yesterday&to=now"))).toMatch(/^bad_request: "from"/);
    expect(refusal(() => range(`from=${NOW}&to=${NOW - 1}`))).toMatch(/"to" must be after "from"/);
    expect(refusal(() => range(`from=${NOW - 90_000_000}&to=${NOW}`))).toMatch(/at most 24 h/);
    expect(
      refusal(() => range(`from=${NOW - 30 * 86_400_000}&to=${NOW - 29 * 86_400_000}`)),
    ).toMatch(/kept for 7 days/);
  });
});

describe("readFrame and readDeviceId", () => {
  it("takes a span of 1 s to 15 min, 5 min by default", () => {
    expect(readFrame(params(`at=${NOW}`))).toEqual({ at: NOW, span: 300_000 });
    expect(refusal(() => readFrame(params(`at=${NOW}&span=3600000`)))).toMatch(/"span"/);
  });

  it("refuses a vehicle id with characters no device id has", () => {
    expect(readDeviceId("213NW2026000001")).toBe("213NW2026000001");
    expect(refusal(() => readDeviceId("a/b"))).toMatch(/^bad_request/);
  });
});

const history: VehicleHistory = {
  vehicle: { id: "V1", name: "Van 1" },
  from: NOW,
  to: NOW + 60_000,
  points: [
    [NOW - 5_000, 33.1, -112.1, 0, null, 2, 0],
    [NOW + 10_000, 33.2, -112.2, 40.5, 90, 0, 0],
  ],
  events: [
    {
      t: NOW + 20_000,
      kind: "alert",
      deviceId: "V1",
      label: '=HYPERLINK("x"), "speeding"',
      severity: "warning",
      position: [33.3, -112.3],
    },
  ],
  visits: [],
  backfilling: false,
};

describe("export", () => {
  it("writes CSV rows in time order, quoting fields and defusing formulas", () => {
    expect(historyCsv(history).split("\r\n")).toEqual([
      "time,kind,latitude,longitude,speed_kmh,heading_deg,status,detail",
      "2026-03-03T19:00:10.000Z,position,33.2,-112.2,40.5,90,moving,",
      `2026-03-03T19:00:20.000Z,alert,33.3,-112.3,,,warning,"'=HYPERLINK(""x""), ""speeding"""`,
      "",
    ]);
  });

  it("writes GeoJSON: the track as a line in lng,lat order with its times, events as points", () => {
    const geojson = historyGeoJson(history);
    expect(geojson.features[0]).toMatchObject({
      properties: { vehicleId: "V1", kind: "track", times: ["2026-03-03T19:00:10.000Z"] },
      geometry: { type: "LineString", coordinates: [[-112.2, 33.2]] },
    });
    expect(geojson.features[1]).toMatchObject({
      properties: { kind: "alert", severity: "warning" },
      geometry: { type: "Point", coordinates: [-112.3, 33.3] },
    });
  });
});
