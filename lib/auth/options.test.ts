import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthOptions } from "next-auth";
import type { DatabaseHandle } from "@/lib/db/database";
import { emptyTables, installTestDatabase } from "@/e2e/support/test-database";
import { PEER_HEADER } from "@/lib/http/client-address";
import { deviceCookieName } from "./cookie-names";
import { newDeviceCookie } from "./device-cookie";
import { UserStore } from "./user-store";

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const env = {
  authSecret: "s".repeat(32),
  publicUrl: undefined as string | undefined,
  nodeEnv: "test",
  trustProxyHops: 0,
  redisUrl: undefined,
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
/** How many passwords were checked: what a throttle must keep down. */
const checked = vi.hoisted(() => ({ count: 0 }));
vi.mock("./password", async (original) => {
  const real = await original<typeof import("./password")>();
  return {
    ...real,
    verifyPassword: async (password: string, stored: string) => {
      checked.count += 1;
      return real.verifyPassword(password, stored);
    },
    // The unknown-account path spends a full-strength hash on purpose; here it only has to answer.
    verifyAgainstNothing: async () => {
      checked.count += 1;
      return false;
    },
  };
});

type Authorize = (
  credentials: Record<string, string>,
  request: { headers: Record<string, string> },
) => Promise<{ email: string } | null>;

let options: AuthOptions;
let authorize: Authorize;
let handle: DatabaseHandle;
let store: UserStore;
/** A request whose TCP peer is `address` (the header the server records, lib/http/peer-address.ts). */
const from = (address: string, headers: Record<string, string> = {}) => ({
  headers: { [PEER_HEADER]: address, ...headers },
});

beforeAll(async () => {
  handle = await installTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  // Fresh module state, fresh in-memory limiters and fresh users for every test.
  vi.resetModules();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("fleet-live.sign-in-throttle")];
  checked.count = 0;
  await emptyTables(handle.db);
  store = new UserStore(handle.db, { hashParams: FAST });
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

  it("throttles an account after its free attempts, even for the right password", async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await authorize({ email: "ann@example.com", password: "wrong" }, from(`10.0.0.${attempt}`));
    }
    await expect(
      authorize({ email: "ann@example.com", password: "right-password" }, from("10.0.0.9")),
    ).rejects.toThrow(/^Throttled-30$/);
  });

  it("checks at most the limit of a parallel burst of 40 wrong passwords for one account", async () => {
    const burst = await Promise.allSettled(
      Array.from({ length: 40 }, (_, index) =>
        authorize(
          { email: "ann@example.com", password: `guess-${index}` },
          from(`10.1.0.${index}`),
        ),
      ),
    );
    expect(checked.count).toBeGreaterThan(0);
    expect(checked.count).toBeLessThanOrEqual(env.auth.signIn.maxAttemptsPerAccount);
    const refused = burst.filter((result) => result.status === "rejected");
    expect(refused.length).toBe(40 - checked.count);
    for (const result of refused) {
      expect(String((result as PromiseRejectedResult).reason)).toMatch(/Busy|Throttled-\d+/);
    }
  });

  it("throttles an address that tries many accounts", async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await authorize({ email: `guess${attempt}@example.com`, password: "x" }, from("6.6.6.6"));
    }
    await expect(
      authorize({ email: "ann@example.com", password: "right-password" }, from("6.6.6.6")),
    ).rejects.toThrow(/^Throttled-/);
    expect(
      await authorize({ email: "ann@example.com", password: "right-password" }, from("7.7.7.7")),
    ).not.toBe(null);
  });

  it("does not let a forged X-Forwarded-For reset the per-address limit", async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await authorize(
        { email: `guess${attempt}@example.com`, password: "x" },
        from("6.6.6.6", { "x-forwarded-for": `203.0.113.${attempt}` }),
      );
    }
    await expect(
      authorize(
        { email: "guess9@example.com", password: "x" },
        from("6.6.6.6", { "x-forwarded-for": "198.51.100.77" }),
      ),
    ).rejects.toThrow(/^Throttled-/);
  });

  it("keeps counting an address after it signs in to an account of its own", async () => {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await authorize({ email: `guess${attempt}@example.com`, password: "x" }, from("6.6.6.6"));
    }
    await authorize({ email: "ann@example.com", password: "right-password" }, from("6.6.6.6"));
    await authorize({ email: "guess4@example.com", password: "x" }, from("6.6.6.6"));
    await expect(
      authorize({ email: "guess5@example.com", password: "x" }, from("6.6.6.6")),
    ).rejects.toThrow(/^Throttled-/);
  });

  it("lets a browser that signed in to the account before through while others are throttled", async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await authorize({ email: "ann@example.com", password: "wrong" }, from(`10.0.0.${attempt}`));
    }
    const own = newDeviceCookie(env.authSecret, "ann@example.com");
    const cookie = (value: string) => ({ cookie: `${deviceCookieName(false)}=${value}` });
    expect(
      await authorize(
        { email: "ann@example.com", password: "right-password" },
        from("10.0.0.8", cookie(own)),
      ),
    ).toMatchObject({ email: "ann@example.com" });
    // A device cookie earned on another account is worth nothing here.
    const other = newDeviceCookie(env.authSecret, "mallory@example.com");
    await expect(
      authorize(
        { email: "ann@example.com", password: "right-password" },
        from("10.0.0.8", cookie(other)),
      ),
    ).rejects.toThrow(/^Throttled-/);
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

