import { decode, encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { UserStore } from "@/lib/auth/user-store";
import type { DatabaseHandle } from "@/lib/db/database";
import { emptyTables, installTestDatabase } from "@/e2e/support/test-database";

const IDLE_S = 60;
const MAX_AGE_S = 3600;
const env = {
  authSecret: "s".repeat(32),
  publicUrl: undefined as string | undefined,
  upstream: { mode: "fleetup" as const },
  auth: { usersFile: "", displaysFile: "", sessionMaxAgeS: MAX_AGE_S, sessionIdleS: IDLE_S },
};
vi.mock("@/lib/env", () => ({ getEnv: () => env }));

/** The cookies the route sets on its answer, as next/headers would put them in Set-Cookie. */
const written = new Map<string, { value: string; options: Record<string, unknown> }>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    getAll: () => [],
    set: (name: string, value: string, options: Record<string, unknown>) =>
      written.set(name, { value, options }),
  }),
}));

const { POST, GET } = await import("./route");

const nowS = () => Math.floor(Date.now() / 1000);

async function sessionCookie(claims: { signedInAt: number; lastSeen: number }) {
  const token = await encode({
    secret: env.authSecret,
    token: { email: "ann@example.com", sid: "sid-ann", ...claims },
  });
  return `next-auth.session-token=${token}`;
}

const report = (cookie: string, body: unknown, headers: Record<string, string> = {}) =>
  POST(
    new Request("http://127.0.0.1:3000/api/me/presence", {
      method: "POST",
      headers: { "content-type": "application/json", cookie, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

async function reissued(): Promise<Record<string, unknown>> {
  const cookie = written.get("next-auth.session-token");
  expect(cookie, "the session cookie was re-issued").toBeDefined();
  return (await decode({ token: cookie!.value, secret: env.authSecret })) as Record<
    string,
    unknown
  >;
}

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await installTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  written.clear();
  await emptyTables(handle.db);
  const created = new Date((nowS() - MAX_AGE_S) * 1000);
  const users = new UserStore(handle.db, {
    hashParams: { N: 2 ** 10, r: 8, p: 1 },
    now: () => created,
  });
  await users.add({ email: "ann@example.com", role: "viewer", password: "long-enough" });
});

describe("POST /api/me/presence", () => {
  it("a present page slides the idle window: the cookie is re-issued with lastSeen now", async () => {
    const signedInAt = nowS() - 600;
    const response = await report(await sessionCookie({ signedInAt, lastSeen: nowS() - 50 }), {
      present: true,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const times = (await response.json()) as { idleEndsInS: number; endsInS: number };
    expect(times.idleEndsInS).toBeGreaterThanOrEqual(IDLE_S - 1);
    expect(times.endsInS).toBeLessThanOrEqual(MAX_AGE_S - 600);
    const token = await reissued();
    expect(token).toMatchObject({ email: "ann@example.com", sid: "sid-ann", signedInAt });
    expect(Number(token.lastSeen)).toBeGreaterThanOrEqual(nowS() - 1);
    const { options } = written.get("next-auth.session-token")!;
    expect(options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: false });
    expect((options.expires as Date).getTime()).toBe((signedInAt + MAX_AGE_S) * 1000);
  });

  it("a hidden page's report does not slide the window; it learns how long is left", async () => {
    const cookie = await sessionCookie({ signedInAt: nowS() - 600, lastSeen: nowS() - 50 });
    const response = await report(cookie, { present: false });
    expect(response.status).toBe(200);
    const times = (await response.json()) as { idleEndsInS: number };
    expect(times.idleEndsInS).toBeLessThanOrEqual(IDLE_S - 50 + 1);
    expect(written.size).toBe(0);
  });

  it("never brings back a session that has idled out", async () => {
    const idled = await sessionCookie({ signedInAt: nowS() - 600, lastSeen: nowS() - IDLE_S });
    const response = await report(idled, { present: true });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
    expect(written.size).toBe(0);
  });

  it("never extends the absolute lifetime: a session past it is refused", async () => {
    const old = await sessionCookie({ signedInAt: nowS() - MAX_AGE_S, lastSeen: nowS() - 5 });
    expect((await report(old, { present: true })).status).toBe(401);
    expect(written.size).toBe(0);
  });

  it("refuses a signed-out session", async () => {
    const cookie = await sessionCookie({ signedInAt: nowS() - 600, lastSeen: nowS() - 5 });
    await (await import("@/lib/auth/revocations")).revokeSession("sid-ann", nowS() + 60, nowS());
    expect((await report(cookie, { present: true })).status).toBe(401);
  });

  it("takes only { present: boolean } as JSON, from this site", async () => {
    const cookie = await sessionCookie({ signedInAt: nowS() - 600, lastSeen: nowS() - 5 });
    for (const body of ["", "{", "[]", { present: "yes" }, { present: true, extra: 1 }]) {
      const response = await report(cookie, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "bad_request" } });
    }
    const crossSite = await report(cookie, { present: true }, { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    const form = await POST(
      new Request("http://127.0.0.1:3000/api/me/presence", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: "present=true",
      }),
    );
    expect(form.status).toBe(415);
    expect(written.size).toBe(0);
  });

  it("answers 405 to a GET", async () => {
    const response = await GET(new Request("http://127.0.0.1:3000/api/me/presence"));
    expect(response.status).toBe(405);
  });
});
