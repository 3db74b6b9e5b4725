import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { RecordFile } from "./record-file";

/**
 * Display links: a named, read-only link for one wall screen. The link carries a signed token
 * `v1.<id>.<expiresAtS or 0>.<signature>`; the signature is HMAC-SHA256 under a key derived from
 * the auth secret, so a link cannot be forged or edited (a later expiry, another id) and every
 * link dies with the secret. The token is a pure function of the record, so an admin can copy a
 * link again at any time and nothing secret is stored. Whether a link still works (not revoked,
 * not expired) is decided by the store below, on every request.
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

export type DisplayRecord = {
  id: string;
  name: string;
  createdAt: string;
  /** The admin's email. */
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
};

export type DisplayState = "active" | "expired" | "revoked";

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

const DAYS = `Expiry must be a whole number of days from 1 to ${DISPLAY_EXPIRY_MAX_DAYS}, or absent for never.`;

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

const displaySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
});

export class DisplayStoreError extends Error {
  override name = "DisplayStoreError";
}

/**
 * The display links of this deployment: one JSON file (DISPLAYS_FILE, default
 * .data/displays.json) kept as a RecordFile, like the user store: atomic writes, mode 0600, read
 * again only when the file changes, so the per-request check costs one stat.
 */
export class DisplayStore {
  private readonly file: RecordFile<DisplayRecord>;

  constructor(
    readonly path: string,
    private readonly options: { now?: () => Date } = {},
  ) {
    this.file = new RecordFile(
      path,
      "displays",
      displaySchema,
      () => new DisplayStoreError(`The display store ${path} is not a valid displays file`),
    );
  }

  list(): Promise<DisplayRecord[]> {
    return this.file.list();
  }

  async find(id: string): Promise<DisplayRecord | undefined> {
    return (await this.list()).find((display) => display.id === id);
  }

  async create(name: string, expiresAt: Date | null, createdBy: string): Promise<DisplayRecord> {
    const trimmed = checkedName(name);
    return this.update((displays) => {
      const record: DisplayRecord = {
        id: newDisplayId(),
        name: trimmed,
        createdAt: this.now().toISOString(),
        createdBy,
        // Whole seconds, as the link's token carries it, so the two never disagree.
        expiresAt: expiresAt
          ? new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString()
          : null,
        revokedAt: null,
        lastSeenAt: null,
      };
      return { displays: [...displays, record], result: record };
    });
  }

  /** Revokes a link (again revoking one keeps the first time); undefined for an unknown id. */
  async revoke(id: string): Promise<DisplayRecord | undefined> {
    return this.change(id, (record) =>
      record.revokedAt === null ? { ...record, revokedAt: this.now().toISOString() } : record,
    );
  }

  async markSeen(id: string, at: Date): Promise<DisplayRecord | undefined> {
    return this.change(id, (record) => ({ ...record, lastSeenAt: at.toISOString() }));
  }

  private change(
    id: string,
    edit: (record: DisplayRecord) => DisplayRecord,
  ): Promise<DisplayRecord | undefined> {
    return this.update((displays) => {
      const index = displays.findIndex((display) => display.id === id);
      const found = displays[index];
      if (!found) return { displays, result: undefined };
      const changed = edit(found);
      return { displays: displays.with(index, changed), result: changed };
    });
  }

  private update<T>(
    edit: (displays: DisplayRecord[]) => { displays: DisplayRecord[]; result: T },
  ): Promise<T> {
    return this.file.update((records) => {
      const { displays, result } = edit(records);
      return { records: displays, result };
    });
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
