import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/database";
import { emptyTables, installTestDatabase } from "@/e2e/support/test-database";

const env = {
  authSecret: "s".repeat(32),
  publicUrl: undefined as string | undefined,
  upstream: { mode: "simulator" },
  auth: { displaysFile: "", usersFile: "", displayLinkDays: 90 },
};
vi.mock("@/lib/env", () => ({ getEnv: () => env }));

// The role check is requireApiSession's own (tested with it); here the caller is an admin or not.
const caller = { admin: true };
vi.mock("@/lib/auth/session", async () => {
  const { HttpError } = await import("@/lib/http/http-error");
  return {
    requireApiSession: async () => {
      if (!caller.admin) throw new HttpError("forbidden", "This needs the admin role.");
      return { email: "admin@example.com", role: "admin" };
    },
  };
});

const routes = { ...(await import("./route")), DELETE: (await import("./[id]/route")).DELETE };

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await installTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  // No links between tests.
  await emptyTables(handle.db);
  caller.admin = true;
  env.publicUrl = undefined;
});

const post = (body: string, headers: Record<string, string> = {}) =>
  routes.POST(
    new Request("http://127.0.0.1:3000/api/admin/displays", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    }),
  );
const list = async () =>
  (await (await routes.GET(new Request("http://127.0.0.1:3000/api/admin/displays"))).json()) as {
    displays: Array<Record<string, unknown>>;
  };
const revoke = (id: string) =>
  routes.DELETE(
    new Request(`http://127.0.0.1:3000/api/admin/displays/${id}`, { method: "DELETE" }),
    { params: Promise.resolve({ id }) },
  );

describe("admin display links API", () => {
  it("creates a link, answers 201 with it, and lists it", async () => {
    const response = await post(JSON.stringify({ name: "Lobby", expiresInDays: 7 }));
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { display } = (await response.json()) as { display: Record<string, unknown> };
    expect(display).toMatchObject({
      name: "Lobby",
      createdBy: "admin@example.com",
      state: "active",
      revokedAt: null,
      lastSeenAt: null,
      link: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3000\/display\/v1\./),
    });
    expect(Date.parse(display.expiresAt as string) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect((await list()).displays).toEqual([display]);
  });

  it("lists the newest link first", async () => {
    await post(JSON.stringify({ name: "First" }));
    // Newest by creation time: two links made in the same millisecond have no order.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await post(JSON.stringify({ name: "Second" }));
    expect((await list()).displays.map((display) => display.name)).toEqual(["Second", "First"]);
  });

  it.each([
    ["not JSON", "{name:", "The request body must be JSON."],
    ["no name", "{}", "Give the display a name."],
    ["a long name", JSON.stringify({ name: "x".repeat(81) }), "at most 80 characters"],
    ["a zero expiry", JSON.stringify({ name: "A", expiresInDays: 0 }), "whole number of days"],
  ])("answers 400 with a readable message for %s", async (_, body, message) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe("bad_request");
    expect(answer.error.message).toContain(message);
  });

  it("refuses a link made without an expiry once DISPLAY_LINK_DAYS have passed", async () => {
    const response = await post(JSON.stringify({ name: "Forgotten screen" }));
    const { display } = (await response.json()) as { display: { link: string } };
    const token = new URL(display.link).pathname.split("/").at(-1)!;
    const { openDisplayLink } = await import("@/lib/auth/displays");
    const day = 86_400_000;
    expect(await openDisplayLink(token, new Date(Date.now() + 90 * day + 60_000))).toBeNull();
    // The same link the day before its expiry opens (and only then is it spent).
    expect(await openDisplayLink(token, new Date(Date.now() + 89 * day))).not.toBeNull();
  });

  it("gives a link made without an expiry the default one, DISPLAY_LINK_DAYS", async () => {
    const response = await post(JSON.stringify({ name: "Lobby" }));
    const { display } = (await response.json()) as { display: { expiresAt: string } };
    const days = (Date.parse(display.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.99);
    expect(days).toBeLessThanOrEqual(90);
  });

  it("refuses a creation another site's page started", async () => {
    const others: Array<Record<string, string>> = [
      { "sec-fetch-site": "cross-site" },
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "http://127.0.0.1:3000.evil.example", host: "127.0.0.1:3000" },
    ];
    for (const headers of others) {
      const response = await post(JSON.stringify({ name: "A" }), headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await list()).displays).toEqual([]);
    const own = await post(JSON.stringify({ name: "A" }), {
      origin: "http://127.0.0.1:3000",
      host: "127.0.0.1:3000",
      "sec-fetch-site": "same-origin",
    });
    expect(own.status).toBe(201);
  });

  it("takes JSON only, and no more of it than a route needs", async () => {
    const form = await post("name=A", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
    const huge = await post(JSON.stringify({ name: "A", padding: "x".repeat(70_000) }));
    expect(huge.status).toBe(413);
    expect((await list()).displays).toEqual([]);
  });

  it("answers other methods with 405, a body and Allow", async () => {
    const response = await routes.PUT(
      new Request("http://127.0.0.1:3000/api/admin/displays", { method: "PUT" }),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    expect(await response.json()).toMatchObject({ error: { code: "method_not_allowed" } });
  });

  it("revokes a link: 200 with the record and no link any more; 404 for an unknown id", async () => {
    const created = (await (await post(JSON.stringify({ name: "Lobby" }))).json()) as {
      display: { id: string };
    };
    const response = await revoke(created.display.id);
    expect(response.status).toBe(200);
    const { display } = (await response.json()) as { display: Record<string, unknown> };
    expect(display).toMatchObject({ state: "revoked", revokedAt: expect.any(String) });
    expect(display).not.toHaveProperty("link");
    expect((await revoke("no-such-display")).status).toBe(404);
  });

  it("answers 403 to someone who is not an admin", async () => {
    caller.admin = false;
    expect((await post(JSON.stringify({ name: "A" }))).status).toBe(403);
    expect((await revoke("any")).status).toBe(403);
  });
});
