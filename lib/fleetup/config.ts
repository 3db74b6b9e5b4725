import "server-only";
import type { Env } from "../env";
import type { CoordUnit } from "./parse-values";

/** Everything the adapter needs to reach one FleetUp account. */
export type FleetUpConfig = {
  /** e.g. https://api.fleetup.net (no trailing slash), or the simulator's URL. */
  baseUrl: string;
  apiKey: string;
  /** The account id; a whole number in jwt mode (POST /token sends it as a JSON number). */
  acctId: string;
  secret: string;
  /** "jwt": POST /token, `Authorization` header. "legacy": GET /token, `token` header. */
  authMode: "jwt" | "legacy";
  /** Whether the JWT goes out as `Bearer <jwt>` or bare (unconfirmed by FleetUp, GAPS A1). */
  authPrefix: "bearer" | "bare";
  /** The whole deployment's budget; FleetUp's ceiling is 1. */
  maxRequestsPerSecond: number;
  /** Per attempt, from sending the request to having read the whole body. */
  timeoutMs: number;
  positionsEndpoint: "auto" | "device-last-location" | "latest";
  /** Paths of FleetUp's unpublished "Get all fences" / "Get fence detail" (GAPS G2). */
  fencesPath: string;
  fenceDetailPath: string;
  /** The zone of FleetUp timestamps that carry none (IANA name; UTC as observed). */
  timeZone: string;
  /** How `lat`/`lng` numbers are read (GAPS L4). */
  coordUnit: CoordUnit;
  /** The operator's GeoJSON fence shapes (FENCES_FILE), matched to FleetUp's fences. */
  fencesFile?: string;
  /** Extra spacing between request starts, ms (default 150, see `DEFAULT_TUNING`). */
  limiterMarginMs?: number;
  /** Pause after a 429 without Retry-After: starts at `initialMs`, doubles up to `maxMs`. */
  rateLimitBackoff?: { initialMs: number; maxMs: number };
  /** Attempts per call (first try included) and the jittered exponential delay between them. */
  retry?: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  /** Opens after `consecutiveFailures` network/timeout/5xx failures; probes again after `halfOpenAfterMs`. */
  breaker?: { consecutiveFailures: number; halfOpenAfterMs: number };
};

export const DEFAULT_TUNING = {
  /**
   * FleetUp counts arrivals, and a request reaches it later than we start it by a varying amount
   * (a new connection, a busy server: up to about 90 ms seen on a loaded two-core machine), so
   * starts are spaced this much more than a second to keep every arrival a second apart.
   */
  limiterMarginMs: 150,
  rateLimitBackoff: { initialMs: 2_000, maxMs: 30_000 },
  retry: { maxAttempts: 3, initialDelayMs: 500, maxDelayMs: 8_000 },
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
} as const;

/** The adapter's configuration from the validated environment (lib/env.ts). */
export function configFromEnv(env: Env): FleetUpConfig {
  const upstream = env.upstream;
  return {
    baseUrl: upstream.baseUrl,
    apiKey: upstream.apiKey,
    acctId: upstream.acctId,
    secret: upstream.secret,
    authMode: upstream.authMode,
    authPrefix: upstream.authPrefix,
    maxRequestsPerSecond: upstream.maxRequestsPerSecond,
    timeoutMs: upstream.timeoutMs,
    positionsEndpoint: upstream.positionsEndpoint,
    fencesPath: upstream.fencesPath,
    fenceDetailPath: upstream.fenceDetailPath,
    timeZone: upstream.timeZone,
    coordUnit: upstream.coordUnit,
    fencesFile: env.fencesFile,
    breaker: {
      consecutiveFailures: DEFAULT_TUNING.breaker.consecutiveFailures,
      halfOpenAfterMs: upstream.breakerHalfOpenMs,
    },
  };
}
