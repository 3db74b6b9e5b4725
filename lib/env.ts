import "server-only";
import { z } from "zod";

/**
 * The server's configuration, declared once. Every variable is server-side: nothing here is
 * NEXT_PUBLIC_, and secret values are never echoed in an error message.
 *
 * With none of the three FleetUp credentials set, the product runs against the simulator (sim/)
 * with the simulator's well-known demo credentials; with all three set, it talks to FleetUp.
 */

/** The simulator's demo credentials; sim/defaults.ts declares the same values. */
export const SIMULATOR_CREDENTIALS = {
  apiKey: "sim-api-key",
  acctId: "sim-acct",
  secret: "sim-secret",
} as const;

const SECRET_NAMES = new Set(["FLEETUP_API_KEY", "FLEETUP_SECRET", "NEXTAUTH_SECRET"]);

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      message: `must be an http(s) URL ${what}`,
    })
    .transform((value) => value.replace(/\/+$/, ""));

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

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
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
  SIMULATOR_URL: httpUrl("(for example http://127.0.0.1:4010)").default("http://127.0.0.1:4010"),
  NEXTAUTH_SECRET: z
    .string()
    .refine((value) => value.length >= 32, { message: "must be at least 32 characters long" })
    .optional(),
  NEXTAUTH_URL: httpUrl("(the public address of this dashboard)").optional(),
  REDIS_URL: z
    .string()
    .trim()
    .refine((value) => URL.canParse(value) && /^rediss?:$/.test(new URL(value).protocol), {
      message: "must be a redis:// or rediss:// URL",
    })
    .optional(),
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
});

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
  const mode: UpstreamMode = given === 3 ? "fleetup" : "simulator";
  if (mode === "fleetup" && raw.NEXTAUTH_SECRET === undefined) {
    throw new EnvError(
      "Missing environment variable NEXTAUTH_SECRET: it is required with real FleetUp credentials (at least 32 random characters)",
    );
  }
  return {
    nodeEnv: raw.NODE_ENV,
    upstream: {
      mode,
      baseUrl: mode === "fleetup" ? raw.FLEETUP_BASE_URL : raw.SIMULATOR_URL,
      apiKey: raw.FLEETUP_API_KEY ?? SIMULATOR_CREDENTIALS.apiKey,
      acctId: raw.FLEETUP_ACCT_ID ?? SIMULATOR_CREDENTIALS.acctId,
      secret: raw.FLEETUP_SECRET ?? SIMULATOR_CREDENTIALS.secret,
      authMode: raw.FLEETUP_AUTH_MODE,
      authPrefix: raw.FLEETUP_AUTH_PREFIX,
      maxRequestsPerSecond: raw.FLEETUP_MAX_RPS,
      timeoutMs: raw.FLEETUP_TIMEOUT_MS,
      positionsEndpoint: raw.FLEETUP_POSITIONS_ENDPOINT,
    },
    /** Undefined only in simulator (demo) mode; sign-in then derives a per-process secret. */
    authSecret: raw.NEXTAUTH_SECRET,
    publicUrl: raw.NEXTAUTH_URL,
    redisUrl: raw.REDIS_URL,
    tileUrl: raw.TILE_URL,
    fencesFile: raw.FENCES_FILE,
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

let cached: Env | undefined;

/** The process environment, parsed once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
