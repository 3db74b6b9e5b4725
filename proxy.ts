import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { hasDisplayCookie, hasSessionCookie } from "@/lib/auth/cookie-names";
import { proxyDecision } from "@/lib/auth/proxy-rules";
import { answerSecurityHeaders } from "@/lib/auth/security-headers";
import { getEnv } from "@/lib/env";

/**
 * The first line of defence, and the place every response gets its security headers. Without a
 * session cookie, a page redirects to /sign-in and a session-only API answers 401 here already;
 * a wall screen's display cookie alone reaches only /wall and the APIs it reads
 * (lib/auth/proxy-rules.ts). This only looks for cookies: the real check (token, limits, role,
 * revocation) runs on the server in every page and route (lib/auth/session.ts), so nothing
 * depends on this file alone.
 */
export function proxy(request: NextRequest) {
  const nonce = randomBytes(16).toString("base64");
  const security = answerSecurityHeaders(getEnv(), nonce);
  const csp = security["Content-Security-Policy"]!;
  const names = request.cookies.getAll().map((cookie) => cookie.name);
  const { pathname, search } = request.nextUrl;
  const decision = proxyDecision({
    pathname,
    method: request.method,
    hasUserCookie: hasSessionCookie(names),
    hasDisplayCookie: hasDisplayCookie(names),
  });

  let response: NextResponse;
  if (decision === "malformed") {
    // Next.js decodes a dynamic segment before the handler runs and answers a bad escape
    // (%zz, or %C0%AF which is no UTF-8) with a 500; refuse such a path here instead.
    response = NextResponse.json(
      { error: { code: "bad_request", message: "The address has a malformed %-escape." } },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  } else if (decision === "page-options") {
    // Next.js answers OPTIONS on a page with a bare 400; a page is read, nothing else.
    response = new NextResponse(null, {
      status: 204,
      headers: { allow: "GET, HEAD, OPTIONS", "cache-control": "no-store" },
    });
  } else if (decision === "unauthorized") {
    response = NextResponse.json(
      { error: { code: "unauthorized", message: "Sign in to use this." } },
      { status: 401, headers: { "cache-control": "no-store" } },
    );
  } else if (decision === "sign-in") {
    const target = request.nextUrl.clone();
    target.pathname = "/sign-in";
    target.search = `?${new URLSearchParams({ callbackUrl: `${pathname}${search}` })}`;
    response = NextResponse.redirect(target);
  } else {
    // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
    const headers = new Headers(request.headers);
    headers.set("content-security-policy", csp);
    headers.set("x-nonce", nonce);
    response = NextResponse.next({ request: { headers } });
  }
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  // A display link's path is its secret: no page it leads to may pass it on as a Referer.
  if (pathname.startsWith("/display/")) response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

export const config = {
  // Static build files get their headers from next.config.mjs.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
