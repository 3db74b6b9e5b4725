import "server-only";
import { getEnv } from "@/lib/env";
import { HttpError } from "./http-error";

/** Methods that change something; GET, HEAD and OPTIONS never do. */
export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Refuses a state-changing request another site's page started. The session cookie is
 * SameSite=Lax already; this also covers a browser or a sibling subdomain where that is not
 * enough. Browsers send Sec-Fetch-Site and, on every POST, PUT, PATCH and DELETE, Origin: both
 * must say this site. A request with neither (curl, a script) is not a browser acting for
 * someone else, so it passes.
 */
export function requireSameSite(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") throw otherSite();
  const origin = request.headers.get("origin");
  if (origin !== null && !isOwnOrigin(origin, request)) throw otherSite();
}

/**
 * A state-changing request with a body sends JSON: a cross-site HTML form cannot (it would need
 * a CORS preflight we never grant), and a handler never guesses at another encoding. POST, PUT
 * and PATCH always carry one; a DELETE only when it has a body.
 */
export function requireJson(request: Request): void {
  const hasBody =
    request.method !== "DELETE" ||
    Number(request.headers.get("content-length") ?? 0) > 0 ||
    request.headers.has("transfer-encoding");
  if (!hasBody) return;
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new HttpError("unsupported_media_type", "Send the request body as application/json.");
  }
}

function otherSite(): HttpError {
  return new HttpError("forbidden", "This change must come from Fleet Live's own pages.");
}

/**
 * The Origin is this site's: the public address when NEXTAUTH_URL is set, or the host the
 * browser addressed (Host, or a reverse proxy's X-Forwarded-Host). A page on another site
 * cannot set either header on its request, so comparing against them is safe.
 */
function isOwnOrigin(origin: string, request: Request): boolean {
  if (!URL.canParse(origin)) return false;
  const given = new URL(origin);
  if (given.protocol !== "https:" && given.protocol !== "http:") return false;
  const publicUrl = getEnv().publicUrl;
  if (publicUrl !== undefined && given.origin === new URL(publicUrl).origin) return true;
  const hosts = [request.headers.get("x-forwarded-host"), request.headers.get("host")]
    .map((value) => value?.split(",")[0]?.trim().toLowerCase())
    .filter((value): value is string => Boolean(value));
  return hosts.includes(given.host.toLowerCase());
}
