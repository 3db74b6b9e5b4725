import "server-only";
import { z } from "zod";

/**
 * The server's configuration, declared once. Every variable is server-side: nothing here is
 * NEXT_PUBLIC_, and secret values are never echoed in an error message.
 *
 * With none of the three FleetUp credentials set, the product runs against the simulator (sim/)
 * with the simulator's well-known demo credentials; with all three set, it talks to FleetUp.
 */

/**
 * The simulator's demo credentials; sim/defaults.ts declares the same values. The account id is
 * numeric, like a real one: FleetUp's POST /token takes it as a JSON number.
 */
export const SIMULATOR_CREDENTIALS = {
  apiKey: "sim-api-key",
  acctId: "12345",
  secret: "sim-secret",
} as const;

const SECRET_NAMES = new Set([
  "FLEETUP_API_KEY",
  "FLEETUP_ACCT_ID",
  "FLEETUP_SECRET",
  "NEXTAUTH_SECRET",
  "OIDC_CLIENT_SECRET",
  "METRICS_TOKEN",
  // Their password, if any, is inside the URL.
  "DATABASE_URL",
  "REDIS_URL",
]);

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      message: `must be an http(s) URL ${what}`,
    })
    .transform((value) => value.replace(/\/+$/, ""));

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return name !== "";
  } catch {
    return false;
  }
}

/** JavaScript numbers hold every whole number up to 15 digits exactly. */
const NUMERIC_ACCOUNT_ID = /^\d{1,15}$/;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const numberIn = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .refine((value) => value !== "" && Number.isFinite(Number(value)), {
      message: `must be a number from ${min} to ${max}`,
    })
    .transform(Number)
    .refine((value) => value >= min && value <= max, {
      message: `must be a number from ${min} to ${max}`,
    });

const wholeNumberIn = (min: number, max: number, fallback: number) =>
  numberIn(min, max, fallback).refine(Number.isInteger, {
    message: `must be a whole number from ${min} to ${max}`,
  });

const zeroOrOne = z
  .enum(["0", "1"], { message: 'must be "0" or "1"' })
  .default("0")
  .transform((value) => value === "1");

