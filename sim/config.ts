import { z } from "zod";
import { isTimeZone } from "./geo";

/**
 * The simulator's run-time switches: the wire variants the real API may use, the rate limit,
 * and the faults. Read and changed through the control endpoint (GET/POST /__sim/config) or
 * the in-process `control` object; the CLI sets the starting values.
 */
export const MALFORMED_KINDS = [
  "missing_fields",
  "nan",
  "string_numbers",
  "out_of_range",
  "duplicates",
] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

const rate = z.number().min(0).max(1);

const faultsSchema = z.object({
  /** Added to every FleetUp-path response. */
  latencyMs: z.number().int().min(0).max(600_000),
  /** Share of requests that are never answered. */
  hangRate: rate,
  /** Share of requests answered with `errorStatus`. */
  errorRate: rate,
  errorStatus: z.number().int().min(400).max(599),
  /** Every request gets 429. */
  storm429: z.boolean(),
  /** Every FleetUp path refuses service: 503, or a destroyed socket when outageMode is "refuse". */
  outage: z.boolean(),
  outageMode: z.enum(["503", "refuse"]),
  /** Share of records in list responses that are damaged, with one of `malformedKinds`. */
  malformedRate: rate,
  malformedKinds: z.array(z.enum(MALFORMED_KINDS)).min(1),
  /** Tokens stop working this many seconds after issue, whatever their exp claim says. */
  tokenTtlSeconds: z.number().int().min(1).max(3600).nullable(),
  /** Share of 200 responses whose JSON body is cut short. */
  truncatedJsonRate: rate,
});

export const configSchema = z.object({
  wrapper: z.enum(["data", "bare"]),
  /** GPS, alert and fence coordinates: degrees, milliseconds of arc, or degrees × 1,000,000. */
  coords: z.enum(["degrees", "mas", "microdeg"]),
  tokenPrefix: z.enum(["bearer", "bare", "any"]),
  /** The zone of every compact timestamp, sent and read (UTC as observed; a local zone is a variant). */
  timeZone: z.string().refine(isTimeZone, { message: "must be an IANA time zone name" }),
  /** GPS records carry their fix time (`gpsTime`); false: no fix time at all (GAPS L3). */
  fixTime: z.boolean(),
  /** Stopped vehicles report `direction` -1 (heading unknown) instead of their last heading. */
  unknownHeading: z.boolean(),
  /** Errors of the FleetUp backend come as 200 with `{code, msg}` instead of an HTTP error status. */
  errorEnvelope: z.boolean(),
  /** `fenceNames` elements: `{fenceId, fenceName}` objects or plain name strings (GAPS G3). */
  fenceNames: z.enum(["objects", "strings"]),
  /** The Geofence group's paths answer; false: 404, as when the guessed paths are wrong (GAPS G2). */
  geofencePaths: z.boolean(),
  /** Enterprise credentials: only /devices and /gpsdata… answer, everything else 403. */
  enterprise: z.boolean(),
  /** How an empty list is answered: 200 with an empty list, or 204 No Content (both documented). */
  emptyList: z.enum(["empty", "204"]),
  rateLimit: z.object({
    perSecond: z.number().positive().max(100_000),
    retryAfter: z.boolean(),
    enabled: z.boolean(),
  }),
  faults: faultsSchema,
});

export type SimConfig = z.infer<typeof configSchema>;
export type Faults = SimConfig["faults"];

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  hangRate: 0,
  errorRate: 0,
  errorStatus: 500,
  storm429: false,
  outage: false,
  outageMode: "503",
  malformedRate: 0,
  malformedKinds: [...MALFORMED_KINDS],
  tokenTtlSeconds: null,
  truncatedJsonRate: 0,
};

export const DEFAULT_CONFIG: SimConfig = {
  wrapper: "data",
  coords: "degrees",
  tokenPrefix: "any",
  timeZone: "UTC",
  fixTime: true,
  unknownHeading: false,
  errorEnvelope: false,
  fenceNames: "objects",
  geofencePaths: true,
  enterprise: false,
  emptyList: "empty",
  rateLimit: { perSecond: 1, retryAfter: false, enabled: true },
  faults: NO_FAULTS,
};

const patchSchema = configSchema
  .extend({ rateLimit: configSchema.shape.rateLimit.partial(), faults: faultsSchema.partial() })
  .partial()
  .strict();
export type ConfigPatch = z.input<typeof patchSchema>;

/** Deep-merges a partial config; throws a readable message naming the bad key. */
export function mergeConfig(current: SimConfig, patch: unknown): SimConfig {
  const parsed = patchSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `invalid config ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
    );
  }
  const { rateLimit, faults, ...rest } = parsed.data;
  return {
    ...current,
    ...rest,
    rateLimit: { ...current.rateLimit, ...rateLimit },
    faults: { ...current.faults, ...faults },
  };
}
