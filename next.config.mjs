/**
 * Security headers for what proxy.ts does not see (static build files). proxy.ts sets the same
 * base headers, plus a per-request CSP with a nonce, on every page and API answer.
 */
const STATIC_SECURITY_HEADERS = [
  // A Web Worker runs under its own script's CSP: the map's clustering worker loads its chunks
  // from /_next/static with importScripts, so scripts from this origin are allowed here.
  {
    key: "Content-Security-Policy",
    value: "default-src 'none'; script-src 'self'; frame-ancestors 'none'",
  },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

/**
 * The snapshot is kept compressed, once per version (lib/live/snapshot-cache.ts). Next.js drops a
 * Content-Encoding that a route handler sets, so the coding is chosen here, where it can still
 * be set: a request that accepts br (else gzip) is rewritten to /api/fleet/snapshot/<coding>,
 * whose every answer is in that coding, and its answer is labelled so. Next.js's own compression
 * then leaves it alone. The same two conditions decide both, so label and bytes always agree.
 */
const accepts = (coding) => ({
  type: "header",
  key: "accept-encoding",
  value: `(?:.*[\\s,])?${coding}(?:[\\s,;].*)?`,
});
const SNAPSHOT_CODINGS = [
  { coding: "br", has: [accepts("br")] },
  { coding: "gzip", has: [accepts("gzip")], missing: [accepts("br")] },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole project (tests included) before it builds, so
  // the build does not type-check a second time.
  typescript: { ignoreBuildErrors: true },
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  // The FleetUp credentials are read on the server at request time (lib/env.ts); nothing is
  // inlined into client bundles, so no `env` block here on purpose.
  async rewrites() {
    return {
      beforeFiles: SNAPSHOT_CODINGS.map(({ coding, has, missing }) => ({
        source: "/api/fleet/snapshot",
        has,
        missing,
        destination: `/api/fleet/snapshot/${coding}`,
      })),
    };
  },
  async headers() {
    return [
      ...SNAPSHOT_CODINGS.map(({ coding, has, missing }) => ({
        source: "/api/fleet/snapshot",
        has,
        missing,
        headers: [{ key: "Content-Encoding", value: coding }],
      })),
      {
        source: "/api/fleet/snapshot/:coding(br|gzip)",
        headers: [{ key: "Content-Encoding", value: ":coding" }],
      },
      { source: "/_next/static/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/_next/image", headers: STATIC_SECURITY_HEADERS },
      { source: "/favicon.ico", headers: STATIC_SECURITY_HEADERS },
    ];
  },
};

export default nextConfig;
