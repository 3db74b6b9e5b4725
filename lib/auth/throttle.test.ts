import { describe, expect, it } from "vitest";
import {
  delayAfter,
  MemoryThrottleStore,
  SignInThrottle,
  throttlePolicy,
  type ThrottlePolicy,
} from "./throttle";

const POLICY: ThrottlePolicy = {
  free: 3,
  windowMs: 900_000,
  firstDelayMs: 30_000,
  maxDelayMs: 120_000,
};

function storeAt() {
  const clock = { now: 1_000_000 };
  return { clock, store: new MemoryThrottleStore(() => clock.now) };
}

describe("progressive delay", () => {
  it("is free for the first attempts, then doubles up to its ceiling", () => {
    expect([0, 1, 2].map((n) => delayAfter(n, POLICY))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6, 9].map((n) => delayAfter(n, POLICY))).toEqual([
      30_000, 60_000, 120_000, 120_000, 120_000,
    ]);
  });

  it("never waits longer than the window, so nothing is a lock", () => {
    const short = throttlePolicy(5, 20);
    expect(short).toMatchObject({ firstDelayMs: 20_000, maxDelayMs: 20_000 });
    const usual = throttlePolicy(5, 900);
    expect(usual).toMatchObject({ free: 5, firstDelayMs: 30_000, maxDelayMs: 900_000 });
  });
});

describe("MemoryThrottleStore", () => {
  it("counts before the check: the attempt after the free ones waits the first delay", async () => {
    const { store } = storeAt();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await store.take("k", POLICY)).toEqual({ ok: true });
    }
    expect(await store.take("k", POLICY)).toEqual({ ok: false, retryAfterMs: 30_000 });
  });

  it("lets the next attempt through once its delay has passed, and then waits longer", async () => {
    const { clock, store } = storeAt();
    for (let attempt = 0; attempt < 3; attempt += 1) await store.take("k", POLICY);
    clock.now += 30_000;
    expect(await store.take("k", POLICY)).toEqual({ ok: true });
    expect(await store.take("k", POLICY)).toEqual({ ok: false, retryAfterMs: 60_000 });
  });

  it("forgets a key a window after its last attempt", async () => {
    const { clock, store } = storeAt();
    for (let attempt = 0; attempt < 3; attempt += 1) await store.take("k", POLICY);
    clock.now += POLICY.windowMs;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await store.take("k", POLICY)).toEqual({ ok: true });
    }
  });

  it("gives one attempt back on refund, and everything on reset", async () => {
    const { store } = storeAt();
    for (let attempt = 0; attempt < 3; attempt += 1) await store.take("k", POLICY);
    await store.refund("k");
    expect(await store.take("k", POLICY)).toEqual({ ok: true });
    await store.reset("k");
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await store.take("k", POLICY)).toEqual({ ok: true });
    }
  });

  it("holds a lock for one holder until it is released or expires", async () => {
    const { clock, store } = storeAt();
    const release = await store.lock("k", 10_000);
    expect(release).toBeDefined();
    expect(await store.lock("k", 10_000)).toBeUndefined();
    await release!();
    const again = await store.lock("k", 10_000);
    expect(again).toBeDefined();
    clock.now += 10_000;
    expect(await store.lock("k", 10_000)).toBeDefined();
  });
});

describe("SignInThrottle", () => {
  const policies = { account: POLICY, address: { ...POLICY, free: 10 } };

  it("lets one check per account run at a time", async () => {
    const { store } = storeAt();
    const throttle = new SignInThrottle(store, policies);
    const first = await throttle.admit({ email: "ann@example.com", address: "1.1.1.1" });
    expect(first.ok).toBe(true);
    expect(await throttle.admit({ email: "ann@example.com", address: "2.2.2.2" })).toMatchObject({
      ok: false,
      reason: "busy",
    });
    expect((await throttle.admit({ email: "ben@example.com", address: "2.2.2.2" })).ok).toBe(true);
    if (first.ok) await first.finish(false);
    expect((await throttle.admit({ email: "ann@example.com", address: "2.2.2.2" })).ok).toBe(true);
  });

  it("counts a refused attempt against nobody", async () => {
    const { store } = storeAt();
    const throttle = new SignInThrottle(store, {
      account: POLICY,
      address: { ...POLICY, free: 4 },
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const admitted = await throttle.admit({ email: "ann@example.com", address: "1.1.1.1" });
      if (admitted.ok) await admitted.finish(false);
    }
    // Ann's account is throttled; the refusals do not use up the address's last free attempt.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const refused = await throttle.admit({ email: "ann@example.com", address: "1.1.1.1" });
      expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    }
    expect((await throttle.admit({ email: "ben@example.com", address: "1.1.1.1" })).ok).toBe(true);
  });

  it("takes the account's lock only for an attempt it admits, and counts a busy one against nobody", async () => {
    const { store } = storeAt();
    const locked: string[] = [];
    const lock = store.lock.bind(store);
    store.lock = (key, ttlMs) => {
      locked.push(key);
      return lock(key, ttlMs);
    };
    const throttle = new SignInThrottle(store, policies);
    for (let attempt = 0; attempt < POLICY.free; attempt += 1) {
      const admitted = await throttle.admit({ email: "ann@example.com", address: "1.1.1.1" });
      if (admitted.ok) await admitted.finish(false);
    }
    expect(locked).toHaveLength(POLICY.free);
    // A guesser past the limit never holds the lock an owner's attempt needs.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await throttle.admit({ email: "ann@example.com", address: "1.1.1.1" })).toMatchObject({
        reason: "throttled",
      });
    }
    expect(locked).toHaveLength(POLICY.free);
    // While one check runs, another for the account is busy and gives its count back.
    const first = await throttle.admit({ email: "ben@example.com", address: "2.2.2.2" });
    for (let attempt = 0; attempt < POLICY.free + 2; attempt += 1) {
      expect(await throttle.admit({ email: "ben@example.com", address: "3.3.3.3" })).toMatchObject({
        reason: "busy",
      });
    }
    if (first.ok) await first.finish(false);
    const after = await throttle.admit({ email: "ben@example.com", address: "3.3.3.3" });
    expect(after.ok).toBe(true);
  });

  it("counts a trusted device apart from the rest of the account", async () => {
    const { store } = storeAt();
    const throttle = new SignInThrottle(store, policies);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const admitted = await throttle.admit({
        email: "ann@example.com",
        address: `6.6.6.${attempt}`,
      });
      if (admitted.ok) await admitted.finish(false);
    }
    expect(await throttle.admit({ email: "ann@example.com", address: "1.1.1.1" })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    const own = await throttle.admit({
      email: "ann@example.com",
      address: "1.1.1.1",
      device: "d1",
    });
    expect(own.ok).toBe(true);
  });
});
