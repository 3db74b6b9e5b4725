import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/database";
import { deploymentQueries } from "@/lib/db/deployment";
import { emptyTables, installTestDatabase } from "@/e2e/support/test-database";
import type { DisplayRecord } from "@/lib/fleet/access";
import { signDisplayToken, tokenOf, verifyDisplayToken } from "./display-links";

const env = {
  authSecret: "s".repeat(32),
  publicUrl: undefined as string | undefined,
  upstream: { mode: "simulator" as "simulator" | "fleetup" },
  auth: { displaysFile: "", usersFile: "" },
};
vi.mock("@/lib/env", () => ({ getEnv: () => env }));

/** The cookies a route handler's answer would set (Next.js's cookie store, outside a request). */
const answer = vi.hoisted(() => ({
  cookies: new Map<string, { value: string; maxAge?: number }>(),
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    set: (name: string, value: string, options: { maxAge?: number }) =>
      answer.cookies.set(name, { value, maxAge: options.maxAge }),
  }),
}));

type Displays = typeof import("./displays");
let displays: Displays;
let handle: DatabaseHandle;

const COOKIE = "fleet-live.display";
const linkOf = (record: DisplayRecord) => signDisplayToken(tokenOf(record), env.authSecret);
const jar = (value: string, name = COOKIE) => new Map([[name, value]]);
const inRoute = (now?: Date) => ({ canSetCookie: true, now });
const inPage = (now?: Date) => ({ canSetCookie: false, now });
const HOUR = 3_600_000;

beforeAll(async () => {
  handle = await installTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  vi.resetModules();
  delete (globalThis as Record<string, unknown>).__fleetLiveDisplaySeen;
  await emptyTables(handle.db);
  env.publicUrl = undefined;
  env.upstream.mode = "simulator";
  answer.cookies.clear();
  displays = await import("./displays");
});

const create = async (name = "Lobby", expiresAt: Date | null = null) =>
  (await displays.getDisplayStore()).create(name, expiresAt, "admin@example.com");

async function openedSession(record: DisplayRecord, now = new Date()) {
  const opened = await displays.openDisplayLink(linkOf(record), now);
  if (!opened) throw new Error("the link did not open");
  return opened.session;
}

describe("opening a display link", () => {
  it("exchanges the link for an opaque session that is not the link", async () => {
    const record = await create();
    const opened = await displays.openDisplayLink(linkOf(record));
    expect(opened?.session).toMatch(/^ds1\.[A-Za-z0-9_-]{43}$/);
    expect(opened?.session).not.toContain(record.id);
    expect(await displays.displayFromJar(jar(opened!.session), inPage())).toEqual({
      id: record.id,
      name: "Lobby",
    });
  });

  it("opens a link once: the address in a history or a proxy log is not a session", async () => {
    const record = await create();
    await openedSession(record);
    expect(await displays.openDisplayLink(linkOf(record))).toBeNull();
    // Nor is the link itself good as a cookie once opened.
    expect(await displays.displayFromJar(jar(linkOf(record)), inRoute())).toBeNull();
  });

  it("refuses a link past its expiry, and its session with it", async () => {
    const record = await create("Dock", new Date(Date.now() + 60_000));
    const later = new Date(Date.now() + 61_000);
    expect(await displays.openDisplayLink(linkOf(record), later)).toBeNull();
    const session = await openedSession(record);
    expect(await displays.displayFromJar(jar(session), inPage(later))).toBeNull();
  });

  it("keeps the cookie no longer than the link", async () => {
    const now = new Date();
    const record = await create("Dock", new Date(now.getTime() + 2 * HOUR));
    const opened = await displays.openDisplayLink(linkOf(record), now);
    // Whole seconds, as the link's token carries its expiry.
    expect(opened?.maxAgeS).toBeGreaterThan(7190);
    expect(opened?.maxAgeS).toBeLessThanOrEqual(7200);
  });

  it("refuses a well-signed token for a record that does not exist, or with another expiry", async () => {
    const record = await create();
    expect(
      await displays.openDisplayLink(linkOf({ ...record, id: "AAAAAAAAAAAAAAAA" })),
    ).toBeNull();
    const other = { ...record, expiresAt: new Date(Date.now() + HOUR).toISOString() };
    expect(await displays.openDisplayLink(linkOf(other))).toBeNull();
  });

  it("turns a screen's cookie from before display sessions (the link itself) into a session", async () => {
    const record = await create();
    // A page render cannot set the new cookie: it waits for the screen's next API request.
    expect(await displays.displayFromJar(jar(linkOf(record)), inPage())).toBeNull();
    expect(await displays.displayFromJar(jar(linkOf(record)), inRoute())).toMatchObject({
      id: record.id,
    });
    const session = answer.cookies.get(COOKIE)?.value ?? "";
    expect(session).toMatch(/^ds1\./);
    expect(await displays.displayFromJar(jar(session), inPage())).toMatchObject({ id: record.id });
  });

  it("never opens a demo link beside FleetUp", async () => {
    await deploymentQueries(handle.db).record("simulator", new Date());
    const record = await create();
    expect(record.demo).toBe(true);
    const session = await openedSession(record);
    env.upstream.mode = "fleetup";
    expect(await displays.displayFromJar(jar(session), inRoute())).toBeNull();
    const later = await create("Later");
    expect(await displays.openDisplayLink(linkOf(later))).toBeNull();
  });
});

