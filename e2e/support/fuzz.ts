import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/**
 * Malformed requests for every route the app has: the routes are read from the app/ folder (each
 * `route.ts` and `page.tsx`), so a route added later is fuzzed without anyone listing it here.
 */
export type RouteTemplate = {
  /** e.g. "/api/fleet/vehicles/[id]" (route groups left out). */
  template: string;
  kind: "api" | "page";
};

const APP = join(process.cwd(), "app");

export function appRoutes(root = APP): RouteTemplate[] {
  const found: RouteTemplate[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/^(route|page)\.tsx?$/.test(name)) {
        const segments = relative(root, folder)
          .split(sep)
          .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
        found.push({
          template: `/${segments.join("/")}`,
          kind: name.startsWith("route") ? "api" : "page",
        });
      }
    }
  };
  walk(root);
  return found.sort((a, b) => a.template.localeCompare(b.template));
}

/** Values a dynamic segment should never be able to turn into a 500. */
const SEGMENTS = [
  "%zz",
  "%C0%AF",
  "%FF",
  "%E0%A4%A",
  "%",
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "x".repeat(4000),
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "%F0%9F%9A%9A",
  "a%20b",
  "admin%40demo.local%0d%0aX-Injected:%201",
];

/** Paths under next-auth's catch-all that its own client never asks for. */
const AUTH_PATHS = [
  "%zz",
  "_log",
  "callback/credentials",
  "callback/no-such-provider",
  "signin/no-such-provider",
  "session/extra/segments",
  "error?error=%0d%0aSet-Cookie:%20x=1",
  "error?error=%3Cscript%3E",
  "signin?callbackUrl=javascript:alert(1)",
  "session?callbackUrl=javascript:alert(1)",
  "csrf?callbackUrl=%2F%2Fevil.example",
  "providers/%FF",
];

const QUERIES = [
  "",
  "?callbackUrl=javascript:alert(1)",
  "?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "?lastEventId=-1",
  "?lastEventId=1e999",
  "?a=%zz&b=%C0%AF",
  `?q=${"y".repeat(6000)}`,
];

type Body = { contentType?: string; body: string | Uint8Array };

const BODIES: Body[] = [
  { contentType: "application/json", body: "{" },
  { contentType: "application/json", body: "null" },
  { contentType: "application/json", body: '"just a string"' },
  { contentType: "application/json", body: "[]" },
  { contentType: "application/json", body: `${"[".repeat(5000)}${"]".repeat(5000)}` },
  { contentType: "application/json", body: JSON.stringify({ name: 42, expiresInDays: "soon" }) },
  { contentType: "application/json", body: JSON.stringify({ role: "god", password: 7 }) },
  { contentType: "application/json", body: JSON.stringify({ pad: "z".repeat(200_000) }) },
  { contentType: "application/json", body: new Uint8Array([0xff, 0xfe, 0x7b, 0x22, 0xc0]) },
  { contentType: "application/x-www-form-urlencoded", body: "csrfToken=%zz&email=%C0&json=true" },
  { contentType: "text/plain", body: "email=a@b.c&password=x" },
  { contentType: "multipart/form-data; boundary=x", body: "--x\r\nbroken" },
  { body: "no content type at all" },
];

const HEADERS: Array<Record<string, string>> = [
  {},
  { cookie: "next-auth.session-token=garbage; fleet-live.display=ds1.garbage" },
  { "last-event-id": "not-a-number" },
  { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  { "if-none-match": '*, W/"x", "' },
  { authorization: "Bearer junk" },
  { "x-forwarded-for": "not-an-address, 999.1.1.1" },
  { cookie: "next-auth.callback-url=javascript:alert(1)" },
];

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type FuzzRequest = {
  method: (typeof METHODS)[number];
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  route: string;
};

/** A deterministic pseudo-random sequence, so a failing request can be found again. */
function sequence(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state % n;
  };
}

function fill(template: string, pick: (n: number) => number, variant: number): string {
  if (template === "/api/auth/[...nextauth]") {
    return `/api/auth/${AUTH_PATHS[variant % AUTH_PATHS.length]}`;
  }
  const filled = template.replace(/\[(\.\.\.)?[^\]]+\]/g, () => SEGMENTS[pick(SEGMENTS.length)]!);
  // A route without a dynamic segment gets junk after it, or its own path.
  return filled === template && variant % 3 === 1
    ? `${template.replace(/\/$/, "")}/${SEGMENTS[pick(SEGMENTS.length)]}`
    : filled;
}

/**
 * `perRoute` requests for each route: every method at least once, each with a malformed path,
 * query, body or header set.
 */
export function fuzzRequests(routes: RouteTemplate[], perRoute: number, seed = 17): FuzzRequest[] {
  const pick = sequence(seed);
  const requests: FuzzRequest[] = [];
  for (const route of routes) {
    for (let index = 0; index < perRoute; index += 1) {
      const method = METHODS[index % METHODS.length]!;
      const path = fill(route.template, pick, index);
      const query = path.includes("?") ? "" : QUERIES[pick(QUERIES.length)]!;
      const headers = { ...HEADERS[pick(HEADERS.length)]! };
      let body: string | Uint8Array | undefined;
      if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") {
        const chosen = BODIES[pick(BODIES.length)]!;
        body = chosen.body;
        if (chosen.contentType) headers["content-type"] = chosen.contentType;
      }
      requests.push({ method, path: `${path}${query}`, headers, body, route: route.template });
    }
  }
  return requests;
}
