import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { UserStore } from "@/lib/auth/user-store";
import type { DatabaseHandle } from "@/lib/db/database";
import { emptyTables, installTestDatabase } from "@/e2e/support/test-database";

vi.mock("@/lib/env", () => ({ getEnv: () => ({ upstream: { mode: "fleetup" } }) }));

// The role check is requireApiSession's own (tested with it); here the caller is an admin or not.
const caller = { admin: true };
vi.mock("@/lib/auth/session", async () => {
  const { HttpError } = await import("@/lib/http/http-error");
  return {
    requireApiSession: async () => {
      if (!caller.admin) throw new HttpError("forbidden", "This needs the admin role.");
      return { email: "boss@example.com", role: "admin" };
    },
  };
});

const user = await import("./route");
const sessions = await import("./sessions/route");

let handle: DatabaseHandle;
let store: UserStore;
beforeAll(async () => {
  handle = await installTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  await emptyTables(handle.db);
  caller.admin = true;
  const longAgo = new Date(Date.now() - 3_600_000);
  store = new UserStore(handle.db, { hashParams: { N: 2 ** 10, r: 8, p: 1 }, now: () => longAgo });
  await store.add({ email: "ann@example.com", role: "viewer", password: "first-password" });
  await store.add({ email: "boss@example.com", role: "admin", password: "boss-password" });
});

const context = (email: string) => ({
  params: Promise.resolve({ email: encodeURIComponent(email) }),
});
const at = (email: string) => `http://127.0.0.1:3000/api/admin/users/${encodeURIComponent(email)}`;
const patch = (email: string, body: unknown, headers: Record<string, string> = {}) =>
  user.PATCH(
    new Request(at(email), {
      method: "PATCH",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    context(email),
  );
const remove = (email: string) =>
  user.DELETE(new Request(at(email), { method: "DELETE" }), context(email));
const signOutEverywhere = (email: string) =>
  sessions.DELETE(new Request(`${at(email)}/sessions`, { method: "DELETE" }), context(email));

const recently = (iso: unknown) => Date.now() - Date.parse(String(iso)) < 10_000;

describe("the admin users API", () => {
  it("changes a password, ending the user's sessions, and never answers a hash", async () => {
    const response = await patch("ann@example.com", { password: "second-password" });
    expect(response.status).toBe(200);
    const { user: answer } = (await response.json()) as { user: Record<string, unknown> };
    expect(answer).toMatchObject({ email: "ann@example.com", role: "viewer", password: true });
    expect(JSON.stringify(answer)).not.toContain("scrypt");
    expect(recently(answer.sessionsValidAfter)).toBe(true);
    const stored = await store.find("ann@example.com");
    expect(await verifyPassword("second-password", stored!.passwordHash!)).toBe(true);
  });

  it("changes a role, ending the user's sessions", async () => {
    const response = await patch("Ann@Example.com", { role: "dispatcher" });
    const { user: answer } = (await response.json()) as { user: Record<string, unknown> };
    expect(answer).toMatchObject({ email: "ann@example.com", role: "dispatcher" });
    expect(recently(answer.sessionsValidAfter)).toBe(true);
  });

  it("signs a user out everywhere", async () => {
    const response = await signOutEverywhere("ann@example.com");
    expect(response.status).toBe(200);
    const { user: answer } = (await response.json()) as { user: Record<string, unknown> };
    expect(recently(answer.sessionsValidAfter)).toBe(true);
    expect((await store.find("ann@example.com"))?.passwordHash).toBeDefined();
  });

  it("removes a user: 204, then 404", async () => {
    expect((await remove("ann@example.com")).status).toBe(204);
    expect(await store.find("ann@example.com")).toBeUndefined();
    expect((await remove("ann@example.com")).status).toBe(404);
  });

  it.each([
    ["nothing to change", {}, "Send a role, a password, or both."],
    ["a short password", { password: "short" }, "A password needs 8 to 1024 characters."],
    ["an unknown role", { role: "owner" }, "The role must be one of admin, dispatcher, viewer."],
    ["not JSON", "{role:", "The request body must be JSON."],
  ])("answers 400 with a readable message for %s", async (_, body, message) => {
    const response = await patch("ann@example.com", body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "bad_request", message } });
  });

  it("answers 404 for someone who is not a user", async () => {
    expect((await patch("nobody@example.com", { role: "viewer" })).status).toBe(404);
    expect((await signOutEverywhere("nobody@example.com")).status).toBe(404);
  });

  it("keeps an admin from removing or demoting themselves", async () => {
    const removed = await remove("boss@example.com");
    expect(removed.status).toBe(400);
    expect(((await removed.json()) as { error: { message: string } }).error.message).toBe(
      "You cannot remove your own account; ask another admin.",
    );
    expect((await patch("boss@example.com", { role: "viewer" })).status).toBe(400);
    expect((await patch("boss@example.com", { password: "a-new-password" })).status).toBe(200);
  });

  it("refuses a change another site's page started, and anyone who is not an admin", async () => {
    const crossSite = await patch(
      "ann@example.com",
      { role: "admin" },
      { "sec-fetch-site": "cross-site" },
    );
    expect(crossSite.status).toBe(403);
    caller.admin = false;
    expect((await patch("ann@example.com", { role: "admin" })).status).toBe(403);
    expect((await remove("ann@example.com")).status).toBe(403);
    expect((await signOutEverywhere("ann@example.com")).status).toBe(403);
    expect((await store.find("ann@example.com"))?.role).toBe("viewer");
  });
});