describe("a display session", () => {
  it("finds no display without the cookie, or with a cookie of the wrong scheme", async () => {
    const session = await openedSession(await create());
    expect(await displays.displayFromJar(new Map(), inPage())).toBeNull();
    env.publicUrl = "https://fleet.example.com";
    expect(await displays.displayFromJar(jar(session), inPage())).toBeNull();
    expect(
      await displays.displayFromJar(jar(session, "__Secure-fleet-live.display"), inPage()),
    ).toEqual(expect.objectContaining({ name: "Lobby" }));
  });

  it("ends when its link is revoked, also by another instance", async () => {
    const first = await create();
    const session = await openedSession(first);
    await displays.revokeDisplay(first.id);
    expect(await displays.displayFromJar(jar(session), inPage())).toBeNull();
    expect(await displays.displayStillValid(first.id)).toBe(false);

    const second = await create();
    const other = await openedSession(second);
    const { DisplayStore } = await import("./display-links");
    await new DisplayStore(handle.db).revoke(second.id);
    expect(await displays.displayFromJar(jar(other), inPage())).toBeNull();
  });

  it("rotates its token after an hour, and the old one stops once the new one is back", async () => {
    const record = await create();
    const start = new Date();
    const first = await openedSession(record, start);
    // Within the hour: no new token.
    await displays.displayFromJar(jar(first), inRoute(new Date(start.getTime() + HOUR - 1000)));
    expect(answer.cookies.size).toBe(0);

    const rotatedAt = new Date(start.getTime() + HOUR);
    expect(await displays.displayFromJar(jar(first), inRoute(rotatedAt))).toMatchObject({
      id: record.id,
    });
    const second = answer.cookies.get(COOKIE)!.value;
    expect(second).not.toBe(first);
    // A request already on its way with the old token still counts.
    const soon = new Date(rotatedAt.getTime() + 5_000);
    expect(await displays.displayFromJar(jar(first), inPage(soon))).not.toBeNull();
    // The browser comes back with the new one: a minute on, the old one is refused.
    expect(await displays.displayFromJar(jar(second), inPage(soon))).not.toBeNull();
    const minuteOn = new Date(rotatedAt.getTime() + 61_000);
    expect(await displays.displayFromJar(jar(first), inPage(minuteOn))).toBeNull();
    expect(await displays.displayFromJar(jar(second), inPage(minuteOn))).not.toBeNull();
  });

  it("gives a browser that lost the new token another, and keeps its old one working", async () => {
    const record = await create();
    const start = new Date();
    const first = await openedSession(record, start);
    const rotatedAt = new Date(start.getTime() + HOUR);
    await displays.displayFromJar(jar(first), inRoute(rotatedAt));
    const lost = answer.cookies.get(COOKIE)!.value;
    answer.cookies.clear();
    // The answer with `lost` never arrived: the browser still sends the first token.
    const later = new Date(rotatedAt.getTime() + 120_000);
    expect(await displays.displayFromJar(jar(first), inRoute(later))).not.toBeNull();
    const resent = answer.cookies.get(COOKIE)!.value;
    expect(resent).not.toBe(lost);
    expect(await displays.displayFromJar(jar(resent), inPage(later))).not.toBeNull();
    expect(await displays.displayFromJar(jar(lost), inPage(later))).toBeNull();
  });

  it("records a visit as last seen, at most once a minute, without the request waiting", async () => {
    const record = await create();
    const session = await openedSession(record, new Date("2027-01-01T11:59:00Z"));
    const seen = async () => (await (await displays.getDisplayStore()).find(record.id))?.lastSeenAt;
    const { DisplayStore } = await import("./display-links");
    const writes = vi.spyOn(DisplayStore.prototype, "markSeen");
    const at = (iso: string) => displays.displayFromJar(jar(session), inPage(new Date(iso)));
    await at("2027-01-01T12:00:00Z");
    await expect.poll(seen).toBe("2027-01-01T12:00:00.000Z");
    await at("2027-01-01T12:00:59Z");
    await at("2027-01-01T12:01:00Z");
    await expect.poll(seen).toBe("2027-01-01T12:01:00.000Z");
    expect(writes).toHaveBeenCalledTimes(2);
  });
});

