import "server-only";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "./clock";
import {
  computeExpiry,
  decodeJwtExp,
  MemoryTokenStore,
  TokenManager,
  type FetchedToken,
} from "./token";

/** vitest's fake time: Date.now and setTimeout move only when a test advances them. */
const clock = {
  ...systemClock,
  advance: async (ms: number) => void (await vi.advanceTimersByTimeAsync(ms)),
};
beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) }));
afterEach(() => vi.useRealTimers());

function jwt(payload: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ typ: "JWT", alg: "HS256" })}.${encode(payload)}.c2lnbmF0dXJl`;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(issue: (n: number, now: number) => FetchedToken) {
  const store = new MemoryTokenStore();
  let calls = 0;
  const manager = new TokenManager({
    kind: "jwt",
    clock,
    store,
    fetchToken: async () => {
      calls += 1;
      return issue(calls, clock.now());
    },
  });
  return { clock, store, manager, calls: () => calls };
}

describe("computeExpiry", () => {
  const now = Date.UTC(2026, 0, 1);

  it("takes the expiry from the JWT exp claim", () => {
    const token = jwt({ exp: now / 1000 + 1800 });
    expect(decodeJwtExp(token)).toBe(now / 1000 + 1800);
    expect(computeExpiry(token, undefined, now)).toEqual({
      expiresAt: now + 1_800_000,
      refreshAt: now + 1_800_000 - 60_000,
      expirySource: "jwt_exp",
    });
  });

  it("takes the expiry from a legacy expireTime in Unix seconds", () => {
    const result = computeExpiry("a1b2c3d4", now / 1000 + 3600, now);
    expect(result.expiresAt).toBe(now + 3_600_000);
    expect(result.expirySource).toBe("expire_time");
  });

  it("accepts a legacy expireTime sent as text or in milliseconds", () => {
    expect(computeExpiry("t", String(now / 1000 + 600), now).expiresAt).toBe(now + 600_000);
    expect(computeExpiry("t", now + 600_000, now).expiresAt).toBe(now + 600_000);
  });

  it("defaults to 3600 s when neither exp nor expireTime is given", () => {
    expect(computeExpiry("opaque-token", undefined, now)).toMatchObject({
      expiresAt: now + 3_600_000,
      expirySource: "default",
    });
  });

  it("ignores an expiry already in the past instead of refreshing on every call", () => {
    const token = jwt({ exp: now / 1000 - 10 });
    expect(computeExpiry(token, undefined, now).expirySource).toBe("default");
  });

  it("refreshes a short-lived token a tenth of its life before expiry", () => {
    const result = computeExpiry(jwt({ exp: now / 1000 + 10 }), undefined, now);
    expect(result.refreshAt).toBe(now + 9_000);
  });
});

describe("TokenManager", () => {
  it("makes one token request for 200 concurrent cold callers", async () => {
    const gate = deferred<void>();
    let calls = 0;
    const manager = new TokenManager({
      kind: "jwt",
      clock,
      fetchToken: async () => {
        calls += 1;
        await gate.promise;
        return { token: "tok-1" };
      },
    });
    const all = Promise.all(Array.from({ length: 200 }, () => manager.get()));
    gate.resolve();
    expect(new Set(await all)).toEqual(new Set(["tok-1"]));
    expect(calls).toBe(1);
  });

  it("keeps the token until shortly before it expires, then refreshes once", async () => {
    const { clock, manager, calls } = setup((n, now) => ({
      token: jwt({ n, exp: now / 1000 + 3600 }),
    }));
    const first = await manager.get();
    await clock.advance(3_539_000);
    expect(await manager.get()).toBe(first);
    await clock.advance(1_000);
    const second = await manager.get();
    expect(second).not.toBe(first);
    expect(calls()).toBe(2);
  });

  it("replaces a rejected token once however many callers saw the 401", async () => {
    const { manager, calls } = setup((n) => ({ token: `tok-${n}` }));
    const rejected = await manager.get();
    const replacements = await Promise.all(
      Array.from({ length: 50 }, () => manager.replaceRejected(rejected)),
    );
    expect(new Set(replacements)).toEqual(new Set(["tok-2"]));
    expect(calls()).toBe(2);
    // A late caller with the same stale token gets the new one without another request.
    expect(await manager.replaceRejected(rejected)).toBe("tok-2");
    expect(calls()).toBe(2);
  });

  it("uses a token another instance put in the shared store", async () => {
    const { store, manager, calls, clock } = setup(() => ({ token: "mine" }));
    await store.set({
      value: "shared",
      kind: "jwt",
      obtainedAt: clock.now(),
      expiresAt: clock.now() + 3_600_000,
      refreshAt: clock.now() + 3_540_000,
      expirySource: "default",
    });
    expect(await manager.get()).toBe("shared");
    expect(calls()).toBe(0);
  });

  it("lets the next caller retry after a failed refresh", async () => {
    let fail = true;
    const manager = new TokenManager({
      kind: "legacy",
      fetchToken: async () => {
        if (fail) throw new Error("down");
        return { token: "ok-token" };
      },
    });
    await expect(manager.get()).rejects.toThrow("down");
    fail = false;
    expect(await manager.get()).toBe("ok-token");
  });
});

describe("a token store shared by several instances", () => {
  /** A store two instances share, with a refresh claim like Redis's SET NX. */
  class SharedStore extends MemoryTokenStore {
    claimed = false;
    async claimRefresh() {
      if (this.claimed) return undefined;
      this.claimed = true;
      return async () => {
        this.claimed = false;
      };
    }
  }

  it("makes one instance fetch the token while the other waits for it", async () => {
    const store = new SharedStore();
    const issued = deferred<FetchedToken>();
    let calls = 0;
    const instance = () =>
      new TokenManager({
        kind: "jwt",
        clock,
        store,
        fetchToken: () => {
          calls += 1;
          return issued.promise;
        },
      });
    const [first, second] = [instance(), instance()];
    const tokens = Promise.all([first.get(), second.get()]);
    await clock.advance(0);
    issued.resolve({ token: jwt({ exp: clock.now() / 1000 + 3600 }) });
    await clock.advance(1_000);
    const [a, b] = await tokens;
    expect(calls).toBe(1);
    expect(a).toBe(b);
  });
});
