import "server-only";

/** next-auth's session cookie; the __Secure- name is used when the site is served over https. */
export const SESSION_COOKIE = "next-auth.session-token";
export const SECURE_SESSION_COOKIE = "__Secure-next-auth.session-token";

/** A wall screen's display session (lib/auth/displays.ts); __Secure- over https, as above. */
export const DISPLAY_COOKIE = "fleet-live.display";
export const SECURE_DISPLAY_COOKIE = "__Secure-fleet-live.display";

export function displayCookieName(secure: boolean): string {
  return secure ? SECURE_DISPLAY_COOKIE : DISPLAY_COOKIE;
}

/** A browser that signed in to an account before (lib/auth/device-cookie.ts); __Secure- over https. */
export function deviceCookieName(secure: boolean): string {
  return secure ? "__Secure-fleet-live.device" : "fleet-live.device";
}

/** True when a display cookie is present; says nothing about validity. */
export function hasDisplayCookie(names: Iterable<string>): boolean {
  for (const name of names) {
    if (name === DISPLAY_COOKIE || name === SECURE_DISPLAY_COOKIE) return true;
  }
  return false;
}

/** True when any session cookie (or a chunk of one) is present; says nothing about validity. */
export function hasSessionCookie(names: Iterable<string>): boolean {
  for (const name of names) {
    for (const base of [SESSION_COOKIE, SECURE_SESSION_COOKIE]) {
      if (name === base || name.startsWith(`${base}.`)) return true;
    }
  }
  return false;
}

/** The session token from a cookie jar, joining next-auth's chunks (name.0, name.1, ...). */
export function sessionTokenFrom(
  cookies: Map<string, string>,
  secure: boolean,
): string | undefined {
  const base = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const whole = cookies.get(base);
  if (whole) return whole;
  const chunks = [...cookies.entries()]
    .map(([name, value]) => ({ index: chunkIndex(name, base), value }))
    .filter((chunk): chunk is { index: number; value: string } => chunk.index !== undefined)
    .sort((a, b) => a.index - b.index);
  return chunks.length > 0 ? chunks.map((chunk) => chunk.value).join("") : undefined;
}

function chunkIndex(name: string, base: string): number | undefined {
  if (!name.startsWith(`${base}.`)) return undefined;
  const index = Number(name.slice(base.length + 1));
  return Number.isInteger(index) && index >= 0 ? index : undefined;
}

/** Parses a Cookie request header. */
export function parseCookieHeader(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";").map((piece) => piece.trim())) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    const raw = part.slice(at + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}
