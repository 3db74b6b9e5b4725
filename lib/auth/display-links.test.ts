import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/database";
import { displays } from "@/lib/db/schema";
import { createTestDatabase } from "@/e2e/support/test-database";
import { EXPIRY_CHOICE_DAYS } from "@/components/admin/display-format";
import {
  createDisplaySchema,
  DISPLAY_EXPIRY_MAX_DAYS,
  DISPLAY_NAME_MAX,
  DisplayStore,
  DisplayStoreError,
  displayState,
  newDisplayId,
  signDisplayToken,
  tokenOf,
  verifyDisplayToken,
} from "./display-links";

const SECRET = "s".repeat(32);
const NOW_S = 1_800_000_000;
const id = newDisplayId();

describe("display link tokens", () => {
  it("verifies a token it signed, with and without an expiry", () => {
    expect(
      verifyDisplayToken(signDisplayToken({ id, expiresAtS: null }, SECRET), SECRET, NOW_S),
    ).toEqual({ id, expiresAtS: null });
    const later = { id, expiresAtS: NOW_S + 60 };
    expect(verifyDisplayToken(signDisplayToken(later, SECRET), SECRET, NOW_S)).toEqual(later);
  });

  it("makes a 16-character url-safe id and a token safe in a URL path", () => {
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(signDisplayToken({ id, expiresAtS: NOW_S }, SECRET)).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it("refuses an expired token, at the second it expires", () => {
    const token = signDisplayToken({ id, expiresAtS: NOW_S }, SECRET);
    expect(verifyDisplayToken(token, SECRET, NOW_S - 1)).not.toBeNull();
    expect(verifyDisplayToken(token, SECRET, NOW_S)).toBeNull();
  });

  it("refuses a token signed with another secret", () => {
    const token = signDisplayToken({ id, expiresAtS: null }, "t".repeat(32));
    expect(verifyDisplayToken(token, SECRET, NOW_S)).toBeNull();
  });

  it("refuses a forged signature", () => {
    const [version, tokenId, expiry] = signDisplayToken({ id, expiresAtS: null }, SECRET).split(
      ".",
    );
    const forged = `${version}.${tokenId}.${expiry}.${Buffer.alloc(32, 7).toString("base64url")}`;
    expect(verifyDisplayToken(forged, SECRET, NOW_S)).toBeNull();
  });

  it("refuses a token whose id or expiry was changed", () => {
    const [version, , expiry, signature] = signDisplayToken(
      { id, expiresAtS: NOW_S + 60 },
      SECRET,
    ).split(".");
    const otherId = `${version}.${newDisplayId()}.${expiry}.${signature}`;
    const neverExpires = `${version}.${id}.0.${signature}`;
    const later = `${version}.${id}.${NOW_S + 86_400}.${signature}`;
    for (const token of [otherId, neverExpires, later]) {
      expect(verifyDisplayToken(token, SECRET, NOW_S)).toBeNull();
    }
  });

  it.each([
    ["empty", ""],
    ["too few parts", "v1.abc"],
    ["another version", signDisplayToken({ id, expiresAtS: null }, SECRET).replace(/^v1/, "v2")],
    ["a short id", `v1.abc.0.${"A".repeat(43)}`],
    ["a padded expiry", `v1.${id}.0100.${"A".repeat(43)}`],
    ["a negative expiry", `v1.${id}.-5.${"A".repeat(43)}`],
    ["a short signature", `v1.${id}.0.AAAA`],
    ["an extra part", `${signDisplayToken({ id, expiresAtS: null }, SECRET)}.x`],
  ])("refuses a malformed token: %s", (_, token) => {
    expect(verifyDisplayToken(token, SECRET, NOW_S)).toBeNull();
  });
});

let handle: DatabaseHandle;
let clock: Date;
let store: DisplayStore;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  await handle.db.delete(displays);
  clock = new Date("2027-01-01T12:00:00.000Z");
  store = new DisplayStore(handle.db, { now: () => clock });
});

