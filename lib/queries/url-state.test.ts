import { describe, expect, it } from "vitest";
import { DEFAULT_URL_STATE, keepUnchanged, parseUrlState, serializeUrlState } from "./url-state";

const parse = (query: string) => parseUrlState(new URLSearchParams(query));

describe("URL state", () => {
  it("reads a plain address as the default view and writes the default view as nothing", () => {
    expect(parse("")).toEqual(DEFAULT_URL_STATE);
    expect(serializeUrlState(DEFAULT_URL_STATE)).toBe("");
  });

  it("round-trips a full view", () => {
    const query =
      "at=33.45123,-112.07,13&v=213NW2026000007&status=moving,idle&q=van+07&fences=0&trips=1&follow=1&units=mph&theme=dark&panel=trips&near=fence:f-3&nearStatus=idle,stopped";
    const state = parse(query);
    expect(state).toEqual({
      view: { lat: 33.45123, lng: -112.07, zoom: 13 },
      vehicleId: "213NW2026000007",
      statuses: ["moving", "idle"],
      query: "van 07",
      showFences: false,
      showTrips: true,
      follow: true,
      units: "mph",
      theme: "dark",
      panel: "trips",
      near: { kind: "fence", id: "f-3" },
      nearStatuses: ["idle", "stopped"],
      alertFilter: { state: "open", severities: [] },
    });
    expect(serializeUrlState(state)).toBe(query);
  });

  it("writes the map's centre to five decimals (about a metre) and its zoom as given", () => {
    const view = { lat: 33.4512345, lng: -112.0712345, zoom: 12 };
    expect(serializeUrlState({ ...DEFAULT_URL_STATE, view })).toBe("at=33.45123,-112.07123,12");
  });

  it("ignores a view that is not a place on the map", () => {
    for (const at of ["91,0,5", "33,-112", "33,-112,40", "a,b,3", "33,,4"]) {
      expect(parse(`at=${at}`).view).toBeUndefined();
    }
  });

  it("asks for the nearest vehicles to a point, a fence or a vehicle", () => {
    expect(parse("near=33.4,-112.1").near).toEqual({ kind: "point", lat: 33.4, lng: -112.1 });
    expect(parse("near=vehicle:213NW2026000007").near).toEqual({
      kind: "vehicle",
      id: "213NW2026000007",
    });
    expect(parse("near=fence:<x>").near).toBeUndefined();
    expect(parse("near=95,0").near).toBeUndefined();
  });

  it("keeps the nearest list's status filter only while the list is open", () => {
    const state = { ...DEFAULT_URL_STATE, nearStatuses: ["idle" as const] };
    expect(serializeUrlState(state)).toBe("");
  });

  it("drops unknown statuses and keeps the canonical order", () => {
    expect(parse("status=idle,flying,moving").statuses).toEqual(["moving", "idle"]);
  });

  it("treats every status selected as no filter", () => {
    const all = {
      ...DEFAULT_URL_STATE,
      statuses: [...parse("status=moving,idle,stopped,offline").statuses],
    };
    expect(serializeUrlState(all)).toBe("");
  });

  it("ignores a vehicle id that could not be one, and follow without a vehicle", () => {
    expect(parse("v=<script>&follow=1")).toMatchObject({ vehicleId: undefined, follow: false });
  });

  it("ignores an unknown theme or unit", () => {
    expect(parse("theme=pink&units=furlongs")).toMatchObject({ theme: undefined, units: "kmh" });
  });

  it("keeps an unchanged filter as the same list when only the map moved", () => {
    const before = parse("at=33,-112,10&status=idle");
    const after = keepUnchanged(before, parse("at=33.1,-112,11&status=idle"));
    expect(after.statuses).toBe(before.statuses);
    expect(after.view).toEqual({ lat: 33.1, lng: -112, zoom: 11 });
  });

  it("round-trips the open alert and the alerts panel's filters", () => {
    const query =
      "alert=fence:v1:Acme+DC:1&alerts=mine&alertSeverity=warning,critical&alertType=speeding&alertVehicle=213NW2026000007&alertFence=f-3";
    const state = parse(query);
    expect(state).toMatchObject({
      alertId: "fence:v1:Acme DC:1",
      alertFilter: {
        state: "mine",
        severities: ["warning", "critical"],
        type: "speeding",
        vehicleId: "213NW2026000007",
        fenceId: "f-3",
      },
    });
    expect(serializeUrlState(state)).toBe(query);
  });

  it("lists open alerts by default and ignores filters that could not be", () => {
    expect(parse("alerts=closed&alertSeverity=urgent&alertVehicle=<x>").alertFilter).toEqual({
      state: "open",
      severities: [],
    });
    expect(serializeUrlState(parse("alerts=open&alertSeverity=info,warning,critical"))).toBe("");
  });

  it("keeps a replay in the link: vehicle or fleet, range, scrubbed time and speed", () => {
    const query =
      "replay=vehicle:V-3&from=1772550000000&to=1772550600000&rt=1772550300000&speed=60";
    const state = parse(query);
    expect(state.replay).toEqual({
      vehicleId: "V-3",
      from: 1772550000000,
      to: 1772550600000,
      t: 1772550300000,
      speed: 60,
    });
    expect(serializeUrlState(state)).toBe(query);
    expect(parse("replay=fleet&from=1772550000000&to=1772550600000").replay).toEqual({
      from: 1772550000000,
      to: 1772550600000,
      t: 1772550000000,
      speed: 10,
    });
  });

  it("ignores a replay without a range, with an unknown speed, or with a time outside its range", () => {
    expect(parse("replay=fleet&from=1772550600000&to=1772550000000").replay).toBeUndefined();
    expect(parse("replay=vehicle:<x>&from=1772550000000&to=1772550600000").replay).toBeUndefined();
    expect(
      parse("replay=fleet&from=1772550000000&to=1772550600000&rt=1&speed=7").replay,
    ).toMatchObject({ t: 1772550000000, speed: 10 });
  });
});
