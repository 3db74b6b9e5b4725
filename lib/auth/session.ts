import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getEnv } from "@/lib/env";
import { roleAtLeast, type Role, type SessionUser } from "@/lib/fleet/access";
import { HttpError } from "@/lib/http/http-error";
import { parseCookieHeader, sessionTokenFrom } from "./cookie-names";
import {
  displayFromJar,
  displayStillValid,
  recentlyVerifiedDisplay,
  type DisplayViewer,
} from "./displays";
import { isSessionRevoked } from "./revocations";
import { getAuthSecret } from "./secret";
import { checkSessionClaims, nowSeconds, type SessionClaims } from "./session-claims";
import { sessionOwner } from "./users";
import { VerifiedCache } from "./verified-cache";

export type UserSession = { user: SessionUser; claims: SessionClaims };

/**
 * The user behind a cookie jar, or null. Checks everything on every call: the token decrypts
 * with our secret, the absolute lifetime and idle timeout hold, the session was not signed out,
 * the user still exists and has not changed password or role (nor been signed out everywhere)
 * since the session began. Users and sign-outs are in the database, so this holds on every
 * instance at once.
 */
export async function sessionUserFrom(jar: Map<string, string>): Promise<SessionUser | null> {
  return (await userSessionFrom(jar))?.user ?? null;
}

const verifiedUsers = new VerifiedCache<UserSession>();

async function userSessionFrom(jar: Map<string, string>): Promise<UserSession | null> {
  const env = getEnv();
  const token = sessionTokenFrom(jar, env.publicUrl?.startsWith("https://") ?? false);
  if (!token) return null;
  return verifiedUsers.verified(token, async () => {
    let payload: unknown;
    try {
      payload = await decode({ token, secret: getAuthSecret() });
    } catch {
      return null;
    }
    const limits = { maxAgeS: env.auth.sessionMaxAgeS, idleS: env.auth.sessionIdleS };
    const check = checkSessionClaims(payload, nowSeconds(), limits);
    if (!check.ok || (await isSessionRevoked(check.claims.sid))) return null;
    const user = await sessionOwner(check.claims.email, check.claims.signedInAt);
    if (!user) return null;
    return {
      value: { user: { email: user.email, role: user.role }, claims: check.claims },
      // Never past the session's absolute lifetime.
      until: (check.claims.signedInAt + limits.maxAgeS) * 1000,
    };
  });
}

/**
 * A person's session with its claims (for the presence report, which re-issues the cookie): 401
 * without a valid one, after the same checks as every route. A display session is not a person.
 */
export async function requireUserSession(request: Request): Promise<UserSession> {
  const session = await userSessionFrom(parseCookieHeader(request.headers.get("cookie")));
  if (!session) throw new HttpError("unauthorized", "Sign in to use this.");
  return session;
}

/**
 * The same session, checked again later on an open stream. The idle timeout is not checked: a
 * stream does not refresh the cookie, and the page ends an idle session itself. Signing out,
 * the absolute lifetime, a removed user and a changed password or role still end it.
 */
async function userSessionStillValid(session: UserSession): Promise<boolean> {
  const { sid, signedInAt } = session.claims;
  if (await isSessionRevoked(sid)) return false;
  if (nowSeconds() - signedInAt >= getEnv().auth.sessionMaxAgeS) return false;
  return (await sessionOwner(session.user.email, signedInAt)) !== undefined;
}

/**
 * Who may read the fleet (the map's snapshot, stream and fences): a signed-in user of any role,
 * or a wall screen's display session. `stillValid` checks the same credentials again, for a
 * long-lived answer such as the SSE stream.
 */
export type FleetReader = (
  { kind: "user"; user: SessionUser } | { kind: "display"; display: DisplayViewer }
) & {
  /** One session: a person's sign-in, or a wall screen's display session (limits count per key). */
  key: string;
  stillValid: () => Promise<boolean>;
};

async function fleetReaderFrom(
  jar: Map<string, string>,
  canSetCookie: boolean,
): Promise<FleetReader | null> {
  const session = await userSessionFrom(jar);
  if (session) return userReader(session);
  const display = await displayFromJar(jar, { canSetCookie });
  return display && displayReader(display);
}

const userReader = (session: UserSession): FleetReader => ({
  kind: "user",
  user: session.user,
  key: `user:${session.claims.sid}`,
  stillValid: () => userSessionStillValid(session),
});

const displayReader = (display: DisplayViewer): FleetReader => ({
  kind: "display",
  display,
  key: `display:${display.id}`,
  stillValid: () => displayStillValid(display.id),
});

/**
 * The check of the routes a wall screen needs: 401 without a user or display session. A route
 * handler's answer can carry a display session's next token (it rotates).
 */
export async function requireFleetReader(request: Request): Promise<FleetReader> {
  const reader = await fleetReaderFrom(parseCookieHeader(request.headers.get("cookie")), true);
  if (!reader) throw new HttpError("unauthorized", "Sign in to use this.");
  return reader;
}

/**
 * The reader behind a Cookie header, when that needs no answer but the stream itself: a
 * person's session (verified as every route does), or a wall screen's display session verified
 * moments ago. Null sends the request on to the route handler, which can set a rotated display
 * cookie and answers every refusal (lib/live/direct-stream.ts).
 */
export async function settledFleetReader(
  cookieHeader: string | undefined,
): Promise<FleetReader | null> {
  const jar = parseCookieHeader(cookieHeader ?? null);
  const session = await userSessionFrom(jar);
  if (session) return userReader(session);
  const display = recentlyVerifiedDisplay(jar);
  return display && displayReader(display);
}

/** The same check without refusing: who is asking, if anyone (for /api/health's details). */
export async function optionalFleetReader(request: Request): Promise<FleetReader | null> {
  return fleetReaderFrom(parseCookieHeader(request.headers.get("cookie")), true);
}

/**
 * Who may act on alerts (acknowledge, claim, assign, resolve): a signed-in dispatcher or admin.
 * 401 without any session; 403 with a message for a viewer and for a wall screen's display
 * session, which may see alerts but not act on them.
 */
export async function requireAlertActor(request: Request): Promise<SessionUser> {
  const reader = await requireFleetReader(request);
  if (reader.kind === "display") {
    throw new HttpError(
      "forbidden",
      "A wall screen shows alerts but cannot act on them; sign in as a dispatcher.",
    );
  }
  if (!roleAtLeast(reader.user.role, "dispatcher")) {
    throw new HttpError(
      "forbidden",
      `Acting on alerts needs the dispatcher role; you are signed in as ${reader.user.role}.`,
    );
  }
  return reader.user;
}

/**
 * The viewer of the /wall page: a signed-in user or a display session; without either,
 * redirects to /sign-in and back to `callbackPath` afterwards.
 */
export async function getWallViewer(callbackPath = "/wall"): Promise<FleetReader> {
  const reader = await fleetReaderFrom(await pageCookies(), false);
  if (!reader) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: callbackPath })}`);
  return reader;
}

/**
 * The one session check every /api route calls on the server: 401 without a valid session,
 * 403 when the role is below `needed`. Throws HttpError; `handleRoute` turns it into the answer.
 */
export async function requireApiSession(
  request: Request,
  needed: Role = "viewer",
): Promise<SessionUser> {
  const { user } = await requireUserSession(request);
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
  return sessionUserFrom(await pageCookies());
}

async function pageCookies(): Promise<Map<string, string>> {
  return new Map((await cookies()).getAll().map((cookie) => [cookie.name, cookie.value]));
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
