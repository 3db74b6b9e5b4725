import "server-only";
import { randomUUID } from "node:crypto";
import type { AuthOptions } from "next-auth";
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
import {
  clientAddress,
  MemoryAttemptLimiter,
  throttledMessage,
  type AttemptLimiter,
} from "./throttle";
import { normalizeEmail, sessionsValidFromS } from "./user-store";
import { findActiveUser, sessionOwner } from "./users";

/** The error the sign-in form shows for any wrong email or password: it never says which. */
export const SIGN_IN_FAILED = "CredentialsSignin";

type Limiters = { account: AttemptLimiter; address: AttemptLimiter };
const holder = globalThis as typeof globalThis & { __fleetLiveLimiters?: Limiters };

function limiters(): Limiters {
  const { signIn } = getEnv().auth;
  holder.__fleetLiveLimiters ??= {
    account: new MemoryAttemptLimiter(signIn.maxAttemptsPerAccount, signIn.windowS * 1000),
    address: new MemoryAttemptLimiter(signIn.maxAttemptsPerAddress, signIn.windowS * 1000),
  };
  return holder.__fleetLiveLimiters;
}

/**
 * Checks an email and password. Throttled per account and per address (failures only); an
 * unknown account costs the same time as a wrong password, so neither answer nor timing tells
 * whether an account exists.
 */
async function authorizeCredentials(
  credentials: Record<string, string> | undefined,
  headers: Record<string, string | string[] | undefined>,
): Promise<SignedInUser | null> {
  const email = normalizeEmail(String(credentials?.email ?? ""));
  const password = String(credentials?.password ?? "");
  if (!email || !password || password.length > 1024) return null;
  const { account, address } = limiters();
  const from = `address:${clientAddress(headers)}`;
  const wait = Math.max(await account.retryAfterMs(email), await address.retryAfterMs(from));
  if (wait > 0) throw new Error(throttledMessage(wait));

  const user = await findActiveUser(email);
  const ok = user?.passwordHash
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstNothing(password);
  if (!ok || !user) {
    await Promise.all([account.recordFailure(email), address.recordFailure(from)]);
    return null;
  }
  await account.reset(email);
  // Read with the hash it was checked against: a change that lands meanwhile still ends it.
  return { id: user.email, email: user.email, validFromS: sessionsValidFromS(user) };
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
        const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified;
        if (!user.email || verified === false) return false;
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
        // Reading the session (the page's activity ping) counts as activity.
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