describe("display store", () => {
  it("starts empty", async () => {
    expect(await store.list()).toEqual([]);
  });

  it("creates a link with a trimmed name, its creator and no visits yet", async () => {
    const created = await store.create("  Lobby screen ", null, "admin@example.com");
    expect(created).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      name: "Lobby screen",
      createdAt: "2027-01-01T12:00:00.000Z",
      createdBy: "admin@example.com",
      expiresAt: null,
      revokedAt: null,
      lastSeenAt: null,
      openedAt: null,
      demo: false,
    });
    expect(await store.find(created.id)).toEqual(created);
    expect(await store.list()).toEqual([created]);
  });

  it("lists the newest link first", async () => {
    const first = await store.create("First", null, "a@x.io");
    clock = new Date("2027-01-01T12:00:01.000Z");
    const second = await store.create("Second", null, "a@x.io");
    expect((await store.list()).map((record) => record.id)).toEqual([second.id, first.id]);
  });

  it("keeps an expiry in whole seconds, as the link's token carries it", async () => {
    const created = await store.create("Dock", new Date("2027-01-08T12:00:00.999Z"), "a@x.io");
    expect(created.expiresAt).toBe("2027-01-08T12:00:00.000Z");
    expect((await store.find(created.id))?.expiresAt).toBe("2027-01-08T12:00:00.000Z");
    expect(tokenOf(created).expiresAtS).toBe(Date.parse("2027-01-08T12:00:00Z") / 1000);
  });

  it("refuses an empty name and one longer than 80 characters", async () => {
    await expect(store.create("   ", null, "a@x.io")).rejects.toThrow(DisplayStoreError);
    await expect(store.create("x".repeat(81), null, "a@x.io")).rejects.toThrow(/at most 80/);
    expect((await store.create("x".repeat(80), null, "a@x.io")).name).toHaveLength(80);
  });

  it("revokes a link once, keeping the first revocation time", async () => {
    const created = await store.create("Lobby", null, "a@x.io");
    expect((await store.revoke(created.id))?.revokedAt).toBe("2027-01-01T12:00:00.000Z");
    clock = new Date("2027-01-02T00:00:00.000Z");
    expect((await store.revoke(created.id))?.revokedAt).toBe("2027-01-01T12:00:00.000Z");
    expect(await store.revoke("no-such-display")).toBeUndefined();
  });

  it("records when a display was last seen, never going back, and ignores an unknown id", async () => {
    const created = await store.create("Lobby", null, "a@x.io");
    await store.markSeen(created.id, new Date("2027-01-01T12:05:00.000Z"));
    expect((await store.find(created.id))?.lastSeenAt).toBe("2027-01-01T12:05:00.000Z");
    await store.markSeen(created.id, new Date("2027-01-01T12:04:00.000Z"));
    expect((await store.find(created.id))?.lastSeenAt).toBe("2027-01-01T12:05:00.000Z");
    await expect(store.markSeen("no-such-display", clock)).resolves.toBeUndefined();
  });

  it("records a sighting without rewriting the link's record", async () => {
    const created = await store.create("Lobby", null, "a@x.io");
    const before = await handle.db.select().from(displays);
    await store.markSeen(created.id, new Date("2027-01-01T12:05:00.000Z"));
    await store.revoke(created.id);
    await store.markSeen(created.id, new Date("2027-01-01T12:06:00.000Z"));
    const [after] = await handle.db.select().from(displays);
    expect(after).toEqual({ ...before[0], revokedAt: new Date("2027-01-01T12:00:00.000Z") });
    expect((await store.find(created.id))?.revokedAt).toBe("2027-01-01T12:00:00.000Z");
  });

  it("says whether a link is active, expired or revoked", async () => {
    const active = await store.create("A", new Date("2027-01-01T13:00:00Z"), "a@x.io");
    expect(displayState(active, clock)).toBe("active");
    expect(displayState(active, new Date("2027-01-01T13:00:00Z"))).toBe("expired");
    expect(displayState((await store.revoke(active.id))!, clock)).toBe("revoked");
  });

  it("keeps every one of concurrent creations", async () => {
    await Promise.all(["a", "b", "c", "d"].map((name) => store.create(name, null, "a@x.io")));
    expect(await store.list()).toHaveLength(4);
  });
});

describe("the create request", () => {
  const message = (body: unknown) => createDisplaySchema.safeParse(body).error?.issues[0]?.message;

  it("accepts a name, with or without an expiry in whole days", () => {
    expect(createDisplaySchema.parse({ name: " Lobby " })).toEqual({ name: "Lobby" });
    expect(createDisplaySchema.parse({ name: "Lobby", expiresInDays: 30 })).toEqual({
      name: "Lobby",
      expiresInDays: 30,
    });
  });

  it("answers a readable sentence for each mistake", () => {
    expect(message({})).toBe("Give the display a name.");
    expect(message({ name: "  " })).toBe("Give the display a name.");
    expect(message({ name: "x".repeat(DISPLAY_NAME_MAX + 1) })).toBe(
      `A display name may have at most ${DISPLAY_NAME_MAX} characters.`,
    );
    for (const expiresInDays of [0, DISPLAY_EXPIRY_MAX_DAYS + 1, 1.5, "7"]) {
      expect(message({ name: "Lobby", expiresInDays })).toMatch(/^Expiry must be a whole number/);
    }
    expect(message(["Lobby"])).toMatch(/^Send a JSON object/);
  });

  it("accepts every expiry the admin page offers, so none is refused on the way in", () => {
    for (const expiresInDays of EXPIRY_CHOICE_DAYS) {
      expect(message({ name: "Lobby", expiresInDays })).toBeUndefined();
    }
  });
});
