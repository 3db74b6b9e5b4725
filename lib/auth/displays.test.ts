import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/database";
import { emptyTables, installTestDatabase } from "@/lib/db/testing";
import { signDisplayToken, tokenOf, verifyDisplayToken, type DisplayRecord } from "./display-links";

const env = {
  authSecret: "s".repeat(32),
  publicUrl: undefined as string | undefined,
  auth: { displaysFile: "", usersFile: "" },
};
vi.mock("@/lib/env", () => ({ getEnv: () => env }));

type Displays = typeof import("./displays");
let displays: Displays;
let handle: DatabaseHandle;

const jarFor = (record: DisplayRecord, name = "fleet-live.display") =>
  new Map([[name, signDisplayToken(tokenOf(record), env.authSecret)]]);

beforeAll(async () => {
  handle = await installTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  vi.resetModules();
  delete (globalThis as Record<string, unknown>).__fleetLiveDisplaySeen;
  await emptyTables(handle.db);
  env.publicUrl = undefined;
  displays = await import("./displays");
});

const create = async (name = "Lobby", expiresAt: Date | null = null) =>
  (await displays.getDisplayStore()).create(name, expiresAt, "admin@example.com");

describe("display sessions", () => {
  it("lets a valid display cookie in as that display", async () => {
    const record = await create();
    expect(await displays.displayFromJar(jarFor(record))).toEqual({
      id: record.id,
      name: "Lobby",
    });
  });

  it("finds no display without the cookie, or with a cookie of the wrong scheme", async () => {
    const record = await create();
    expect(await displays.displayFromJar(new Map())).toBeNull();
    env.publicUrl = "https://fleet.example.com";
    expect(await displays.displayFromJar(jarFor(record))).toBeNull();
    expect(await displays.displayFromJar(jarFor(record, "__Secure-fleet-live.display"))).toEqual(
      expect.objectContaining({ id: record.id }),
    );
  });

  it("refuses a revoked link", async () => {
    const record = await create();
    await displays.revokeDisplay(record.id);
    expect(await displays.displayFromJar(jarFor(record))).toBeNull();
  });

  it("refuses a link revoked by another instance, which shares the database", async () => {
    const record = await create();
    const { DisplayStore } = await import("./display-links");
    await new DisplayStore(handle.db).revoke(record.id);
    expect(await displays.displayFromJar(jarFor(record))).toBeNull();
  });

  it("refuses an expired link", async () => {
    const record = await create("Dock", new Date(Date.now() + 60_000));
    const later = new Date(Date.now() + 61_000);
    const token = signDisplayToken(tokenOf(record), env.authSecret);
    expect(await displays.checkDisplayToken(token)).not.toBeNull();
    expect(await displays.checkDisplayToken(token, later)).toBeNull();
  });

  it("refuses a well-signed token for a record that does not exist", async () => {
    const record = await create();
    const stranger = { ...record, id: "AAAAAAAAAAAAAAAA" };
    expect(await displays.displayFromJar(jarFor(stranger))).toBeNull();
  });

  it("refuses a well-signed token whose expiry is not the record's", async () => {
    const record = await create();
    const other = { ...record, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    expect(await displays.displayFromJar(jarFor(other))).toBeNull();
  });

  it("records a visit as last seen, at most once a minute, without the request waiting", async () => {
    const record = await create();
    const token = signDisplayToken(tokenOf(record), env.authSecret);
    const seen = async () => (await (await displays.getDisplayStore()).find(record.id))?.lastSeenAt;
    const { DisplayStore } = await import("./display-links");
    const writes = vi.spyOn(DisplayStore.prototype, "markSeen");
    await displays.checkDisplayToken(token, new Date("2027-01-01T12:00:00Z"));
    await expect.poll(seen).toBe("2027-01-01T12:00:00.000Z");
    await displays.checkDisplayToken(token, new Date("2027-01-01T12:00:59Z"));
    await displays.checkDisplayToken(token, new Date("2027-01-01T12:01:00Z"));
    await expect.poll(seen).toBe("2027-01-01T12:01:00.000Z");
    expect(writes).toHaveBeenCalledTimes(2);
  });
});

describe("revoking a display link", () => {
  it("marks the record, which every instance reads, and answers it", async () => {
    const record = await create("Dock", new Date(Date.now() + 7 * 86_400_000));
    const revoked = await displays.revokeDisplay(record.id);
    expect(revoked?.revokedAt).not.toBeNull();
    expect(await displays.displayFromJar(jarFor(record))).toBeNull();
  });

  it("answers undefined for an unknown id", async () => {
    expect(await displays.revokeDisplay("no-such-display")).toBeUndefined();
  });
});

describe("display links for the admin", () => {
  it("builds the link on the public address when set, else on the request's origin", async () => {
    const record = await create();
    const link = displays.displayLink(record, "http://127.0.0.1:3000");
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/display\/v1\./);
    const token = link.split("/display/")[1]!;
    expect(verifyDisplayToken(token, env.authSecret, 0)).toEqual(tokenOf(record));
    env.publicUrl = "https://fleet.example.com";
    expect(displays.displayLink(record, "http://127.0.0.1:3000")).toMatch(
      /^https:\/\/fleet\.example\.com\/display\/v1\./,
    );
  });

  it("takes the request's origin from the address the browser used", () => {
    const at = (headers: Record<string, string>) =>
      displays.requestOrigin(new Request("http://localhost:3000/api/admin/displays", { headers }));
    expect(at({})).toBe("http://localhost:3000");
    expect(at({ host: "127.0.0.1:3457" })).toBe("http://127.0.0.1:3457");
    expect(
      at({
        host: "10.0.0.5:3000",
        "x-forwarded-host": "fleet.example.com",
        "x-forwarded-proto": "https",
      }),
    ).toBe("https://fleet.example.com");
    expect(at({ host: "evil.example/path?" })).toBe("http://localhost:3000");
  });

  it("shows each link's state, and no link once revoked", async () => {
    const record = await create();
    expect(displays.displayView(record, "http://x.test")).toMatchObject({
      state: "active",
      link: expect.stringContaining("/display/"),
    });
    const revoked = (await displays.revokeDisplay(record.id))!;
    const view = displays.displayView(revoked, "http://x.test");
    expect(view.state).toBe("revoked");
    expect(view).not.toHaveProperty("link");
  });
});