/** A URL path on the FleetUp host, such as "/geofence/fences". */
const urlPath = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((value) => /^\/[A-Za-z0-9._~\-/]*$/.test(value), {
      message: 'must be a URL path starting with "/" (for example /geofence/fences)',
    });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  // Unset: FleetUp when its three credentials are set, else the simulator (refused at start in
  // production, so a forgotten credential never turns a deployment into a silent demo).
  FLEETUP_MODE: z
    .enum(["simulator", "fleetup"], { message: 'must be "simulator" or "fleetup"' })
    .optional(),
  FLEETUP_BASE_URL: httpUrl("(for example https://api.fleetup.net)").default(
    "https://api.fleetup.net",
  ),
  FLEETUP_API_KEY: optionalText,
  FLEETUP_ACCT_ID: optionalText,
  FLEETUP_SECRET: optionalText,
  FLEETUP_AUTH_MODE: z
    .enum(["jwt", "legacy"], { message: 'must be "jwt" or "legacy"' })
    .default("jwt"),
  FLEETUP_AUTH_PREFIX: z
    .enum(["bearer", "bare"], { message: 'must be "bearer" or "bare"' })
    .default("bearer"),
  FLEETUP_MAX_RPS: numberIn(0.05, 10, 1),
  FLEETUP_TIMEOUT_MS: numberIn(500, 120_000, 10_000),
  FLEETUP_POSITIONS_ENDPOINT: z
    .enum(["auto", "device-last-location", "latest"], {
      message: 'must be "auto", "device-last-location" or "latest"',
    })
    .default("auto"),
  // FleetUp never published the geofence paths (GAPS G2), so they are configuration.
  FLEETUP_FENCES_PATH: urlPath("/geofence/fences"),
  FLEETUP_FENCE_DETAIL_PATH: urlPath("/geofence/fence-detail"),
  FLEETUP_BREAKER_HALF_OPEN_MS: numberIn(100, 600_000, 30_000),
  // FleetUp's compact timestamps carry no zone; observed clients read them as UTC.
  FLEETUP_TIME_ZONE: z.string().trim().default("UTC").refine(isTimeZone, {
    message: "must be an IANA time zone name (for example UTC or America/Phoenix)",
  }),
  // The unit of lat/lng in GPS records is unconfirmed (GAPS L4).
  FLEETUP_COORD_UNIT: z
    .enum(["auto", "deg", "mas", "microdeg"], {
      message: 'must be "auto", "deg", "mas" or "microdeg"',
    })
    .default("auto"),
  SIMULATOR_URL: httpUrl("(for example http://127.0.0.1:4010)").default("http://127.0.0.1:4010"),
  NEXTAUTH_SECRET: z
    .string()
    .refine((value) => value.length >= 32, { message: "must be at least 32 characters long" })
    .optional(),
  NEXTAUTH_URL: httpUrl("(the public address of this dashboard)").optional(),
  ALLOW_INSECURE_HTTP: zeroOrOne,
  // How many reverse proxies in front of the server append to X-Forwarded-For (0: none, so the
  // socket's address is the client's and the header is ignored).
  TRUST_PROXY_HOPS: wholeNumberIn(0, 10, 0),
  METRICS_TOKEN: z
    .string()
    .trim()
    .refine((value) => value.length >= 16, { message: "must be at least 16 characters long" })
    .optional(),
  REDIS_URL: z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && /^rediss?:$/.test(new URL(value).protocol), {
      message: "must be a redis:// or rediss:// URL",
    })
    .optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol), {
      message: "must be a postgres:// or postgresql:// URL",
    })
    .optional(),
  DATABASE_DIR: z.string().trim().default(".data/db"),
  // Recorded history (lib/history): days of positions and events kept; 0 records nothing.
  HISTORY_DAYS: numberIn(0, 366, 7).refine(Number.isInteger, {
    message: "must be a whole number of days from 0 to 366",
  }),
  TILE_URL: z
    .string()
    .trim()
    .refine(
      (value) =>
        ["{z}", "{x}", "{y}"].every((part) => value.includes(part)) &&
        URL.canParse(value.replace(/\{[a-z]\}/g, "0")),
      { message: "must be a tile URL template containing {z}, {x} and {y}" },
    )
    .default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  FENCES_FILE: optionalText,
  // The live service (lib/live): how often each feed is polled, and how status is derived.
  POLL_POSITIONS_S: numberIn(0.5, 3600, 10),
  POLL_TRIPS_S: numberIn(0.5, 3600, 30),
  POLL_ALERTS_S: numberIn(0.5, 3600, 30),
  POLL_FENCES_S: numberIn(1, 86_400, 600),
  POLL_DEVICES_S: numberIn(1, 86_400, 600),
  STATUS_MOVING_KPH: numberIn(0.5, 50, 3),
  STATUS_OFFLINE_AFTER_S: numberIn(60, 7 * 86_400, 1800),
  STATUS_OLD_FIX_S: numberIn(10, 86_400, 300),
  // Alerts as shared work: an alert nobody acknowledged for this long is escalated (0: never).
  ALERT_ESCALATE_AFTER_S: numberIn(0, 7 * 86_400, 300),
  // Sign-in (lib/auth): the user store, session limits, throttling and optional single sign-on.
  USERS_FILE: z.string().trim().default(".data/users.json"),
  DISPLAYS_FILE: z.string().trim().default(".data/displays.json"),
  SESSION_MAX_AGE_S: numberIn(300, 30 * 24 * 3600, 12 * 3600),
  SESSION_IDLE_S: numberIn(60, 30 * 24 * 3600, 30 * 60),
  SIGNIN_MAX_ATTEMPTS: numberIn(1, 1000, 5),
  SIGNIN_MAX_ATTEMPTS_PER_ADDRESS: numberIn(1, 100_000, 20),
  SIGNIN_WINDOW_S: numberIn(10, 24 * 3600, 15 * 60),
  DISPLAY_LINK_DAYS: wholeNumberIn(1, 3650, 90),
  STREAMS_PER_SESSION: wholeNumberIn(1, 100_000, 8),
  STREAMS_MAX: wholeNumberIn(1, 100_000, 2000),
  OIDC_ISSUER: httpUrl("(the OpenID Connect issuer, e.g. https://login.example.com)").optional(),
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  // The benchmark pages (app/(bench)): off in production; `npm run bench` turns them on.
  BENCH_PAGES: zeroOrOne,
  // The e2e suite's forced render errors (lib/faults.ts): off in production.
  E2E_FAULTS: zeroOrOne,
});

