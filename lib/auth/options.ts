import "server-only";
import { randomUUID } from "node:crypto";
import type { AuthOptions } from "next-auth";
import { cookies } from "next/headers";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { safeCallbackPath } from "./callback-url";
import { verifyAgainstNothing, verifyPassword } from "./password";
import { isSessionRevoked, revokeSession } from "./revocations";
import { getAuthSecret } from "./secret";
import {
  checkSessionClaims,
  newSessionClaims,
  nowSeconds,
  touchSessionClaims,
} from "./session-claims";
import { clientAddress } from "@/lib/http/client-address";
import { connectRedis } from "@/lib/live/redis/connection";
import { deviceCookieName, parseCookieHeader } from "./cookie-names";
import { DEVICE_COOKIE_MAX_AGE_S, newDeviceCookie, trustedDevice } from "./device-cookie";
import { countAttempt } from "./metrics";
import { MemoryThrottleStore, SignInThrottle, throttlePolicy } from "./throttle";
import { FallbackThrottleStore, RedisThrottleStore } from "./throttle-redis";
import { normalizeEmail, sessionsValidFromS } from "./user-store";
import { findActiveUser, sessionOwner } from "./users";

/** The error the sign-in form shows for any wrong email or password: it never says which. */
export const SIGN_IN_FAILED = "CredentialsSignin";

const THROTTLE_KEY = Symbol.for("fleet-live.sign-in-throttle");
const holder = globalThis as typeof globalThis & { [THROTTLE_KEY]?: SignInThrottle };

/**
 * One throttle per process (every route bundle shares it through globalThis), counting in Redis
 * when the deployment has one, so every instance sees every attempt.
 */
function signInThrottle(): SignInThrottle {
  const env = getEnv();
  const { signIn } = env.auth;
  holder[THROTTLE_KEY] ??= new SignInThrottle(
    env.redisUrl
      ? new FallbackThrottleStore(new RedisThrottleStore(connectRedis(env.redisUrl, "sign-in")))
      : new MemoryThrottleStore(),
    {
      account: throttlePolicy(signIn.maxAttemptsPerAccount, signIn.windowS),
      address: throttlePolicy(signIn.maxAttemptsPerAddress, signIn.windowS),
    },
  );
  return holder[THROTTLE_KEY];
}

/** The throttle's refusal, as the sign-in form reads it (components/auth/sign-in-message.ts). */
function refusal(admission: { reason: "throttled" | "busy"; retryAfterMs: number }): Error {
  return new Error(
    admission.reason === "busy"
      ? "Busy"
      : `Throttled-${Math.max(1, Math.ceil(admission.retryAfterMs / 1000))}`,
  );
}

/**
 * Checks an email and password. The attempt is counted before the password is checked, and at
 * most one check per account runs at a time (lib/auth/throttle.ts); an unknown account costs
 * the same time as a wrong password, so neither answer nor timing tells whether it exists.
 */
async function authorizeCredentials(
  credentials: Record<string, string> | undefined,
  headers: Record<string, string | string[] | undefined>,
): Promise<SignedInUser | null> {
  const email = normalizeEmail(String(credentials?.email ?? ""));
  const password = String(credentials?.password ?? "");
  if (!email || !password || password.length > 1024 || email.length > 254) return null;
  const env = getEnv();
  const secure = env.publicUrl?.startsWith("https://") ?? false;
  const jar = parseCookieHeader(one(headers.cookie));
  const admission = await signInThrottle().admit({
    email,
    address: clientAddress(headers, env.trustProxyHops),
    device: trustedDevice(jar.get(deviceCookieName(secure)), getAuthSecret(), email),
  });
  if (!admission.ok) {
    countAttempt(admission.reason);
    throw refusal(admission);
  }
  let signedIn = false;
  try {
    const user = await findActiveUser(email);
    const ok = user?.passwordHash
      ? await verifyPassword(password, user.passwordHash)
      : await verifyAgainstNothing(password);
    signedIn = ok && user !== undefined;
    countAttempt(signedIn ? "signed_in" : "failed");
    if (!signedIn || !user) return null;
    await rememberDevice(email, secure);
    // Read with the hash it was checked against: a change that lands meanwhile still ends it.
    return { id: user.email, email: user.email, validFromS: sessionsValidFromS(user) };
  } finally {
    await admission.finish(signedIn);
  }
}

