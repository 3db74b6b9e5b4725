import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { displaySessionQueries } from "@/lib/db/display-sessions";
import { serverDatabase } from "@/lib/db/server";
import { getEnv } from "@/lib/env";
import type { DisplayRecord, DisplayView } from "@/lib/fleet/access";
import { displayCookieName } from "./cookie-names";
import {
  DisplayStore,
  displayState,
  signDisplayToken,
  tokenOf,
  verifyDisplayToken,
} from "./display-links";
import { getAuthSecret } from "./secret";
import { sessionsChanged, VerifiedCache } from "./verified-cache";

/** Who a display session is: enough to greet the screen, nothing more. */
export type DisplayViewer = { id: string; name: string };

/** The longest a browser keeps a cookie (400 days). */
export const DISPLAY_MAX_AGE_S = 400 * 24 * 3600;

/** Writing "last seen" at most this often per display keeps a wall's polling off the database. */
const SEEN_EVERY_MS = 60_000;

type Holder = { __fleetLiveDisplaySeen?: Map<string, number> };
const holder = globalThis as typeof globalThis & Holder;

/** The server's display links, on the server's database. */
export async function getDisplayStore(): Promise<DisplayStore> {
  return new DisplayStore(await serverDatabase());
}

export function secureCookies(): boolean {
  return getEnv().publicUrl?.startsWith("https://") ?? false;
}

/**
 * The display behind a link's token when its link may be opened now: signed with our secret,
 * not expired, its record present and not revoked (by any instance: the record is in the shared
 * database), not a demo link beside FleetUp, and with the expiry its token carries.
 */
async function linkRecord(token: string, now: Date): Promise<DisplayRecord | null> {
  const verified = verifyDisplayToken(token, getAuthSecret(), Math.floor(now.getTime() / 1000));
  if (!verified) return null;
  const record = await (await getDisplayStore()).find(verified.id);
  if (!record || !usable(record, now)) return null;
  // The record's expiry is the truth; a token whose expiry differs is from no link we made.
  if (tokenOf(record).expiresAtS !== verified.expiresAtS) return null;
  return record;
}

function usable(record: DisplayRecord, now: Date): boolean {
  if (displayState(record, now) !== "active") return false;
  return !(record.demo && getEnv().upstream.mode === "fleetup");
}

export type OpenedDisplay = { record: DisplayRecord; session: string; maxAgeS: number };

/**
 * Opens a display link: once per link, it becomes a display session, an opaque random token in
 * the screen's cookie (only its SHA-256 is stored). Null when the link is not valid, or has been
 * opened already: the address was seen in a browser's history or a proxy's log, not a session.
 */
export async function openDisplayLink(
  token: string,
  now = new Date(),
): Promise<OpenedDisplay | null> {
  const record = await linkRecord(token, now);
  if (!record) return null;
  const session = newSessionToken();
  const opened = await displaySessionQueries(await serverDatabase()).open(
    record.id,
    hashOf(session),
    now,
  );
  if (!opened) return null;
  markSeen(record.id, now);
  return {
    record: { ...record, openedAt: now.toISOString() },
    session,
    maxAgeS: maxAgeOf(record, now),
  };
}

/** A browser caps a cookie's lifetime at 400 days; a link without expiry gets that much. */
export function maxAgeOf(record: DisplayRecord, now: Date): number {
  return record.expiresAt === null
    ? DISPLAY_MAX_AGE_S
    : Math.max(1, Math.floor((Date.parse(record.expiresAt) - now.getTime()) / 1000));
}

const SESSION = /^ds1\.[A-Za-z0-9_-]{43}$/;
const newSessionToken = () => `ds1.${randomBytes(32).toString("base64url")}`;
const hashOf = (token: string) => createHash("sha256").update(token).digest("base64url");

/** A display session's token is replaced this often (at a request that can set a cookie). */
export const ROTATE_EVERY_MS = 60 * 60_000;
/** Requests already on their way with the token just replaced still count for this long. */
const IN_FLIGHT_GRACE_MS = 60_000;

export type DisplayLookup = {
  /** Whether the answer can carry a new cookie (a route handler; a page render cannot). */
  canSetCookie: boolean;
  now?: Date;
};

/**
 * The display session of a cookie jar (the display cookie), or null. The token before the
 * current one still counts until the browser has come back with the current one (its answer may
 * have been lost) or, once it has, for a minute (requests already on their way). A route handler
 * rotates a token older than an hour, and gives a browser that never got the new one another.
 * A cookie holding a link's own token (screens from before display sessions) opens that link.
 */
/** Display sessions verified recently, by their cookie, while no rotation is due. */
const verifiedDisplays = new VerifiedCache<DisplayViewer>();

