import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthOptions } from "next-auth";
import { UserStore } from "./user-store";

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const env = {
  authSecret: "s".repeat(32),
  publicUrl: undefined as string | undefined,
  nodeEnv: "test",
  upstream: { mode: "fleetup" as "fleetup" | "simulator" },
  auth: {
    usersFile: "",
    sessionMaxAgeS: 43_200,
    sessionIdleS: 1800,
    signIn: { maxAttemptsPerAccount: 3, maxAttemptsPerAddress: 5, windowS: 900 },
    oidc: undefined,
  },
};
vi.mock("@/lib/env", () => ({ getEnv: () => env }));
// The unknown-account path spends a full-strength hash on purpose; here it only has to answer.
vi.mock("./password", async (original) => ({
  ...(await original<typeof import("./password")>()),
  verifyAgainstNothing: async () => false,
}));

type Authorize = (
  credentials: Record<string, string>,
  request: { headers: Record<string, string> },
) => Promise<{ email: string } | null>;

let options: AuthOptions;
let authorize: Authorize;
const from = (address: string) => ({ headers: { "x-forwarded-for": address } });

beforeEach(async () => {
  // Fresh module state and fresh in-memory limiters and user store for every test.
  vi.resetModules();
  const holder = globalThis as Record<string, unknown>;
  delete holder.__fleetLiveLimiters;
  delete holder.__fleetLiveUsers;
  delete holder.__fleetLiveRevoked;
  env.auth.usersFile = join(mkdtempSync(join(tmpdir(), "auth-")), "users.json");
  const store = new UserStore(env.auth.usersFile, { hashParams: FAST });
  await store.add({ email: "ann@example.com", role: "dispatcher", password: "right-password" });
  await store.add({ email: "admin@demo.local", role: "admin", password: "fleet-demo", demo: true });
  options = (await import("./options")).getAuthOptions();
  const provider = options.providers[0] as unknown as { options: { authorize: Authorize } };
  authorize = provider.options.authorize;
});

describe("sign-in with email and password", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    expect(
      await authorize({ email: " Ann@Example.com", password: "right-password" }, from("1.1.1.1")),
    ).toMatchObject({ email: "ann@example.com" });
  });

  it("answers a wrong password and an unknown account the same way", async () => {
    expect(await authorize({ email: "ann@example.com", password: "wrong" }, from("1.1.1.1"))).toBe(
      null,
    );
    expect(
      await authorize({ email: "nobody@example.com", password: "wrong" }, from("1.1.1.1")),
    ).toBe(null);
  });

  it("refuses every demo account when real FleetUp credentials are configured", async () => {
    expect(
      await authorize({ email: "admin@demo.local", password: "fleet-demo" }, from("1.1.1.1")),
    ).toBe(null);
  });

  it("throttles an account after its failures, even for the right password", async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await authorize({ email: "ann@example.com", password: "wrong" }, from(`10.0.0.${attempt}`));
    }
    await expect(
      authorize({ email: "ann@example.com", password: "right-password" }, from("10.0.0.9")),
    ).rejects.toThrow("Too many sign-in attempts. Try again in 15 minutes.");
  });

  it("throttles an address that tries many accounts", async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await authorize({ email: `guess${attempt}@example.com`, password: "x" }, from("6.6.6.6"));
    }
    await expect(
      authorize({ email: "ann@example.com", password: "right-password" }, from("6.6.6.6")),
    ).rejects.toThrow(/^Too many sign-in attempts/);
    expect(
      await authorize({ email: "ann@example.com", password: "right-password" }, from("7.7.7.7")),
    ).not.toBe(null);
  });

  it("forgets an account's failures once it signs in", async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await authorize({ email: "ann@example.com", password: "wrong" }, from("1.1.1.1"));
    }
    await authorize({ email: "ann@example.com", password: "right-password" }, from("1.1.1.1"));
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await authorize({ email: "ann@example.com", password: "wrong" }, from("1.1.1.1"));
    }
    expect(
      await authorize({ email: "ann@example.com", password: "right-password" }, from("1.1.1.1")),
    ).not.toBe(null);
  });
});

describe("session tokens", () => {
  type Jwt = (params: {
    token: Record<string, unknown>;
    user?: { email: string };
  }) => Promise<Record<string, unknown>>;
  const jwt = () => options.callbacks!.jwt as unknown as Jwt;

  it("starts a session with its own id and the sign-in time", async () => {
    const token = await jwt()({ token: {}, user: { email: "Ann@example.com" } });
    expect(token).toMatchObject({ email: "ann@example.com", sid: expect.any(String) });
    expect(token.lastSeen).toBe(token.signedInAt);
  });

  it("ends a session idle for longer than the idle timeout", async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = {
      email: "ann@example.com",
      sid: "s1",
      signedInAt: now - 3600,
      lastSeen: now - 1801,
    };
    await expect(jwt()({ token: stale })).rejects.toThrow("idle");
  });

  it("ends a signed-out session even if a copy of its token comes back", async () => {
    const token = await jwt()({ token: {}, user: { email: "ann@example.com" } });
    await options.events!.signOut!({ token: token as never, session: undefined as never });
    await expect(jwt()({ token })).rejects.toThrow("signed out");
  });
});