/** Every variable the server reads, for the docs check in env.test.ts. */
export const ENV_NAMES = Object.keys(schema.shape).filter((name) => name !== "NODE_ENV");

export type UpstreamMode = "simulator" | "fleetup";

export type Env = ReturnType<typeof toEnv>;

export class EnvError extends Error {
  override name = "EnvError";
}

function toEnv(raw: z.output<typeof schema>) {
  const credentials = [raw.FLEETUP_API_KEY, raw.FLEETUP_ACCT_ID, raw.FLEETUP_SECRET];
  const given = credentials.filter((value) => value !== undefined).length;
  if (given > 0 && given < 3) {
    const missing = ["FLEETUP_API_KEY", "FLEETUP_ACCT_ID", "FLEETUP_SECRET"].filter(
      (_, index) => credentials[index] === undefined,
    );
    throw new EnvError(
      `Missing environment variable ${missing[0]}: set all of FLEETUP_API_KEY, FLEETUP_ACCT_ID and FLEETUP_SECRET, or none to run on the simulator`,
    );
  }
  if (raw.FLEETUP_MODE === "fleetup" && given === 0) {
    throw new EnvError(
      "Missing environment variable FLEETUP_API_KEY: FLEETUP_MODE=fleetup needs FLEETUP_API_KEY, FLEETUP_ACCT_ID and FLEETUP_SECRET",
    );
  }
  if (raw.FLEETUP_MODE === "simulator" && given === 3) {
    throw new EnvError(
      "Invalid environment variable FLEETUP_MODE: it says simulator, but the FleetUp credentials are set; unset one or the other",
    );
  }
  const mode: UpstreamMode = given === 3 ? "fleetup" : "simulator";
  if (
    raw.FLEETUP_AUTH_MODE === "jwt" &&
    raw.FLEETUP_ACCT_ID !== undefined &&
    !NUMERIC_ACCOUNT_ID.test(raw.FLEETUP_ACCT_ID)
  ) {
    // The value is not echoed: the account id is kept out of logs like the other credentials.
    throw new EnvError(
      "Invalid environment variable FLEETUP_ACCT_ID: must be a whole number (up to 15 digits) in jwt mode, because FleetUp's POST /token takes acctId as a JSON number; an account with a non-numeric id needs FLEETUP_AUTH_MODE=legacy",
    );
  }
  const oidc = [raw.OIDC_ISSUER, raw.OIDC_CLIENT_ID, raw.OIDC_CLIENT_SECRET];
  const oidcGiven = oidc.filter((value) => value !== undefined).length;
  if (oidcGiven > 0 && oidcGiven < 3) {
    const missing = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"].filter(
      (_, index) => oidc[index] === undefined,
    );
    throw new EnvError(
      `Missing environment variable ${missing[0]}: set all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET for single sign-on, or none`,
    );
  }
  if (oidcGiven === 3 && raw.NEXTAUTH_URL === undefined) {
    throw new EnvError(
      "Missing environment variable NEXTAUTH_URL: single sign-on needs the dashboard's public address for its callback",
    );
  }
  if (raw.SESSION_IDLE_S > raw.SESSION_MAX_AGE_S) {
    throw new EnvError(
      `Invalid environment variable SESSION_IDLE_S: must not exceed SESSION_MAX_AGE_S (${raw.SESSION_MAX_AGE_S})`,
    );
  }
  if (mode === "fleetup" && raw.E2E_FAULTS) {
    // A forced render error is a test hook: a deployment on real FleetUp never breaks on a URL.
    throw new EnvError(
      "Invalid environment variable E2E_FAULTS: it is for the e2e suite on the simulator, never with real FleetUp credentials",
    );
  }
  if (mode === "fleetup" && raw.NEXTAUTH_SECRET === undefined) {
    throw new EnvError(
      "Missing environment variable NEXTAUTH_SECRET: it is required with real FleetUp credentials (at least 32 random characters)",
    );
  }
  return {
    nodeEnv: raw.NODE_ENV,
    upstream: {
      mode,
      /** False when simulator mode was only inferred from missing credentials. */
      modeChosen: raw.FLEETUP_MODE !== undefined,
      baseUrl: mode === "fleetup" ? raw.FLEETUP_BASE_URL : raw.SIMULATOR_URL,
      apiKey: raw.FLEETUP_API_KEY ?? SIMULATOR_CREDENTIALS.apiKey,
      acctId: raw.FLEETUP_ACCT_ID ?? SIMULATOR_CREDENTIALS.acctId,
      secret: raw.FLEETUP_SECRET ?? SIMULATOR_CREDENTIALS.secret,
      authMode: raw.FLEETUP_AUTH_MODE,
      authPrefix: raw.FLEETUP_AUTH_PREFIX,
      maxRequestsPerSecond: raw.FLEETUP_MAX_RPS,
      timeoutMs: raw.FLEETUP_TIMEOUT_MS,
      positionsEndpoint: raw.FLEETUP_POSITIONS_ENDPOINT,
      fencesPath: raw.FLEETUP_FENCES_PATH,
      fenceDetailPath: raw.FLEETUP_FENCE_DETAIL_PATH,
      breakerHalfOpenMs: raw.FLEETUP_BREAKER_HALF_OPEN_MS,
      timeZone: raw.FLEETUP_TIME_ZONE,
      coordUnit: raw.FLEETUP_COORD_UNIT,
    },
    /** Undefined only in simulator (demo) mode; sign-in then derives a per-process secret. */
    authSecret: raw.NEXTAUTH_SECRET,
    publicUrl: raw.NEXTAUTH_URL,
    /** Plain http allowed in FleetUp mode (a lab); never the default. */
    allowInsecureHttp: raw.ALLOW_INSECURE_HTTP,
    /** Reverse proxies that append to X-Forwarded-For (lib/http/client-address.ts). */
    trustProxyHops: raw.TRUST_PROXY_HOPS,
    /** The bearer token of /api/metrics (and /api/health's details); unset: /api/metrics is off. */
    metricsToken: raw.METRICS_TOKEN,
    redisUrl: raw.REDIS_URL,
    /** Postgres when `url` is set, else the embedded engine in `dir` (lib/db). */
    database: { url: raw.DATABASE_URL, dir: raw.DATABASE_DIR },
    /** Days of recorded positions and events kept (whole UTC days); 0 records nothing. */
    historyDays: raw.HISTORY_DAYS,
    tileUrl: raw.TILE_URL,
    fencesFile: raw.FENCES_FILE,
    /** Whether /bench/* pages answer (benchmarks only); they are 404 otherwise. */
    benchPages: raw.BENCH_PAGES,
    /** Whether `?fault=` forces a render error (the e2e suite's test hook); ignored otherwise. */
    e2eFaults: raw.E2E_FAULTS,
    streams: { perSession: raw.STREAMS_PER_SESSION, max: raw.STREAMS_MAX },
    live: {
      /** Poll interval of each feed, in milliseconds. */
      intervals: {
        positions: raw.POLL_POSITIONS_S * 1000,
        trips: raw.POLL_TRIPS_S * 1000,
        alerts: raw.POLL_ALERTS_S * 1000,
        fences: raw.POLL_FENCES_S * 1000,
        devices: raw.POLL_DEVICES_S * 1000,
      },
      thresholds: {
        movingKph: raw.STATUS_MOVING_KPH,
        offlineAfterMs: raw.STATUS_OFFLINE_AFTER_S * 1000,
        oldFixAfterMs: raw.STATUS_OLD_FIX_S * 1000,
      },
    },
    alerts: {
      /** An alert unacknowledged this long is raised one severity and flagged; 0: never. */
      escalateAfterMs: raw.ALERT_ESCALATE_AFTER_S * 1000,
    },
    auth: {
      /** The JSON files from before the database, imported once (lib/db/legacy-import.ts). */
      usersFile: raw.USERS_FILE,
      displaysFile: raw.DISPLAYS_FILE,
      /** Absolute session lifetime from sign-in, in seconds. */
      sessionMaxAgeS: raw.SESSION_MAX_AGE_S,
      /** A session with no activity for this long ends, in seconds. */
      sessionIdleS: raw.SESSION_IDLE_S,
      signIn: {
        maxAttemptsPerAccount: raw.SIGNIN_MAX_ATTEMPTS,
        maxAttemptsPerAddress: raw.SIGNIN_MAX_ATTEMPTS_PER_ADDRESS,
        windowS: raw.SIGNIN_WINDOW_S,
      },
      /** A display link made without an expiry expires after this many days. */
      displayLinkDays: raw.DISPLAY_LINK_DAYS,
      oidc:
        raw.OIDC_ISSUER && raw.OIDC_CLIENT_ID && raw.OIDC_CLIENT_SECRET
          ? {
              issuer: raw.OIDC_ISSUER,
              clientId: raw.OIDC_CLIENT_ID,
              clientSecret: raw.OIDC_CLIENT_SECRET,
            }
          : undefined,
    },
  };
}

