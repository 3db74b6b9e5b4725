import "server-only";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./cookie-names";
import { getAuthSecret } from "./secret";
import type { SessionClaims } from "./session-claims";

/**
 * Writes the session cookie with these claims on the answer of the route handler that runs, as
 * next-auth writes it when the session is read (same name, same encryption, same attributes):
 * the presence report slides `lastSeen` this way, so the session stays one self-contained token
 * that every instance reads alike. The token and the cookie live no longer than the session may.
 */
export async function setSessionCookie(claims: SessionClaims, nowS: number): Promise<void> {
  const env = getEnv();
  const secure = env.publicUrl?.startsWith("https://") ?? false;
  const endsAtS = claims.signedInAt + env.auth.sessionMaxAgeS;
  const token = await encode({
    secret: getAuthSecret(),
    token: { ...claims },
    maxAge: Math.max(1, endsAtS - nowS),
  });
  (await cookies()).set(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    expires: new Date(endsAtS * 1000),
  });
}
