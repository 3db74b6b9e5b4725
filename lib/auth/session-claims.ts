import "server-only";
import type { SessionTimes } from "@/lib/fleet/access";

/**
 * What our session token carries beyond next-auth's defaults, and the two limits on it. next-auth
 * re-issues the JWT with a fresh `exp` whenever the session is read, so `exp` alone would let a
 * session live forever; `signedInAt` enforces the absolute lifetime, `lastSeen` the idle timeout.
 * Times are in seconds since the epoch, as in JWT claims.
 */
export type SessionClaims = {
  email: string;
  /** A random id per sign-in, so signing out can revoke this session and no other. */
  sid: string;
  signedInAt: number;
  lastSeen: number;
};

export type SessionLimits = { maxAgeS: number; idleS: number };

export type SessionCheck =
  { ok: true; claims: SessionClaims } | { ok: false; reason: "malformed" | "expired" | "idle" };

export function checkSessionClaims(
  token: unknown,
  nowS: number,
  limits: SessionLimits,
): SessionCheck {
  if (typeof token !== "object" || token === null) return { ok: false, reason: "malformed" };
  const { email, sid, signedInAt, lastSeen } = token as Record<string, unknown>;
  if (
    typeof email !== "string" ||
    typeof sid !== "string" ||
    typeof signedInAt !== "number" ||
    typeof lastSeen !== "number" ||
    lastSeen < signedInAt
  ) {
    return { ok: false, reason: "malformed" };
  }
  const claims = { email, sid, signedInAt, lastSeen };
  if (nowS - signedInAt >= limits.maxAgeS) return { ok: false, reason: "expired" };
  if (nowS - lastSeen >= limits.idleS) return { ok: false, reason: "idle" };
  return { ok: true, claims };
}

/** Claims for a fresh sign-in. */
export function newSessionClaims(email: string, sid: string, nowS: number): SessionClaims {
  return { email, sid, signedInAt: nowS, lastSeen: nowS };
}

/** The same session, seen active now; the sign-in time never moves. */
export function touchSessionClaims(claims: SessionClaims, nowS: number): SessionClaims {
  return { ...claims, lastSeen: Math.max(claims.lastSeen, nowS) };
}

/**
 * A page's presence report (POST /api/me/presence). A page that is present (visible and receiving
 * the live feed, or used by a person just now) slides the idle window to now; any other report
 * changes nothing and only learns the times, so a hidden tab can ask before it warns (another
 * tab of the same browser may have kept the session) without keeping the session alive. The
 * sign-in time never moves, so the absolute lifetime is never extended, and the idle deadline
 * never lies past it.
 */
export function reportPresence(
  claims: SessionClaims,
  present: boolean,
  nowS: number,
  limits: SessionLimits,
): { claims: SessionClaims; times: SessionTimes } {
  const next = present ? touchSessionClaims(claims, nowS) : claims;
  const endsAtS = next.signedInAt + limits.maxAgeS;
  const idleEndsAtS = Math.min(next.lastSeen + limits.idleS, endsAtS);
  return { claims: next, times: { idleEndsInS: idleEndsAtS - nowS, endsInS: endsAtS - nowS } };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
