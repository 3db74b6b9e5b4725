import { describe, expect, it } from "vitest";
import { DEFAULT_URL_STATE, parseUrlState, serializeUrlState } from "./url-state";

const parse = (query: string) => parseUrlState(new URLSearchParams(query));

describe("URL state", () => {
  it("reads a plain address as the default view and writes the default view as nothing", () => {
    expect(parse("")).toEqual(DEFAULT_URL_STATE);
    expect(serializeUrlState(DEFAULT_URL_STATE)).toBe("");
  });

  it("round-trips a full view", () => {
    const query =
      "v=213NW2026000007&status=moving,idle&q=van+07&fences=0&follow=1&units=mph&theme=dark&panel=trips";
    const state = parse(query);
    expect(state).toEqual({
      vehicleId: "213NW2026000007",
      statuses: ["moving", "idle"],
      query: "van 07",
      showFences: false,
      follow: true,
      units: "mph",
      theme: "dark",
      panel: "trips",
    });
    expect(parse(serializeUrlState(state))).toEqual(state);
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
});
