import "server-only";

/**
 * What proxy.ts does with a request, from its path and which cookies it carries (presence only:
 * the real checks run in every page and route, lib/auth/session.ts). A user cookie opens every
 * page and API as before; a display cookie alone opens only what a wall screen needs.
 */
export type ProxyDecision = "pass" | "unauthorized" | "sign-in" | "malformed" | "page-options";

export type ProxyRequest = {
  pathname: string;
  method: string;
  hasUserCookie: boolean;
  hasDisplayCookie: boolean;
};

const SESSION_APIS = ["/api/fleet/", "/api/admin/", "/api/history/", "/api/me/"];

/** The page and the APIs a display session may use; every other one is for people only. */
export const DISPLAY_PAGES: readonly string[] = ["/wall"];
export const DISPLAY_APIS: readonly string[] = [
  "/api/fleet/snapshot",
  "/api/fleet/stream",
  "/api/fleet/fences",
];

/**
 * The snapshot's answers are labelled with a Content-Encoding by next.config.mjs before this
 * runs, so a 401 from here would be mislabelled: its handlers check the session themselves and
 * answer in the coding.
 */
function isSnapshot(path: string): boolean {
  return path === "/api/fleet/snapshot" || /^\/api\/fleet\/snapshot\/[^/]+$/.test(path);
}

function needsSessionApi(pathname: string): boolean {
  return SESSION_APIS.some((prefix) => pathname.startsWith(prefix) || `${pathname}/` === prefix);
}

/** A page (not an API, a display link's route, a build or a public file). */
function isPage(pathname: string): boolean {
  if (pathname.startsWith("/api/") || pathname.startsWith("/_next/")) return false;
  // A display link is the way in for a screen without any cookie; its route checks the token.
  if (pathname.startsWith("/display/")) return false;
  // Files from public/ (a basemap, an icon) are not pages and are not secret.
  return !(pathname.split("/").pop() ?? "").includes(".");
}

/**
 * The pages the app has (every page.tsx under app/, route groups left out; a unit test compares the
 * list with the folder). A visitor without a session is sent to sign in only on the way to one of
 * them: any other path answers the app's 404 page whoever asks, so a mistyped address says "not
 * found" rather than asking for a sign-in that leads to the same 404.
 */
export const APP_PAGES: readonly string[] = [
  "/",
  "/admin/displays",
  "/bench/map",
  "/sign-in",
  "/wall",
];

function isAppPage(path: string): boolean {
  const segments = path.split("/");
  return APP_PAGES.some((page) => {
    const pattern = page.split("/");
    // A dynamic segment ("[id]") matches any one segment.
    return (
      pattern.length === segments.length &&
      pattern.every((part, i) => part === segments[i] || /^\[[^.\]]+\]$/.test(part))
    );
  });
}

function isProtectedPage(path: string, method: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  return path !== "/sign-in" && isPage(path) && isAppPage(path);
}

/** True when the path decodes: every %-escape is valid and the bytes are UTF-8. */
function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxyDecision(request: ProxyRequest): ProxyDecision {
  const { pathname, method, hasUserCookie, hasDisplayCookie } = request;
  // Next.js decodes a dynamic segment before the handler runs, and answers a bad escape with a
  // 500; such a path is refused first, whoever asks.
  if (!isDecodable(pathname)) return "malformed";
  // Next.js answers OPTIONS on a page with a bare 400; proxy.ts says what a page allows.
  if (method === "OPTIONS" && isPage(pathname)) return "page-options";
  if (hasUserCookie) return "pass";
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (isSnapshot(path)) return "pass";
  if (needsSessionApi(pathname)) {
    return hasDisplayCookie && DISPLAY_APIS.includes(path) ? "pass" : "unauthorized";
  }
  if (isProtectedPage(path, method)) {
    return hasDisplayCookie && DISPLAY_PAGES.includes(path) ? "pass" : "sign-in";
  }
  return "pass";
}
