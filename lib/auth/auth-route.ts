import "server-only";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { DatabaseUnavailableError } from "@/lib/db/errors";
import { errorAnswer } from "@/lib/http/handle-route";
import { HttpError } from "@/lib/http/http-error";
import { readTextBody } from "@/lib/http/read-body";
import { requireSameSite } from "@/lib/http/same-site";
import { errorResponse } from "@/lib/http/respond";
import { getAuthOptions } from "./options";

/**
 * next-auth's endpoints, behind a gate that lets through only what its own pages and client
 * send: next-auth itself answers some malformed requests with a 500 or throws (a GET on the
 * credentials callback, a JSON body that is not JSON, a `javascript:` callbackUrl, a header it
 * cannot write). Everything else gets a 4xx with the one error body.
 *
 * Its `_log` endpoint is off: it writes whatever anyone posts into the server's log.
 */
const ACTIONS: Record<string, readonly string[]> = {
  GET: ["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error"],
  POST: ["signin", "signout", "callback"],
};
const KNOWN = new Set(Object.values(ACTIONS).flat());

/** A form of next-auth's client holds a csrf token, an email, a password and a callbackUrl. */
const MAX_FORM_BODY = 16 * 1024;

/** next-auth's error codes are words; anything else is not from next-auth. */
const ERROR_CODE = /^[A-Za-z]{1,64}$/;

type Context = { params: Promise<{ nextauth: string[] }> };

export async function authRoute(request: NextRequest, context: Context): Promise<Response> {
  try {
    const forwarded = await checkedRequest(request, (await context.params).nextauth ?? []);
    const response = (await NextAuth(forwarded, context, getAuthOptions())) as Response;
    if (response.status < 500) return response;
    // With a valid configuration, next-auth's 5xx is an answer to input it could not use.
    console.warn(`[auth] refused a request next-auth answered with ${response.status}`);
    return errorResponse("bad_request", "This sign-in request is not valid.");
  } catch (error) {
    if (error instanceof HttpError || error instanceof DatabaseUnavailableError) {
      return errorAnswer(error);
    }
    console.warn(`[auth] refused a request next-auth could not handle: ${nameOf(error)}`);
    return errorResponse("bad_request", "This sign-in request is not valid.");
  }
}

const nameOf = (error: unknown) => (error instanceof Error ? error.name : "unknown");

/** The request as next-auth may see it, or an HttpError saying what is wrong with it. */
async function checkedRequest(request: NextRequest, path: string[]): Promise<NextRequest> {
  const [action = "", provider, ...rest] = path;
  if (!KNOWN.has(action) || rest.length > 0) {
    throw new HttpError("not_found", "There is no such sign-in endpoint.");
  }
  const allowed = Object.keys(ACTIONS).filter((method) => ACTIONS[method]!.includes(action));
  if (!allowed.includes(request.method)) {
    throw new HttpError("method_not_allowed", `${request.method} is not allowed here.`, {
      allow: allowed.join(", "),
    });
  }
  if (provider !== undefined) {
    const ids = getAuthOptions().providers.map((each) => each.id);
    if (!["signin", "callback"].includes(action) || !ids.includes(provider)) {
      throw new HttpError("not_found", "There is no such sign-in endpoint.");
    }
    if (action === "callback" && provider === "credentials" && request.method !== "POST") {
      throw new HttpError("method_not_allowed", "Sign in with the sign-in form.", {
        allow: "POST",
      });
    }
  }
  const origin = request.nextUrl.origin;
  checkCallbackUrl(request.nextUrl.searchParams.get("callbackUrl"), origin);
  const cookie = callbackUrlCookie(request);
  if (cookie && !validCallbackUrl(cookie.value, origin)) {
    // next-auth sets this cookie itself, from checked values: clear a forged one, or every
    // sign-in request of this browser would be refused.
    throw new HttpError("bad_request", "The callbackUrl must be a path on this site.", {
      "set-cookie": `${cookie.name}=; Path=/; Max-Age=0`,
    });
  }
  const error = request.nextUrl.searchParams.get("error");
  if (error !== null && !ERROR_CODE.test(error)) {
    throw new HttpError("bad_request", "This sign-in request is not valid.");
  }
  if (request.method !== "POST") return request;

  requireSameSite(request);
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new HttpError("unsupported_media_type", "Sign in with the sign-in form.");
  }
  const body = await readTextBody(request, MAX_FORM_BODY);
  checkCallbackUrl(new URLSearchParams(body).get("callbackUrl"), origin);
  return new NextRequest(request.url, { method: "POST", headers: request.headers, body });
}

/**
 * next-auth refuses a callbackUrl that is not an http(s) URL with a 500 ("server
 * configuration"); it is the request that is wrong. Where a valid one leads is decided later by
 * the redirect callback (only paths on this site).
 */
function checkCallbackUrl(value: string | null, origin: string): void {
  if (value !== null && !validCallbackUrl(value, origin)) {
    throw new HttpError("bad_request", "The callbackUrl must be a path on this site.");
  }
}

function validCallbackUrl(value: string, origin: string): boolean {
  return (
    value.length <= 2048 &&
    URL.canParse(value, origin) &&
    /^https?:$/.test(new URL(value, origin).protocol)
  );
}

function callbackUrlCookie(request: NextRequest) {
  return (
    request.cookies.get("__Secure-next-auth.callback-url") ??
    request.cookies.get("next-auth.callback-url")
  );
}
