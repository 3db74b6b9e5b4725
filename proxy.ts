import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { hasSessionCookie } from "@/lib/auth/cookie-names";
import { baseSecurityHeaders, contentSecurityPolicy } from "@/lib/auth/security-headers";
import { getEnv } from "@/lib/env";

/**
 * The first line of defence, and the place every response gets its security headers. Without a
 * session cookie, a page redirects to /sign-in and a session-only API answers 401 here already.
 * This only looks for the cookie: the real check (token, limits, role) runs on the server in
 * every page and route (lib/auth/session.ts), so nothing depends on this file alone.
 */
const SESSION_APIS = ["/api/fleet/", "/api/admin/"];

function needsSessionApi(pathname: string): boolean {
  return SESSION_APIS.some((prefix) => pathname.startsWith(prefix) || `${pathname}/` === prefix);
}

function isProtectedPage(request: NextRequest): boolean {
  const { pathname } = request.nextUrl;
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (pathname.startsWith("/api/") || pathname.startsWith("/_next/")) return false;
  if (pathname === "/sign-in") return false;
  // Files from public/ (a basemap, an icon) are not pages and are not secret.
  return !(pathname.split("/").pop() ?? "").includes(".");
}

export function proxy(request: NextRequest) {
  const env = getEnv();
  const https = env.publicUrl?.startsWith("https://") ?? false;
  const nonce = randomBytes(16).toString("base64");
  const csp = contentSecurityPolicy({
    nonce,
    tileUrl: env.tileUrl,
    https,
    development: env.nodeEnv === "development",
  });
  const signedIn = hasSessionCookie(request.cookies.getAll().map((cookie) => cookie.name));
  const { pathname, search } = request.nextUrl;

  let response: NextResponse;
  if (!signedIn && needsSessionApi(pathname)) {
    response = NextResponse.json(
      { error: { code: "unauthorized", message: "Sign in to use this." } },
      { status: 401, headers: { "cache-control": "no-store" } },
    );
  } else if (!signedIn && isProtectedPage(request)) {
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
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(baseSecurityHeaders(https))) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  // Static build files get their headers from next.config.mjs.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
