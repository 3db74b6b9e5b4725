import "server-only";

/**
 * Where to go after signing in. Only a path on this site is accepted, so a crafted link cannot
 * send a person who just signed in to another site (an open redirect). The sign-in page checks
 * the link on the server and hands the form only the safe path.
 */
export function safeCallbackPath(value: unknown, origin?: string, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  // Backslashes and control characters are how "/\evil.com" and friends sneak past checks.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  const base = "http://callback.invalid";
  const path = origin && value.startsWith(`${origin}/`) ? value.slice(origin.length) : value;
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  // Never back to the sign-in page itself, and never to an API answer.
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/api/")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
