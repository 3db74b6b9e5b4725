import "server-only";
import { HttpError } from "./http-error";

/**
 * Refuses a state-changing request another site's page started. The session cookie is
 * SameSite=Lax already; this also covers a browser or a sibling subdomain where that is not
 * enough. Browsers send Sec-Fetch-Site; a request without it (curl, a script) is not a browser
 * acting for someone else.
 */
export function requireSameSite(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    throw new HttpError("forbidden", "This change must come from Fleet Live's own pages.");
  }
}
