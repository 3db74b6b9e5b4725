import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/lib/db/database";
import { displayQueries, type DisplayRow } from "@/lib/db/displays";
import type { DisplayRecord, DisplayState } from "@/lib/fleet/access";

/**
 * Display links: a named, read-only link for one wall screen. The link carries a signed token
 * `v1.<id>.<expiresAtS or 0>.<signature>`; the signature is HMAC-SHA256 under a key derived from
 * the auth secret, so a link cannot be forged or edited (a later expiry, another id) and every
 * link dies with the secret. The token is a pure function of the record, so an admin can copy a
 * link again until a screen opens it, and nothing secret is stored. A link opens once: the
 * screen exchanges it for a display session of its own (lib/auth/displays.ts), so the address in
 * a browser's history or a proxy's log is worth nothing. Whether a link and its session still
 * work (not revoked, not expired) is decided by its record in the database, on every request.
 */

const VERSION = "v1";
const KEY_LABEL = "fleet-live display link v1";
const ID = /^[A-Za-z0-9_-]{16}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

export type DisplayToken = { id: string; expiresAtS: number | null };

/** A separate key for links, so a link's signature can never stand in for a session token. */
function linkKey(secret: string): Buffer {
  return createHmac("sha256", secret).update(KEY_LABEL).digest();
}

function signature(secret: string, payload: string): Buffer {
  return createHmac("sha256", linkKey(secret)).update(payload).digest();
}

export function newDisplayId(): string {
  return randomBytes(12).toString("base64url");
}

export function signDisplayToken(token: DisplayToken, secret: string): string {
  const payload = `${VERSION}.${token.id}.${token.expiresAtS ?? 0}`;
  return `${payload}.${signature(secret, payload).toString("base64url")}`;
}

/** The token's id and expiry when it is well formed, signed with `secret` and not expired. */
export function verifyDisplayToken(
  token: string,
  secret: string,
  nowS: number,
): DisplayToken | null {
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [version, id, expiry, given] = parts as [string, string, string, string];
  if (version !== VERSION || !ID.test(id) || !/^(0|[1-9][0-9]{0,11})$/.test(expiry)) return null;
  if (!SIGNATURE.test(given)) return null;
  const expected = signature(secret, `${version}.${id}.${expiry}`);
  const actual = Buffer.from(given, "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  const expiresAtS = expiry === "0" ? null : Number(expiry);
  if (expiresAtS !== null && expiresAtS <= nowS) return null;
  return { id, expiresAtS };
}

export function displayState(record: DisplayRecord, now: Date): DisplayState {
  if (record.revokedAt !== null) return "revoked";
  if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now.getTime()) return "expired";
  return "active";
}

/** The token of a record's link: its expiry in whole seconds, or none. */
export function tokenOf(record: DisplayRecord): DisplayToken {
  return {
    id: record.id,
    expiresAtS: record.expiresAt === null ? null : Math.floor(Date.parse(record.expiresAt) / 1000),
  };
}

export const DISPLAY_NAME_MAX = 80;
export const DISPLAY_EXPIRY_MAX_DAYS = 3650;

const DAYS = `Expiry must be a whole number of days from 1 to ${DISPLAY_EXPIRY_MAX_DAYS}, or absent for the default (DISPLAY_LINK_DAYS).`;

/** The body of `POST /api/admin/displays`; every message is a sentence an admin can act on. */
export const createDisplaySchema = z.object(
  {
    name: z
      .string({ error: "Give the display a name." })
      .trim()
      .min(1, "Give the display a name.")
      .max(DISPLAY_NAME_MAX, `A display name may have at most ${DISPLAY_NAME_MAX} characters.`),
    expiresInDays: z
      .number({ error: DAYS })
      .int(DAYS)
      .min(1, DAYS)
      .max(DISPLAY_EXPIRY_MAX_DAYS, DAYS)
      .optional(),
  },
  { error: "Send a JSON object with a name and, optionally, expiresInDays." },
);

export class DisplayStoreError extends Error {
  override name = "DisplayStoreError";
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toRecord(row: DisplayRow): DisplayRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    expiresAt: iso(row.expiresAt),
    revokedAt: iso(row.revokedAt),
    lastSeenAt: iso(row.lastSeenAt),
    openedAt: iso(row.openedAt),
    demo: row.demo,
  };
}

/**
 * The display links of this deployment, in the database (lib/db/displays.ts), so every instance
 * sees every link and every revocation. When a screen was last seen is kept apart from the link,
 * so a screen checking in never rewrites the record an admin may be revoking.
 */
export class DisplayStore {
  private readonly queries: ReturnType<typeof displayQueries>;

  constructor(
    db: Database,
    private readonly options: { now?: () => Date } = {},
  ) {
    this.queries = displayQueries(db);
  }

  /** Newest first. */
  async list(): Promise<DisplayRecord[]> {
    return (await this.queries.list()).map(toRecord);
  }

  async find(id: string): Promise<DisplayRecord | undefined> {
    const row = await this.queries.find(id);
    return row && toRecord(row);
  }

  async create(name: string, expiresAt: Date | null, createdBy: string): Promise<DisplayRecord> {
    const record: DisplayRecord = {
      id: newDisplayId(),
      name: checkedName(name),
      createdAt: this.now().toISOString(),
      createdBy,
      // Whole seconds, as the link's token carries it, so the two never disagree.
      expiresAt: expiresAt
        ? new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString()
        : null,
      revokedAt: null,
      lastSeenAt: null,
      openedAt: null,
      demo: false,
    };
    const added = await this.queries.insertNew([
      {
        id: record.id,
        name: record.name,
        createdAt: new Date(record.createdAt),
        createdBy,
        expiresAt: record.expiresAt === null ? null : new Date(record.expiresAt),
      },
    ]);
    if (added === 0) throw new DisplayStoreError("Could not create the display link; try again");
    // Read back: whether it is a demo link is the database's to say (lib/db/deployment.ts).
    return (await this.find(record.id)) ?? record;
  }

  /** Revokes a link (again revoking one keeps the first time); undefined for an unknown id. */
  async revoke(id: string): Promise<DisplayRecord | undefined> {
    if (!(await this.queries.revoke(id, this.now()))) return undefined;
    return this.find(id);
  }

  /** Revokes every link made on the simulator; how many it revoked. */
  revokeDemo(): Promise<number> {
    return this.queries.revokeDemo(this.now());
  }

  async markSeen(id: string, at: Date): Promise<void> {
    await this.queries.markSeen(id, at);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new DisplayStoreError("A display needs a name");
  if (trimmed.length > DISPLAY_NAME_MAX) {
    throw new DisplayStoreError(`A display name may have at most ${DISPLAY_NAME_MAX} characters`);
  }
  return trimmed;
}
