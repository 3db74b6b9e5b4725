import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/database";
import { emptyTables, installTestDatabase } from "@/e2e/support/test-database";
import { signDisplayToken, tokenOf } from "./display-links";
import { UserStore } from "./user-store";

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const env = {
  authSecret: "s".repeat(32),
  publicUrl: undefined as string | undefined,
  upstream: { mode: "fleetup" as const },
  auth: { usersFile: "", displaysFile: "", sessionMaxAgeS: 43_200, sessionIdleS: 1800 },
};

vi.mock("@/lib/env", () => ({ getEnv: () => env }));

const pageCookies = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    getAll: () => [...pageCookies].map(([name, value]) => ({ name, value })),
    set: () => {},
  }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
  notFound: () => {
    throw new Error("not found");
  },
}));

type Session = typeof import("./session");
let session: Session;
let users: UserStore;

const nowS = () => Math.floor(Date.now() / 1000);

async function userCookie(claims: { sid?: string; signedInAt?: number; lastSeen?: number } = {}) {
  const token = await encode({
    secret: env.authSecret,
    token: {
      email: "ann@example.com",
      sid: claims.sid ?? "sid-ann",
      signedInAt: claims.signedInAt ?? nowS(),
      lastSeen: claims.lastSeen ?? nowS(),
    },
  });
  return `next-auth.session-token=${token}`;
}

/** A wall screen that opened its display link: the cookie holds the session it got. */
async function displayCookie(name = "Lobby") {
  const { getDisplayStore, openDisplayLink } = await import("./displays");
  const record = await (await getDisplayStore()).create(name, null, "admin@example.com");
  const opened = await openDisplayLink(signDisplayToken(tokenOf(record), env.authSecret));
  return { record, cookie: `fleet-live.display=${opened!.session}` };
}

const cookieParts = (cookie: string) => cookie.split("=") as [string, string];

const request = (cookie?: string) =>
  new Request("http://localhost/api/fleet/snapshot", { headers: cookie ? { cookie } : {} });

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await installTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  vi.resetModules();
  delete (globalThis as Record<string, unknown>).__fleetLiveDisplaySeen;
  await emptyTables(handle.db);
  // Ann's account is older than her sessions, as it would be.
  const created = new Date((nowS() - 3600) * 1000);
  users = new UserStore(handle.db, { hashParams: FAST, now: () => created });
  await users.add({ email: "ann@example.com", role: "viewer", password: "long-enough" });
  pageCookies.clear();
  session = await import("./session");
});

describe("fleet readers: a signed-in user or a display", () => {
  it("lets a signed-in user of any role read the fleet", async () => {
    const reader = await session.requireFleetReader(request(await userCookie()));
    expect(reader).toMatchObject({ kind: "user", user: { email: "ann@example.com" } });
  });

  it("lets a valid display link's session read the fleet", async () => {
    const { record, cookie } = await displayCookie();
    const reader = await session.requireFleetReader(request(cookie));
    expect(reader).toMatchObject({ kind: "display", display: { id: record.id, name: "Lobby" } });
  });

  it("answers 401 without either, and for a forged display cookie", async () => {
    await expect(session.requireFleetReader(request())).rejects.toMatchObject({
      code: "unauthorized",
      message: "Sign in to use this.",
    });
    const forged = `fleet-live.display=v1.AAAAAAAAAAAAAAAA.0.${"A".repeat(43)}`;
    await expect(session.requireFleetReader(request(forged))).rejects.toMatchObject({
      code: "unauthorized",
    });
  });

  it("keeps a display session out of every user-only check", async () => {
    const { cookie } = await displayCookie();
    await expect(session.requireApiSession(request(cookie))).rejects.toMatchObject({
      code: "unauthorized",
    });
  });

  it("ends an open display stream once its link is revoked", async () => {
    const { record, cookie } = await displayCookie();
    const reader = await session.requireFleetReader(request(cookie));
    expect(await reader.stillValid()).toBe(true);
    await (await import("./displays")).revokeDisplay(record.id);
    expect(await reader.stillValid()).toBe(false);
  });

  it("keeps a user's open stream past the idle timeout, not past sign-out", async () => {
    const reader = await session.requireFleetReader(request(await userCookie()));
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + 3600_000);
    expect(await reader.stillValid()).toBe(true);
    await (await import("./revocations")).revokeSession("sid-ann", nowS() + 60, nowS());
    expect(await reader.stillValid()).toBe(false);
  });

  it("ends a user's open stream when the user is removed or the session's lifetime ends", async () => {
    const reader = await session.requireFleetReader(request(await userCookie()));
    expect(await reader.stillValid()).toBe(true);
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + 43_200_000);
    expect(await reader.stillValid()).toBe(false);
    vi.restoreAllMocks();
    await users.remove("ann@example.com");
    expect(await reader.stillValid()).toBe(false);
  });

  it("does not let a session of a removed account back in when the address is added again", async () => {
    const cookie = await userCookie();
    await users.remove("ann@example.com");
    await new UserStore(handle.db, { hashParams: FAST }).add({
      email: "ann@example.com",
      role: "admin",
    });
    await expect(session.requireApiSession(request(cookie))).rejects.toMatchObject({
      code: "unauthorized",
    });
  });
});

describe("changes that end every session of a user", () => {
  it.each([
    ["a new password", (store: UserStore) => store.setPassword("ann@example.com", "new-password")],
    ["a new role", (store: UserStore) => store.setRole("ann@example.com", "dispatcher")],
    ["sign out everywhere", (store: UserStore) => store.endSessions("ann@example.com")],
    ["removing the user", (store: UserStore) => store.remove("ann@example.com")],
  ])("%s ends an open session and its stream", async (_, apply) => {
    const signedInAt = nowS() - 120;
    const cookie = await userCookie({ signedInAt, lastSeen: nowS() - 5 });
    const reader = await session.requireFleetReader(request(cookie));
    expect(await session.sessionUserFrom(new Map([cookieParts(cookie)]))).not.toBeNull();
    await apply(new UserStore(handle.db, { hashParams: FAST }));
    expect(await session.sessionUserFrom(new Map([cookieParts(cookie)]))).toBeNull();
    expect(await reader.stillValid()).toBe(false);
  });

  it("keeps a session that began after the change", async () => {
    await new UserStore(handle.db, { hashParams: FAST }).endSessions("ann@example.com");
    const later = await userCookie({ signedInAt: nowS() + 1, lastSeen: nowS() + 1 });
    expect(await session.sessionUserFrom(new Map([cookieParts(later)]))).toMatchObject({
      email: "ann@example.com",
    });
  });
});

describe("the wall page's viewer", () => {
  it("is the signed-in user, else the display, else a trip to the sign-in page", async () => {
    await expect(session.getWallViewer()).rejects.toThrow("redirect /sign-in?callbackUrl=%2Fwall");
    const { cookie } = await displayCookie("Dock");
    const [name, value] = cookie.split("=") as [string, string];
    pageCookies.set(name, value);
    expect(await session.getWallViewer()).toMatchObject({
      kind: "display",
      display: { name: "Dock" },
    });
    const [userName, userValue] = (await userCookie()).split("=") as [string, string];
    pageCookies.set(userName, userValue);
    expect(await session.getWallViewer()).toMatchObject({ kind: "user" });
  });
});
