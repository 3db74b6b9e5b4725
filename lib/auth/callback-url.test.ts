import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

describe("the after-sign-in destination", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallbackPath("/")).toBe("/");
    expect(safeCallbackPath("/wall?fences=on#map")).toBe("/wall?fences=on#map");
  });

  it("accepts an absolute URL of this site as its path", () => {
    expect(safeCallbackPath("https://fleet.example.com/wall", "https://fleet.example.com")).toBe(
      "/wall",
    );
  });

  it.each([
    "https://evil.example.com/",
    "//evil.example.com/path",
    "/\\evil.example.com",
    "\\\\evil.example.com",
    "/%0d%0aLocation:%20https://evil.example.com".replace("%0d%0a", "\r\n"),
    "javascript:alert(1)",
    "https://fleet.example.com.evil.com/",
    "wall",
    "",
  ])("refuses %j and goes home instead (no open redirect)", (value) => {
    expect(safeCallbackPath(value, "https://fleet.example.com")).toBe("/");
  });

  it("never returns to the sign-in page or to an API", () => {
    expect(safeCallbackPath("/sign-in?callbackUrl=/")).toBe("/");
    expect(safeCallbackPath("/api/fleet/snapshot")).toBe("/");
  });

  it("ignores anything that is not a string", () => {
    expect(safeCallbackPath(["/wall"])).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});
