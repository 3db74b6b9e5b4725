import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signDisplayToken, tokenOf } from "@/lib/auth/display-links";
import type { DatabaseHandle } from "@/lib/db/database";
import { emptyTables, installTestDatabase } from "@/e2e/support/test-database";

const env = {
  authSecret: "s".repeat(32),
  publicUrl: undefined as string | undefined,
  upstream: { mode: "simulator" },
  auth: { displaysFile: "", usersFile: "" },
};
vi.mock("@/lib/env", () => ({ getEnv: () => env }));

let GET: (typeof import("./route"))["GET"];
let displays: typeof import("@/lib/auth/displays");

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await installTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  vi.resetModules();
  delete (globalThis as Record<string, unknown>).__fleetLiveDisplaySeen;
  await emptyTables(handle.db);
  env.publicUrl = undefined;
  ({ GET } = await import("./route"));
  displays = await import("@/lib/auth/displays");
});

const open = (token: string, query = "", headers: HeadersInit = {}) =>
  GET(new Request(`http://127.0.0.1:3000/display/${token}${query}`, { headers }), {
    params: Promise.resolve({ token }),
  });

async function link(expiresAt: Date | null = null) {
  const record = await (
    await displays.getDisplayStore()
  ).create("Lobby", expiresAt, "a@example.com");
  return { record, token: signDisplayToken(tokenOf(record), env.authSecret) };
}

describe("opening a display link", () => {
  it("sets the display cookie and goes on to /wall with the link's query", async () => {
    const { token } = await link();
    const response = await open(token, "?rotate=30&theme=dark");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/wall?rotate=30&theme=dark");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const cookie = response.headers.get("set-cookie") ?? "";
    // The screen's session is a token of its own, never the link's.
    expect(cookie).toMatch(/^fleet-live\.display=ds1\.[A-Za-z0-9_-]{43};/);
    expect(cookie).not.toContain(token);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toContain(`Max-Age=${400 * 86_400}`);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it("keeps the cookie no longer than the link, and Secure under an https address", async () => {
    env.publicUrl = "https://fleet.example.com";
    const { token } = await link(new Date(Date.now() + 3_600_000));
    const cookie = (await open(token)).headers.get("set-cookie") ?? "";
    expect(cookie).toContain("__Secure-fleet-live.display=");
    expect(cookie).toMatch(/Secure/);
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)?.[1]);
    expect(maxAge).toBeGreaterThan(3590);
    expect(maxAge).toBeLessThanOrEqual(3600);
  });

  it("answers a revoked link with 403 and a page that says so, without the token", async () => {
    const { record, token } = await link();
    await displays.revokeDisplay(record.id);
    const response = await open(token);
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("set-cookie")).toBeNull();
    const page = await response.text();
    expect(page).toContain("This display link is not valid any more: it was revoked, it expired");
    expect(page).not.toContain(token);
    expect(page).not.toMatch(/<script/i);
  });

  it("opens a link once: a second visit gets the same page", async () => {
    const { token } = await link();
    expect((await open(token)).status).toBe(303);
    const again = await open(token);
    expect(again.status).toBe(403);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toContain("a screen has opened it already");
  });

  it("says so in the screen's language: the picker's cookie, else the browser's", async () => {
    const { token } = await link();
    await open(token);
    const spanish = await open(token, "", { "accept-language": "es-MX,es;q=0.9" });
    const page = await spanish.text();
    expect(page).toContain('<html lang="es" dir="ltr">');
    expect(page).toContain("Este enlace de pantalla ya no es válido");
    const arabic = await open(token, "", { "accept-language": "es", cookie: "a=1; fl-locale=ar" });
    expect(await arabic.text()).toContain('<html lang="ar" dir="rtl">');
  });

  it("refuses a link past its expiry", async () => {
    const { token } = await link(new Date(Date.now() + 1_000));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const response = await open(token);
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("answers a forged or malformed link with the same page", async () => {
    for (const token of [`v1.AAAAAAAAAAAAAAAA.0.${"A".repeat(43)}`, "nonsense"]) {
      const response = await open(token);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("not valid any more");
    }
  });
});
