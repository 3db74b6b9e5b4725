import { describe, expect, it } from "vitest";
import { appRoutes } from "@/e2e/support/fuzz";
import { APP_PAGES, proxyDecision } from "./proxy-rules";

const decide = (pathname: string, cookies: "none" | "user" | "display" | "both", method = "GET") =>
  proxyDecision({
    pathname,
    method,
    hasUserCookie: cookies === "user" || cookies === "both",
    hasDisplayCookie: cookies === "display" || cookies === "both",
  });

describe("proxy rules", () => {
  it.each(["/", "/wall", "/admin/displays", "/api/fleet/vehicles/7", "/api/admin/displays"])(
    "lets a user cookie through to %s, as before display links",
    (path) => {
      expect(decide(path, "user")).toBe("pass");
      expect(decide(path, "both")).toBe("pass");
    },
  );

  it("sends a visitor without cookies to sign in, and answers session APIs with 401", () => {
    expect(decide("/", "none")).toBe("sign-in");
    expect(decide("/wall", "none")).toBe("sign-in");
    expect(decide("/api/fleet/stream", "none")).toBe("unauthorized");
    expect(decide("/api/admin", "none")).toBe("unauthorized");
  });

  it.each(["/wall", "/wall/", "/api/fleet/snapshot", "/api/fleet/stream", "/api/fleet/fences"])(
    "lets a display cookie alone reach %s",
    (path) => expect(decide(path, "display")).toBe("pass"),
  );

  it.each([
    ["/", "sign-in"],
    ["/admin/displays", "sign-in"],
    ["/api/fleet/vehicles/7", "unauthorized"],
    ["/api/fleet/stream/extra", "unauthorized"],
    ["/api/admin/users", "unauthorized"],
    ["/api/admin/displays", "unauthorized"],
    ["/api/fleet/fences/occupancy", "unauthorized"],
    ["/api/history/fleet", "unauthorized"],
    ["/api/me/last-look", "unauthorized"],
  ])("keeps a display cookie alone out of %s", (path, expected) => {
    expect(decide(path, "display")).toBe(expected);
  });

  it.each(["/api/fleet/snapshot", "/api/fleet/snapshot/br", "/api/fleet/snapshot/gzip/"])(
    "leaves %s to its handler, whose 401 is in the coding the answer is labelled with",
    (path) => {
      for (const cookies of ["none", "display", "user"] as const) {
        expect(decide(path, cookies)).toBe("pass");
      }
    },
  );

  it("lists every page the app/ folder has, so no page is left open without a session", () => {
    const pages = appRoutes()
      .filter((route) => route.kind === "page")
      .map((route) => route.template);
    expect([...APP_PAGES].sort()).toEqual(pages.sort());
  });

  it.each(["/no-such-page", "/walls", "/wall/settings", "/admin", "/admin/users", "/sign-in/x"])(
    "lets %s through to the app's 404 page, whoever asks (it is no page)",
    (path) => {
      for (const cookies of ["none", "user", "display"] as const) {
        expect(decide(path, cookies)).toBe("pass");
      }
    },
  );

  it("still sends a visitor without a session to sign in on the way to a real page", () => {
    for (const path of ["/", "/wall/", "/admin/displays", "/admin/displays/", "/bench/map"]) {
      expect(decide(path, "none")).toBe("sign-in");
    }
    expect(decide("/admin/displays", "display")).toBe("sign-in");
  });

  it("opens a display link without any cookie; its route checks the token", () => {
    expect(decide("/display/v1.abc.0.sig", "none")).toBe("pass");
  });

  it("leaves the sign-in page, public files, auth APIs and health open", () => {
    for (const path of ["/sign-in", "/basemap.json", "/api/auth/session", "/api/health"]) {
      expect(decide(path, "none")).toBe("pass");
    }
  });

  it("leaves non-GET page requests to the page (server actions check themselves)", () => {
    expect(decide("/", "none", "POST")).toBe("pass");
    expect(decide("/api/admin/displays", "none", "POST")).toBe("unauthorized");
  });

  it.each([
    "/api/fleet/vehicles/%C0%AF",
    "/api/fleet/vehicles/%FF",
    "/display/%zz",
    "/api/auth/%",
    "/%E0%A4%A",
  ])("refuses the path %s whose %-escape does not decode, whoever asks", (path) => {
    for (const cookies of ["none", "user", "display"] as const) {
      expect(decide(path, cookies)).toBe("malformed");
    }
  });

  it("answers OPTIONS on a page itself, for any cookie, and leaves it to APIs and routes", () => {
    for (const cookies of ["none", "user", "display"] as const) {
      expect(decide("/", cookies, "OPTIONS")).toBe("page-options");
      expect(decide("/sign-in", cookies, "OPTIONS")).toBe("page-options");
    }
    expect(decide("/api/health", "none", "OPTIONS")).toBe("pass");
    expect(decide("/display/v1.abc.0.sig", "none", "OPTIONS")).toBe("pass");
  });

  it("lets well-formed escapes through", () => {
    expect(decide("/api/fleet/vehicles/V%2D1", "user")).toBe("pass");
    expect(decide("/display/%F0%9F%9A%9A", "none")).toBe("pass");
  });
});