describe("revoking a display link", () => {
  it("marks the record, which every instance reads, and answers it", async () => {
    const record = await create("Dock", new Date(Date.now() + 7 * 86_400_000));
    const revoked = await displays.revokeDisplay(record.id);
    expect(revoked?.revokedAt).not.toBeNull();
    expect(await displays.openDisplayLink(linkOf(record))).toBeNull();
  });

  it("answers undefined for an unknown id", async () => {
    expect(await displays.revokeDisplay("no-such-display")).toBeUndefined();
  });
});

describe("display links for the admin", () => {
  it("builds the link on the public address when set, else on the request's origin", async () => {
    const record = await create();
    const link = displays.displayLink(record, "http://127.0.0.1:3000");
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/display\/v1\./);
    const token = link.split("/display/")[1]!;
    expect(verifyDisplayToken(token, env.authSecret, 0)).toEqual(tokenOf(record));
    env.publicUrl = "https://fleet.example.com";
    expect(displays.displayLink(record, "http://127.0.0.1:3000")).toMatch(
      /^https:\/\/fleet\.example\.com\/display\/v1\./,
    );
  });

  it("takes the request's origin from the address the browser used", () => {
    const at = (headers: Record<string, string>) =>
      displays.requestOrigin(new Request("http://localhost:3000/api/admin/displays", { headers }));
    expect(at({})).toBe("http://localhost:3000");
    expect(at({ host: "127.0.0.1:3457" })).toBe("http://127.0.0.1:3457");
    expect(
      at({
        host: "10.0.0.5:3000",
        "x-forwarded-host": "fleet.example.com",
        "x-forwarded-proto": "https",
      }),
    ).toBe("https://fleet.example.com");
    expect(at({ host: "evil.example/path?" })).toBe("http://localhost:3000");
  });

  it("shows each link's state, and the link only until it is revoked or opened", async () => {
    const record = await create();
    expect(displays.displayView(record, "http://x.test")).toMatchObject({
      state: "active",
      link: expect.stringContaining("/display/"),
    });
    await openedSession(record);
    const opened = (await (await displays.getDisplayStore()).find(record.id))!;
    expect(opened.openedAt).not.toBeNull();
    expect(displays.displayView(opened, "http://x.test")).not.toHaveProperty("link");
    const revoked = (await displays.revokeDisplay((await create("Other")).id))!;
    const view = displays.displayView(revoked, "http://x.test");
    expect(view.state).toBe("revoked");
    expect(view).not.toHaveProperty("link");
  });
});