export async function displayFromJar(
  jar: Map<string, string>,
  lookup: DisplayLookup,
): Promise<DisplayViewer | null> {
  const cookie = jar.get(displayCookieName(secureCookies()));
  if (!cookie) return null;
  const now = lookup.now ?? new Date();
  if (!SESSION.test(cookie)) {
    if (!lookup.canSetCookie) return null;
    const opened = await openDisplayLink(cookie, now);
    if (!opened) return null;
    await setDisplayCookie(opened.session, opened.maxAgeS);
    return { id: opened.record.id, name: opened.record.name };
  }
  const verified = recentlyVerifiedDisplay(jar, now);
  if (verified) return verified;
  const queries = displaySessionQueries(await serverDatabase());
  const presented = hashOf(cookie);
  const session = await queries.findByToken(presented);
  if (!session) return null;
  const record = await (await getDisplayStore()).find(session.displayId);
  if (!record || !usable(record, now)) return null;
  const isCurrent = session.tokenHash === presented;
  const sinceRotation = now.getTime() - session.rotatedAt.getTime();
  if (!isCurrent && session.currentSeen && sinceRotation > IN_FLIGHT_GRACE_MS) return null;
  markSeen(record.id, now);

  const due = isCurrent
    ? sinceRotation >= ROTATE_EVERY_MS
    : !session.currentSeen && sinceRotation > IN_FLIGHT_GRACE_MS;
  if (lookup.canSetCookie && due) {
    const next = newSessionToken();
    if (await queries.rotate(record.id, session.tokenHash, presented, hashOf(next), now)) {
      await setDisplayCookie(next, maxAgeOf(record, now));
    }
  } else if (isCurrent && !session.currentSeen) {
    await queries.markCurrentSeen(record.id, presented);
  }
  const viewer = { id: record.id, name: record.name };
  if (isCurrent && !due) {
    // Believed until its rotation is due or the link expires, whichever comes first.
    const expires = record.expiresAt ? new Date(record.expiresAt).getTime() : Infinity;
    verifiedDisplays.set(
      cookie,
      viewer,
      Math.min(session.rotatedAt.getTime() + ROTATE_EVERY_MS, expires),
      now.getTime(),
    );
  }
  return viewer;
}

/**
 * The display session of a cookie verified moments ago (no rotation due yet), or null: what may
 * be answered without the database and without setting a cookie.
 */
export function recentlyVerifiedDisplay(
  jar: Map<string, string>,
  now = new Date(),
): DisplayViewer | null {
  const cookie = jar.get(displayCookieName(secureCookies()));
  const verified = cookie ? verifiedDisplays.get(cookie, now.getTime()) : undefined;
  if (!verified) return null;
  markSeen(verified.id, now);
  return verified;
}

/** Whether a display's session still holds (an open stream asks every 30 s). */
export async function displayStillValid(id: string, now = new Date()): Promise<boolean> {
  const record = await (await getDisplayStore()).find(id);
  if (!record || !usable(record, now)) return false;
  return (await displaySessionQueries(await serverDatabase()).find(id)) !== undefined;
}

/** Sets the display cookie on the answer of the route handler that runs. */
async function setDisplayCookie(session: string, maxAgeS: number): Promise<void> {
  (await cookies()).set(displayCookieName(secureCookies()), session, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    maxAge: maxAgeS,
  });
}

/** Off the request path: the screen's request does not wait for the write. */
function markSeen(id: string, now: Date): void {
  const seen = (holder.__fleetLiveDisplaySeen ??= new Map());
  const last = seen.get(id);
  if (last !== undefined && now.getTime() - last < SEEN_EVERY_MS) return;
  seen.set(id, now.getTime());
  // "Last seen" is a courtesy to the admin: a database that refuses it must not blank a wall.
  void getDisplayStore()
    .then((store) => store.markSeen(id, now))
    .catch(() => undefined);
}

/**
 * Revokes a link: its record says so in the shared database, so every instance refuses the
 * link and its screen's session at the next request, also after any restart. Undefined for an
 * unknown id.
 */
export async function revokeDisplay(id: string): Promise<DisplayRecord | undefined> {
  const revoked = await (await getDisplayStore()).revoke(id);
  await sessionsChanged();
  return revoked;
}

/**
 * The address the admin's browser used, for links when NEXTAUTH_URL is not set: the Host (or a
 * reverse proxy's X-Forwarded-Host and -Proto) rather than request.url, which the server builds
 * from its own listening address. Only an admin's own request gets here, so only they could
 * bend it, and only for the links they are shown.
 */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim() || undefined;
  const host = first("x-forwarded-host") ?? first("host");
  const proto = first("x-forwarded-proto") ?? url.protocol.slice(0, -1);
  if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) {
    return url.origin;
  }
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

/** The address of a record's link: on PUBLIC_URL (NEXTAUTH_URL) when set, else `origin`. */
export function displayLink(record: DisplayRecord, origin: string): string {
  const base = getEnv().publicUrl ?? origin;
  return `${base}/display/${signDisplayToken(tokenOf(record), getAuthSecret())}`;
}

/** What the admin API shows of a link: the link itself only until a screen has opened it. */
export function displayView(record: DisplayRecord, origin: string, now = new Date()): DisplayView {
  const state = displayState(record, now);
  return state === "revoked" || record.openedAt !== null
    ? { ...record, state }
    : { ...record, state, link: displayLink(record, origin) };
}
