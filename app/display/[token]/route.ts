import { NextResponse } from "next/server";
import { displayCookieName } from "@/lib/auth/cookie-names";
import { openDisplayLink, secureCookies } from "@/lib/auth/displays";
import { invalidDisplayLinkPage } from "@/lib/auth/invalid-link-page";
import { route } from "@/lib/http/route";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n/locales";

export const dynamic = "force-dynamic";

const PRIVATE = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

type Context = { params: Promise<{ token: string }> };

/**
 * A wall screen opens its display link, once: a valid one becomes a display session (an opaque
 * cookie of its own, lib/auth/displays.ts) and the screen goes on to /wall with the link's own
 * query (wall settings such as ?rotate=); a revoked, expired, forged or already opened one gets a
 * short page saying so, in the screen's language (the picker's cookie, else Accept-Language). The
 * token is never logged nor echoed.
 */
async function open(request: Request, context: Context) {
  const { token } = await context.params;
  const opened = await openDisplayLink(token);
  if (!opened) {
    const cookie = request.headers
      .get("cookie")
      ?.split(/;\s*/)
      .find((part) => part.startsWith(`${LOCALE_COOKIE}=`))
      ?.slice(LOCALE_COOKIE.length + 1);
    const locale = pickLocale(cookie, request.headers.get("accept-language"));
    return new Response(invalidDisplayLinkPage(locale), {
      status: 403,
      headers: {
        ...PRIVATE,
        "content-type": "text/html; charset=utf-8",
        vary: "cookie, accept-language",
      },
    });
  }
  // A relative Location: the browser resolves it against the address it used, proxy or not.
  const response = new NextResponse(null, {
    status: 303,
    headers: { ...PRIVATE, location: `/wall${new URL(request.url).search}` },
  });
  response.cookies.set(displayCookieName(secureCookies()), opened.session, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: secureCookies(),
    maxAge: opened.maxAgeS,
  });
  return response;
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route<Context>({ GET: open });
