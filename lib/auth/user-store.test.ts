import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/database";
import { createTestDatabase } from "@/e2e/support/test-database";
import { deploymentQueries } from "@/lib/db/deployment";
import { deployment, users } from "@/lib/db/schema";
import { verifyPassword } from "./password";
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  isDemoUser,
  sessionsValidFromS,
  UserStore,
  UserStoreError,
} from "./user-store";

const FAST = { N: 2 ** 10, r: 8, p: 1 };
let handle: DatabaseHandle;
let store: UserStore;
let clock: Date;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  await handle.db.delete(users);
  await handle.db.delete(deployment);
  clock = new Date("2026-03-03T19:00:00.250Z");
  store = new UserStore(handle.db, { hashParams: FAST, now: () => clock });
});

const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

describe("user store", () => {
  it("starts empty", async () => {
    expect(await store.list()).toEqual([]);
  });

  it("adds a user with a hashed password, found case-insensitively", async () => {
    await store.add({ email: "Ops@Example.com ", role: "dispatcher", password: "long-enough" });
    const user = await store.find("ops@example.COM");
    expect(user).toMatchObject({ email: "ops@example.com", role: "dispatcher" });
    expect(user?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("long-enough", user!.passwordHash!)).toBe(true);
    const [row] = await handle.db.select().from(users);
    expect(JSON.stringify(row)).not.toContain("long-enough");
  });

  it("refuses a second user with the same email", async () => {
    await store.add({ email: "a@example.com", role: "viewer", password: "long-enough" });
    await expect(
      store.add({ email: "A@example.com", role: "admin", password: "long-enough" }),
    ).rejects.toThrow(/already exists/);
  });

  it("refuses a malformed email and a short password", async () => {
    await expect(store.add({ email: "not-an-email", role: "viewer" })).rejects.toThrow(
      UserStoreError,
    );
    await expect(
      store.add({ email: "a@example.com", role: "viewer", password: "short" }),
    ).rejects.toThrow(/at least 8 characters/);
  });

  it("adds a single-sign-on user without a password", async () => {
    await store.add({ email: "sso@example.com", role: "viewer" });
    expect((await store.find("sso@example.com"))?.passwordHash).toBeUndefined();
  });

  it("changes a role, replaces a password and removes a user", async () => {
    await store.add({ email: "a@example.com", role: "viewer", password: "first-password" });
    expect((await store.setRole("a@example.com", "admin")).role).toBe("admin");
    const changed = await store.setPassword("a@example.com", "second-password");
    expect(await verifyPassword("second-password", changed.passwordHash!)).toBe(true);
    await store.remove("a@example.com");
    expect(await store.find("a@example.com")).toBeUndefined();
    await expect(store.remove("a@example.com")).rejects.toThrow(/No user a@example.com/);
    await expect(store.setRole("b@example.com", "viewer")).rejects.toThrow(/No user/);
    await expect(store.endSessions("b@example.com")).rejects.toThrow(/No user/);
  });

  it("ends the user's sessions when the password changes", async () => {
    await store.add({ email: "a@example.com", role: "viewer", password: "first-password" });
    later(60_000);
    const changed = await store.setPassword("a@example.com", "second-password");
    expect(changed.sessionsValidAfter).toBe(clock.toISOString());
  });

  it("ends the user's sessions when the role changes, not when it is set to the same", async () => {
    const added = await store.add({ email: "a@example.com", role: "viewer" });
    later(60_000);
    expect((await store.setRole("a@example.com", "viewer")).sessionsValidAfter).toBe(
      added.sessionsValidAfter,
    );
    const changed = await store.setRole("a@example.com", "dispatcher");
    expect(changed.sessionsValidAfter).toBe(clock.toISOString());
    expect(changed.updatedAt).toBe(clock.toISOString());
  });

  it("signs a user out everywhere", async () => {
    await store.add({ email: "a@example.com", role: "viewer" });
    later(5_000);
    expect((await store.endSessions("a@example.com")).sessionsValidAfter).toBe(clock.toISOString());
  });

  it("counts a session from the same second as a change as older than it", () => {
    expect(sessionsValidFromS({ sessionsValidAfter: "2026-03-03T19:00:00.250Z" })).toBe(
      Date.parse("2026-03-03T19:00:01Z") / 1000,
    );
    expect(sessionsValidFromS({ sessionsValidAfter: null })).toBe(0);
  });

  it("creates the three demo accounts once, with the demo password", async () => {
    expect(await store.ensureDemoUsers()).toEqual(DEMO_USERS.map((user) => user.email));
    expect(await store.ensureDemoUsers()).toEqual([]);
    const admin = await store.find("admin@demo.local");
    expect(admin).toMatchObject({ role: "admin", demo: true });
    expect(await verifyPassword(DEMO_PASSWORD, admin!.passwordHash!)).toBe(true);
  });

  it("removes every demo account and keeps real ones", async () => {
    await store.add({ email: "real@example.com", role: "admin", password: "long-enough" });
    await store.add({ email: "extra@demo.local", role: "viewer", password: "long-enough" });
    await store.ensureDemoUsers();
    expect(await store.removeDemoUsers()).toHaveLength(4);
    expect((await store.list()).map((user) => user.email)).toEqual(["real@example.com"]);
    expect(isDemoUser({ email: "x@example.com", demo: true })).toBe(true);
  });

  it("makes a user added while the deployment runs on the simulator a demo user", async () => {
    const before = await store.add({ email: "early@example.com", role: "admin" });
    await deploymentQueries(handle.db).record("simulator", clock);
    const during = await store.add({ email: "tried@example.com", role: "admin" });
    await deploymentQueries(handle.db).record("fleetup", clock);
    const after = await store.add({ email: "real@example.com", role: "admin" });
    expect([before.demo, during.demo, after.demo]).toEqual([undefined, true, undefined]);
    // FleetUp mode removes it at start (lib/auth/users.ts), with the demo accounts.
    expect(await store.removeDemoUsers()).toEqual(["tried@example.com"]);
  });

  it("keeps every one of concurrent additions", async () => {
    await Promise.all(
      ["a", "b", "c", "d"].map((name) =>
        store.add({ email: `${name}@example.com`, role: "viewer" }),
      ),
    );
    expect(await store.list()).toHaveLength(4);
  });

  it("lets only one of two concurrent additions of the same email win", async () => {
    const results = await Promise.allSettled([
      store.add({ email: "same@example.com", role: "viewer" }),
      store.add({ email: "same@example.com", role: "admin" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await store.list()).toHaveLength(1);
  });
});
