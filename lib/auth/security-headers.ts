import "server-only";
import type { Env } from "@/lib/env";

/**
 * The Content-Security-Policy of every page and API answer (set in proxy.ts; next.config.mjs
 * covers the static files proxy.ts skips). Scripts run only with this response's nonce (Next.js
 * puts it on its own scripts) and what they load ('strict-dynamic'); images from this site and
 * the tile host; styles from this site plus inline ones, because Leaflet positions tiles and
 * markers with inline styles; connections only to this site (the snapshot and the SSE stream);
 * nobody may frame the map.
 */
export function contentSecurityPolicy(options: {
  nonce: string;
  tileUrl: string;
  https: boolean;
  development: boolean;
}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${tileSource(options.tileUrl)}`,
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** "https://{s}.tile.example.com/{z}/{x}/{y}.png" -> "https://*.tile.example.com". */
export function tileSource(tileUrl: string): string {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl);
  if (!match) return "'self'";
  const host = match[2]!.replace(/\{[a-z]+\}/gi, "*").replace(/^(\*\.)+/, "*.");
  return `${match[1]!.toLowerCase()}://${host.toLowerCase()}`;
}

/** The headers every answer carries besides the CSP. */
export function baseSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    // OpenStreetMap's tile policy asks for a Referer; send our origin only, never a path.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/**
 * Every answer's security headers, the CSP with `nonce` among them, as this deployment's
 * settings make them: proxy.ts sets them on pages and routes, lib/live/direct-stream.ts on the
 * streams it answers itself.
 */
export function answerSecurityHeaders(
  env: Pick<Env, "publicUrl" | "tileUrl" | "nodeEnv">,
  nonce: string,
): Record<string, string> {
  const https = env.publicUrl?.startsWith("https://") ?? false;
  return {
    "Content-Security-Policy": contentSecurityPolicy({
      nonce,
      tileUrl: env.tileUrl,
      https,
      development: env.nodeEnv === "development",
    }),
    ...baseSecurityHeaders(https),
  };
}
