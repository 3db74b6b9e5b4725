import { NextResponse } from "next/server";
import { displayCookieName } from "@/lib/auth/cookie-names";
import { checkDisplayToken, DISPLAY_MAX_AGE_S, secureCookies } from "@/lib/auth/displays";
import { invalidDisplayLinkPage } from "@/lib/auth/invalid-link-page";

export const dynamic = "force-dynamic";

const PRIVATE = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

/**
 * A wall screen opens its display link: a valid one becomes a display session cookie and the
 * screen goes on to /wall with the link's own query (wall settings such as ?rotate=); a revoked,
 * expired or forged one gets a short page saying so. The token is never logged nor echoed.
 */
export async function GET(request: Request, context: { params: Promise<{ token: string }> }) {
  const { token } = await context.params;
  const now = new Date();
  const record = await checkDisplayToken(token, now).catch((error: unknown) => {
    // The error names the store's file at most, never the token.
    console.error(`[auth] display link check failed: ${(error as Error).message ?? "unknown"}`);
    return null;
  });
  if (!record) {
    return new Response(invalidDisplayLinkPage(), {
      status: 403,
      headers: { ...PRIVATE, "content-type": "text/html; charset=utf-8" },
    });
  }
  const maxAge =
    record.expiresAt === null
      ? DISPLAY_MAX_AGE_S
      : Math.max(1, Math.floor((Date.parse(record.expiresAt) - now.getTime()) / 1000));
  // A relative Location: the browser resolves it against the address it used, proxy or not.
  const response = new NextResponse(null, {
    status: 303,
    headers: { ...PRIVATE, location: `/wall${new URL(request.url).search}` },
  });
  response.cookies.set(displayCookieName(secureCookies()), token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    maxAge,
  });
  return response;
}
