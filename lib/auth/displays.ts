import "server-only";
import { serverDatabase } from "@/lib/db/server";
import { getEnv } from "@/lib/env";
import { displayCookieName } from "./cookie-names";
import {
  DisplayStore,
  displayState,
  signDisplayToken,
  tokenOf,
  verifyDisplayToken,
  type DisplayRecord,
  type DisplayState,
} from "./display-links";
import { getAuthSecret } from "./secret";

/** Who a display session is: enough to greet the screen, nothing more. */
export type DisplayViewer = { id: string; name: string };

/** What the admin API answers for one link; no link once it is revoked. */
export type DisplayView = DisplayRecord & { state: DisplayState; link?: string };

/** A browser caps a cookie's lifetime at 400 days; a link without expiry gets that much. */
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
 * The display behind a link's token when it may show the wall now: signed with our secret, not
 * expired, its record present and not revoked (by any instance: the record is in the shared
 * database). Records the visit.
 */
export async function checkDisplayToken(
  token: string,
  now = new Date(),
): Promise<DisplayRecord | null> {
  const verified = verifyDisplayToken(token, getAuthSecret(), Math.floor(now.getTime() / 1000));
  if (!verified) return null;
  const record = await (await getDisplayStore()).find(verified.id);
  if (!record || displayState(record, now) !== "active") return null;
  // The record's expiry is the truth; a token whose expiry differs is from no link we made.
  if (tokenOf(record).expiresAtS !== verified.expiresAtS) return null;
  markSeen(record.id, now);
  return record;
}

/** The display session of a cookie jar (the display cookie), or null. */
export async function displayFromJar(jar: Map<string, string>): Promise<DisplayViewer | null> {
  const token = jar.get(displayCookieName(secureCookies()));
  if (!token) return null;
  const record = await checkDisplayToken(token);
  return record ? { id: record.id, name: record.name } : null;
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
  return (await getDisplayStore()).revoke(id);
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

export function displayView(record: DisplayRecord, origin: string, now = new Date()): DisplayView {
  const state = displayState(record, now);
  return state === "revoked"
    ? { ...record, state }
    : { ...record, state, link: displayLink(record, origin) };
}