const one = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join("; ") : (value ?? null);

/** Gives the browser its device cookie for this account (only inside a request). */
async function rememberDevice(email: string, secure: boolean): Promise<void> {
  try {
    (await cookies()).set(deviceCookieName(secure), newDeviceCookie(getAuthSecret(), email), {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/api/auth",
      maxAge: DEVICE_COOKIE_MAX_AGE_S,
    });
  } catch {
    // Outside a request (a unit test): there is no browser to remember.
  }
}

/**
 * Who just proved their identity, and the first second their session may count as started in:
 * a session token counts whole seconds, and one that began in the same second as a password
 * change must not be taken for older than it.
 */
type SignedInUser = { id: string; email: string; validFromS?: number };

async function validFromS(user: SignedInUser): Promise<number> {
  if (user.validFromS !== undefined) return user.validFromS;
  const stored = await findActiveUser(user.email); // single sign-on: not read in authorize
  return stored ? sessionsValidFromS(stored) : 0;
}

function oidcProviders(): AuthOptions["providers"] {
  const { oidc } = getEnv().auth;
  if (!oidc) return [];
  return [
    {
      id: "oidc",
      name: "single sign-on",
      type: "oauth",
      wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
      },
    },
  ];
}

let cached: AuthOptions | undefined;

export function getAuthOptions(): AuthOptions {
  if (cached) return cached;
  const env = getEnv();
  const limits = { maxAgeS: env.auth.sessionMaxAgeS, idleS: env.auth.sessionIdleS };
  cached = {
    secret: getAuthSecret(),
    useSecureCookies: env.publicUrl?.startsWith("https://") ?? false,
    session: { strategy: "jwt", maxAge: limits.maxAgeS },
    jwt: { maxAge: limits.maxAgeS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: (credentials, request) =>
          authorizeCredentials(credentials, request.headers ?? {}),
      }),
      ...oidcProviders(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        // Single sign-on proves who someone is; the user store says whether they may come in.
        // Users are matched by email, so only an address the issuer has verified counts: a
        // missing claim is refused too (an issuer may let anyone type any address).
        const verified = (profile as { email_verified?: unknown } | undefined)?.email_verified;
        if (!user.email || verified !== true) return false;
        return (await findActiveUser(user.email)) !== undefined;
      },
      async jwt({ token, user }) {
        const now = nowSeconds();
        if (user?.email) {
          const email = normalizeEmail(user.email);
          const signedInAt = Math.max(now, await validFromS({ ...user, email } as SignedInUser));
          return { ...newSessionClaims(email, randomUUID(), signedInAt) };
        }
        const check = checkSessionClaims(token, now, limits);
        if (!check.ok) throw new SessionEnded(check.reason);
        if (await isSessionRevoked(check.claims.sid)) throw new SessionEnded("signed out");
        // Reading the session counts as activity, as a presence report does (app/api/me/presence).
        return { ...touchSessionClaims(check.claims, now) };
      },
      async session({ session, token }) {
        const signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
        const user = await sessionOwner(String(token.email ?? ""), signedInAt);
        if (!user) throw new SessionEnded("no such user, or signed out everywhere");
        return { expires: session.expires, user: { email: user.email, role: user.role } };
      },
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
    },
    events: {
      async signOut({ token }) {
        const check = checkSessionClaims(token, nowSeconds(), limits);
        if (check.ok) {
          await revokeSession(
            check.claims.sid,
            check.claims.signedInAt + limits.maxAgeS,
            nowSeconds(),
          );
        }
      },
    },
    // next-auth's own logger prints whole error objects; ours prints the code and nothing else.
    logger: {
      error(code) {
        if (code !== "JWT_SESSION_ERROR") console.error(`[auth] ${code}`);
      },
      warn(code) {
        if (code !== "NEXTAUTH_URL" && code !== "DEBUG_ENABLED") console.warn(`[auth] ${code}`);
      },
      debug() {},
    },
  };
  return cached;
}

/** Thrown in the jwt callback to end a session; next-auth then clears the cookie. */
class SessionEnded extends Error {
  override name = "SessionEnded";
}
