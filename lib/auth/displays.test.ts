import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { signDisplayToken, tokenOf, verifyDisplayToken, type DisplayRecord } from "./display-links";

const env = {
  authSecret: "s".repeat(32),
  publicUrl: undefined as string | undefined,
  auth: { displaysFile: "", usersFile: "" },
};
vi.mock("@/lib/env", () => ({ getEnv: () => env }));

type Displays = typeof import("./displays");
type Revocations = typeof import("./revocations");
let displays: Displays;
let revocations: Revocations;

const jarFor = (record: DisplayRecord, name = "fleet-live.display") =>
  new Map([[name, signDisplayToken(tokenOf(record), env.authSecret)]]);

beforeEach(async () => {
  vi.resetModules();
  const holder = globalThis as Record<string, unknown>;
  delete holder.__fleetLiveDisplays;
  delete holder.__fleetLiveDisplaySeen;
  delete holder.__fleetLiveRevoked;
  env.publicUrl = undefined;
  env.auth.displaysFile = join(mkdtempSync(join(tmpdir(), "displays-")), "displays.json");
  displays = await import("./displays");
  revocations = await import("./revocations");
});

const create = (name = "Lobby", expiresAt: Date | null = null) =>
  displays.getDisplayStore().create(name, expiresAt, "admin@example.com");

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

  it("refuses a link another instance revoked, before its own file says so", async () => {
    const record = await create();
    revocations.recordRevocation(displays.displaySid(record.id), 2_000_000_000, 1_000);
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

  it("records a visit as last seen, at most once a minute", async () => {
    const record = await create();
    const token = signDisplayToken(tokenOf(record), env.authSecret);
    const seen = async () => (await displays.getDisplayStore().find(record.id))?.lastSeenAt;
    const start = new Date("2027-01-01T12:00:00Z");
    await displays.checkDisplayToken(token, start);
    expect(await seen()).toBe("2027-01-01T12:00:00.000Z");
    await displays.checkDisplayToken(token, new Date("2027-01-01T12:00:59Z"));
    expect(await seen()).toBe("2027-01-01T12:00:00.000Z");
    await displays.checkDisplayToken(token, new Date("2027-01-01T12:01:00Z"));
    expect(await seen()).toBe("2027-01-01T12:01:00.000Z");
  });
});

describe("revoking a display link", () => {
  it("marks the record and tells the other instances until the link would have expired", async () => {
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    const record = await create("Dock", expiresAt);
    const told: Array<[string, number]> = [];
    revocations.onRevocation((sid, untilS) => told.push([sid, untilS]));
    const revoked = await displays.revokeDisplay(record.id);
    expect(revoked?.revokedAt).not.toBeNull();
    expect(told).toEqual([[`display:${record.id}`, Math.floor(expiresAt.getTime() / 1000)]]);
    expect(revocations.isSessionRevoked(`display:${record.id}`)).toBe(true);
  });

  it("keeps refusing a link without expiry for 400 days", async () => {
    const record = await create();
    const told: number[] = [];
    revocations.onRevocation((_, untilS) => told.push(untilS));
    const now = new Date("2027-01-01T00:00:00Z");
    await displays.revokeDisplay(record.id, now);
    expect(told).toEqual([now.getTime() / 1000 + 400 * 86_400]);
  });

  it("answers undefined for an unknown id and tells nobody", async () => {
    const told: string[] = [];
    revocations.onRevocation((sid) => told.push(sid));
    expect(await displays.revokeDisplay("no-such-display")).toBeUndefined();
    expect(told).toEqual([]);
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
