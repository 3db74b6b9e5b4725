import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
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

async function displayCookie(name = "Lobby") {
  const { getDisplayStore } = await import("./displays");
  const record = await getDisplayStore().create(name, null, "admin@example.com");
  return {
    record,
    cookie: `fleet-live.display=${signDisplayToken(tokenOf(record), env.authSecret)}`,
  };
}

const request = (cookie?: string) =>
  new Request("http://localhost/api/fleet/snapshot", { headers: cookie ? { cookie } : {} });

beforeEach(async () => {
  vi.resetModules();
  const holder = globalThis as Record<string, unknown>;
  for (const key of ["__fleetLiveUsers", "__fleetLiveDisplays", "__fleetLiveDisplaySeen"]) {
    delete holder[key];
  }
  delete holder.__fleetLiveRevoked;
  const dir = mkdtempSync(join(tmpdir(), "session-"));
  env.auth.usersFile = join(dir, "users.json");
  env.auth.displaysFile = join(dir, "displays.json");
  users = new UserStore(env.auth.usersFile, { hashParams: FAST });
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
    (await import("./revocations")).revokeSession("sid-ann", nowS() + 60, nowS());
    expect(await reader.stillValid()).toBe(false);
  });

  it("ends a user's open stream when the user is removed or the session's lifetime ends", async () => {
    const reader = await session.requireFleetReader(request(await userCookie()));
    await users.remove("ann@example.com");
    expect(await reader.stillValid()).toBe(false);
    await users.add({ email: "ann@example.com", role: "viewer" });
    expect(await reader.stillValid()).toBe(true);
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + 43_200_000);
    expect(await reader.stillValid()).toBe(false);
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
