/**
 * Who uses Fleet Live and what they may see: roles, the signed-in person and display links, as
 * the server decides them (lib/auth) and pages show them. Isomorphic, so components can hide what
 * a role may not use without importing server code.
 */

export const ROLES = ["admin", "dispatcher", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Each role may do everything the roles after it may do. */
const RANK: Record<Role, number> = { admin: 3, dispatcher: 2, viewer: 1 };

export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** A signed-in person, as pages see them. */
export type SessionUser = { email: string; role: Role };

/**
 * What a page learns about its session (POST /api/me/presence): seconds until it idles out, and
 * until it ends.
 */
export type SessionTimes = { idleEndsInS: number; endsInS: number };

/** A display link: a named, read-only link for one wall screen (lib/auth/display-links.ts). */
export type DisplayRecord = {
  id: string;
  name: string;
  createdAt: string;
  /** The admin's email. */
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
  /** When a screen opened the link (it opens once); null until then. */
  openedAt: string | null;
  /** Made while the deployment ran on the simulator: it never opens beside FleetUp. */
  demo: boolean;
};

export type DisplayState = "active" | "expired" | "revoked";

/** What the admin API answers for one link; no link once it is revoked or opened. */
export type DisplayView = DisplayRecord & { state: DisplayState; link?: string };

/** GET /api/admin/displays: every link, newest first. */
export type DisplayList = { displays: DisplayView[] };

/** POST /api/admin/displays (201; a new link always carries `link`) and DELETE …/{id}: one link. */
export type OneDisplay = { display: DisplayView };
