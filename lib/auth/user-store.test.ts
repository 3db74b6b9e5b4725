import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "./password";
import { DEMO_PASSWORD, DEMO_USERS, isDemoUser, UserStore, UserStoreError } from "./user-store";

const FAST = { N: 2 ** 10, r: 8, p: 1 };
let path: string;
let store: UserStore;

beforeEach(() => {
  path = join(mkdtempSync(join(tmpdir(), "users-")), "nested", "users.json");
  store = new UserStore(path, { hashParams: FAST });
});

describe("user store", () => {
  it("starts empty when the file does not exist yet", async () => {
    expect(await store.list()).toEqual([]);
  });

  it("adds a user with a hashed password, found case-insensitively", async () => {
    await store.add({ email: "Ops@Example.com ", role: "dispatcher", password: "long-enough" });
    const user = await store.find("ops@example.COM");
    expect(user).toMatchObject({ email: "ops@example.com", role: "dispatcher" });
    expect(user?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("long-enough", user!.passwordHash!)).toBe(true);
    expect(readFileSync(path, "utf8")).not.toContain("long-enough");
  });

  it("keeps the file readable by its owner only", async () => {
    await store.add({ email: "a@example.com", role: "viewer", password: "long-enough" });
    expect(statSync(path).mode & 0o077).toBe(0);
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
  });

  it("sees a change another process wrote to the file", async () => {
    await store.add({ email: "a@example.com", role: "viewer", password: "long-enough" });
    const other = new UserStore(path, { hashParams: FAST });
    await other.setRole("a@example.com", "admin");
    expect((await store.find("a@example.com"))?.role).toBe("admin");
  });

  it("says which file is broken, without its contents", async () => {
    await store.add({ email: "a@example.com", role: "viewer" });
    writeFileSync(path, '{"users": "secret-ish"}');
    await expect(new UserStore(path).list()).rejects.toThrow(`The user store ${path} is not`);
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

  it("serialises concurrent writes so none is lost", async () => {
    await Promise.all(
      ["a", "b", "c", "d"].map((name) =>
        store.add({ email: `${name}@example.com`, role: "viewer" }),
      ),
    );
    expect(await store.list()).toHaveLength(4);
  });
});