/**
 * Parses an environment. Throws an EnvError whose message is one line naming the first
 * variable that is missing or malformed, and never a secret's value.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string means "unset": shells and .env files often leave `NAME=` behind.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const value = cleaned[name];
    const shown = value === undefined || SECRET_NAMES.has(name) ? "" : ` (got "${value}")`;
    throw new EnvError(`Invalid environment variable ${name}: ${issue?.message}${shown}`);
  }
  return toEnv(result.data);
}

/**
 * Several instances (REDIS_URL) must share one database: with the embedded one each would keep
 * its own users, display links and sign-outs. Checked by what uses the database (the server, the
 * user and database CLIs), not by every reader of the environment (the FleetUp probe needs only
 * Redis).
 */
export function requireSharedDatabase(env: Env): void {
  if (env.redisUrl !== undefined && env.database.url === undefined) {
    throw new EnvError(
      "Missing environment variable DATABASE_URL: several instances (REDIS_URL is set) must share one Postgres database, or they would each keep their own users, display links and sign-outs (docs/several-instances.md)",
    );
  }
}

/**
 * What a production server refuses at start (lib/startup.ts), beyond a readable environment:
 * running on the simulator without saying so (FLEETUP_MODE=simulator), because a deployment
 * that lost its FleetUp credentials would otherwise come up as a demo with well-known accounts;
 * and, with FleetUp, a public address that is not https (cookies without Secure, no HSTS)
 * unless ALLOW_INSECURE_HTTP=1 says it is a lab.
 */
export function requireProductionSettings(env: Env): void {
  if (env.nodeEnv !== "production") return;
  if (env.upstream.mode === "simulator" && !env.upstream.modeChosen) {
    throw new EnvError(
      "Missing environment variable FLEETUP_MODE: no FleetUp credentials are set; set FLEETUP_API_KEY, FLEETUP_ACCT_ID and FLEETUP_SECRET, or FLEETUP_MODE=simulator to run the demo on the simulator",
    );
  }
  if (env.upstream.mode === "fleetup" && !env.allowInsecureHttp) {
    if (env.publicUrl === undefined) {
      throw new EnvError(
        "Missing environment variable NEXTAUTH_URL: with FleetUp it must be the dashboard's https address (or set ALLOW_INSECURE_HTTP=1 for a lab on plain http)",
      );
    }
    if (!env.publicUrl.startsWith("https://")) {
      throw new EnvError(
        "Invalid environment variable NEXTAUTH_URL: with FleetUp it must be an https:// address, so cookies are Secure and HSTS is sent (or set ALLOW_INSECURE_HTTP=1 for a lab on plain http)",
      );
    }
  }
}

let cached: Env | undefined;

/** The process environment, parsed once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
