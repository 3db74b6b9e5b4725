import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/catalog";
import { wall } from "@/lib/i18n/messages/wall";
import { describeIgnored, parseWallParams, WALL_DEFAULTS } from "./wall-params";

const parse = (query: string) => parseWallParams(new URLSearchParams(query));
const english = translator("en", wall.en);
/** What the screen's small print says it ignored, in English. */
const ignored = (query: string) =>
  parse(query).ignored.map((entry) => describeIgnored(entry, english));

describe("parseWallParams", () => {
  it("gives a dark screen with no rotation and the default timings without parameters", () => {
    expect(parse("")).toEqual({
      views: [],
      rotateS: WALL_DEFAULTS.rotateS,
      focusS: WALL_DEFAULTS.focusS,
      soundEveryS: 0,
      theme: "dark",
      units: "kmh",
      showFences: true,
      maxHeapMb: WALL_DEFAULTS.maxHeapMb,
      errorReloadS: 10,
      ignored: [],
    });
  });

  it("reads named views, fence views and the timings", () => {
    const params = parse(
      "view=North depot@33.62,-112.10,14&view=fence:F-7&view=33.4,-111.9,12&rotate=45&focus=0&theme=light&units=mph&fences=0&maxHeapMb=512",
    );
    expect(params.views).toEqual([
      { kind: "place", name: "North depot", center: [33.62, -112.1], zoom: 14 },
      { kind: "fence", fenceId: "F-7" },
      { kind: "place", center: [33.4, -111.9], zoom: 12 },
    ]);
    expect(params).toMatchObject({
      rotateS: 45,
      focusS: 0,
      theme: "light",
      units: "mph",
      showFences: false,
      maxHeapMb: 512,
      ignored: [],
    });
  });

  it("ignores what it cannot use, says so, and keeps the rest", () => {
    const query =
      "view=Nowhere@95,0,10&view=Bad@1,2&view=fence:&view=Ok@1,2,3&rotate=2&focus=soon&theme=pink&maxHeapMb=1e9";
    const params = parse(query);
    expect(params.views).toEqual([{ kind: "place", name: "Ok", center: [1, 2], zoom: 3 }]);
    expect(params.rotateS).toBe(WALL_DEFAULTS.rotateS);
    expect(params.focusS).toBe(WALL_DEFAULTS.focusS);
    expect(params.theme).toBe("dark");
    expect(ignored(query)).toEqual([
      "view=Nowhere@95,0,10 (name@lat,lng,zoom or fence:<id>)",
      "view=Bad@1,2 (name@lat,lng,zoom or fence:<id>)",
      "view=fence: (name@lat,lng,zoom or fence:<id>)",
      "rotate=2 (a whole number from 5 to 3600)",
      "focus=soon (a whole number from 0 to 600)",
      "theme=pink (one of dark, light)",
      "maxHeapMb=1e9 (a whole number from 64 to 16384)",
    ]);
  });

  it("sounds a tone as often as asked, silent by default", () => {
    expect(parse("sound=45").soundEveryS).toBe(45);
    expect(parse("sound=loud").soundEveryS).toBe(0);
    expect(ignored("sound=loud")).toEqual(["sound=loud (a whole number from 0 to 3600)"]);
  });

  it("waits as long as asked before reloading after a render error, 2 s at the least", () => {
    expect(parse("errorReload=30").errorReloadS).toBe(30);
    expect(parse("errorReload=1").errorReloadS).toBe(10);
    expect(ignored("errorReload=1")).toEqual(["errorReload=1 (a whole number from 2 to 600)"]);
  });
});