describe("single sign-on", () => {
  type SignIn = (params: {
    user: { email?: string };
    account: { provider: string };
    profile?: Record<string, unknown>;
  }) => Promise<boolean>;
  const signIn = () => options.callbacks!.signIn as unknown as SignIn;
  const oidc = (profile: Record<string, unknown>) =>
    signIn()({ user: { email: "ann@example.com" }, account: { provider: "oidc" }, profile });

  it("lets in a known user whose address the issuer verified", async () => {
    expect(await oidc({ email_verified: true })).toBe(true);
  });

  it("refuses an address the issuer has not verified, or does not say it has", async () => {
    expect(await oidc({ email_verified: false })).toBe(false);
    expect(await oidc({})).toBe(false);
    expect(await oidc({ email_verified: "true" })).toBe(false);
  });

  it("refuses a verified address that is not a user", async () => {
    expect(
      await signIn()({
        user: { email: "stranger@example.com" },
        account: { provider: "oidc" },
        profile: { email_verified: true },
      }),
    ).toBe(false);
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

  it("starts a session signed in right after a password change no earlier than the change", async () => {
    const changed = await store.setPassword("ann@example.com", "newer-password");
    const user = await authorize(
      { email: "ann@example.com", password: "newer-password" },
      from("1.1.1.1"),
    );
    const token = await jwt()({ token: {}, user: user! });
    const changedS = Date.parse(changed.sessionsValidAfter!) / 1000;
    expect(token.signedInAt).toBeGreaterThanOrEqual(changedS);
    const session = options.callbacks!.session as unknown as (params: {
      session: { expires: string };
      token: Record<string, unknown>;
    }) => Promise<{ user: { email: string } }>;
    expect((await session({ session: { expires: "" }, token })).user.email).toBe("ann@example.com");
  });

  it("ends a session at its next read once the user's password changes", async () => {
    const token = await jwt()({ token: {}, user: { email: "ann@example.com" } });
    const older = { ...token, signedInAt: (token.signedInAt as number) - 60 };
    await store.setPassword("ann@example.com", "newer-password");
    const session = options.callbacks!.session as unknown as (params: {
      session: { expires: string };
      token: Record<string, unknown>;
    }) => Promise<unknown>;
    await expect(session({ session: { expires: "" }, token: older })).rejects.toThrow(
      /signed out everywhere/,
    );
  });
});
