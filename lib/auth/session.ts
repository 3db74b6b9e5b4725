import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getEnv } from "@/lib/env";
import { HttpError } from "@/lib/http/http-error";
import { parseCookieHeader, sessionTokenFrom } from "./cookie-names";
import { isSessionRevoked } from "./revocations";
import { roleAtLeast, type Role } from "./roles";
import { getAuthSecret } from "./secret";
import { checkSessionClaims, nowSeconds } from "./session-claims";
import { findActiveUser } from "./users";

export type SessionUser = { email: string; role: Role };

/**
 * The user behind a cookie jar, or null. Checks everything on every call: the token decrypts
 * with our secret, the absolute lifetime and idle timeout hold, the session was not signed out,
 * and the user still exists (the role comes from the user store, so a change applies at once).
 */
export async function sessionUserFrom(jar: Map<string, string>): Promise<SessionUser | null> {
  const env = getEnv();
  const token = sessionTokenFrom(jar, env.publicUrl?.startsWith("https://") ?? false);
  if (!token) return null;
  let payload: unknown;
  try {
    payload = await decode({ token, secret: getAuthSecret() });
  } catch {
    return null;
  }
  const limits = { maxAgeS: env.auth.sessionMaxAgeS, idleS: env.auth.sessionIdleS };
  const check = checkSessionClaims(payload, nowSeconds(), limits);
  if (!check.ok || isSessionRevoked(check.claims.sid)) return null;
  const user = await findActiveUser(check.claims.email);
  return user ? { email: user.email, role: user.role } : null;
}

/**
 * The one session check every /api route calls on the server: 401 without a valid session,
 * 403 when the role is below `needed`. Throws HttpError; `handleRoute` turns it into the answer.
 */
export async function requireApiSession(
  request: Request,
  needed: Role = "viewer",
): Promise<SessionUser> {
  const user = await sessionUserFrom(parseCookieHeader(request.headers.get("cookie")));
  if (!user) throw new HttpError("unauthorized", "Sign in to use this.");
  if (!roleAtLeast(user.role, needed)) {
    throw new HttpError(
      "forbidden",
      `This needs the ${needed} role; you are signed in as ${user.role}.`,
    );
  }
  return user;
}

/** The signed-in user of a page request, or null. */
export async function getPageSession(): Promise<SessionUser | null> {
  const jar = new Map((await cookies()).getAll().map((cookie) => [cookie.name, cookie.value]));
  return sessionUserFrom(jar);
}

/**
 * The page-side check: without a valid session, redirects to /sign-in and back to
 * `callbackPath` afterwards; with a role below `needed`, answers 404 (a page a role may not use
 * is not shown to exist).
 */
export async function requirePageSession(
  needed: Role = "viewer",
  callbackPath = "/",
): Promise<SessionUser> {
  const user = await getPageSession();
  if (!user) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: callbackPath })}`);
  if (!roleAtLeast(user.role, needed)) notFound();
  return user;
}
