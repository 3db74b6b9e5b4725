import { describe, expect, it } from "vitest";
import {
  displayCookieName,
  hasDisplayCookie,
  hasSessionCookie,
  parseCookieHeader,
  sessionTokenFrom,
} from "./cookie-names";

describe("session cookies", () => {
  it("notices a session cookie under either name, or a chunk of one", () => {
    expect(hasSessionCookie(["next-auth.session-token"])).toBe(true);
    expect(hasSessionCookie(["__Secure-next-auth.session-token.0"])).toBe(true);
    expect(hasSessionCookie(["next-auth.csrf-token", "theme"])).toBe(false);
    expect(hasSessionCookie(["next-auth.session-tokenx"])).toBe(false);
  });

  it("reads the cookie that matches the site's scheme only", () => {
    const jar = new Map([["__Secure-next-auth.session-token", "secure-token"]]);
    expect(sessionTokenFrom(jar, true)).toBe("secure-token");
    expect(sessionTokenFrom(jar, false)).toBeUndefined();
  });

  it("joins a token split into chunks, in order", () => {
    const jar = new Map([
      ["next-auth.session-token.1", "-second"],
      ["next-auth.session-token.0", "first"],
      ["next-auth.session-token.x", "junk"],
    ]);
    expect(sessionTokenFrom(jar, false)).toBe("first-second");
  });

  it("parses a Cookie header, tolerating junk", () => {
    const jar = parseCookieHeader("a=1; next-auth.session-token=abc%3D; broken; =x; b=%E0");
    expect(jar.get("a")).toBe("1");
    expect(jar.get("next-auth.session-token")).toBe("abc=");
    expect(jar.get("b")).toBe("%E0");
    expect(jar.size).toBe(3);
    expect(parseCookieHeader(null).size).toBe(0);
  });

  it("names the display cookie by the site's scheme, and notices either name", () => {
    expect(displayCookieName(false)).toBe("fleet-live.display");
    expect(displayCookieName(true)).toBe("__Secure-fleet-live.display");
    expect(hasDisplayCookie(["theme", "__Secure-fleet-live.display"])).toBe(true);
    expect(hasDisplayCookie(["next-auth.session-token", "fleet-live.displays"])).toBe(false);
  });
});
