/**
 * GET /api/health's answer, as the route builds it (app/api/health/route.ts) and pages and
 * probes read it. Isomorphic: types only.
 */
import type { FeedHealth, FeedName } from "./live";
import type { DropReason } from "./types";

export type HealthState = "ok" | "degraded";

/** What everyone (load balancers, uptime checks) is told. */
export type PublicHealth = { status: HealthState };

/** What the database looks like from this instance: one small query, within two seconds. */
export type DatabaseHealth = {
  engine: "pglite" | "postgres";
  reachable: boolean;
  /** The number of migrations applied, and the latest's name. */
  migration: { version: number; name: string | null } | null;
};

/** One polled feed: its interval, how old its last success is (null: none yet), its last error. */
export type FeedReport = {
  intervalS: number;
  ageS: number | null;
  consecutiveFailures: number;
  lastError: FeedHealth["lastError"] | null;
};

type DropCounts = Partial<Record<DropReason, number>>;

/** What a signed-in person, a wall screen or a scraper with the metrics token is also told. */
export type HealthDetails = PublicHealth & {
  version: string;
  /** The build the server runs: a wall reloads when it changes. */
  build: string;
  upstream: {
    mode: "simulator" | "fleetup";
    /** What FleetUp sent that could not be used: records and fields, per endpoint, by reason. */
    dropped: {
      records: Record<string, DropCounts>;
      fields: Record<string, Record<string, DropCounts>>;
    };
  };
  scheduler: {
    role: "leader" | "follower";
    polling: boolean;
    snapshotVersion: number;
    stale: boolean;
    staleReason: string | null;
    vehicles: number;
    openStreams: number;
    streamsAtSocket: number;
  };
  feeds: Partial<Record<FeedName, FeedReport>>;
  database: DatabaseHealth;
  /** ISO 8601. */
  time: string;
};

export type HealthBody = PublicHealth | HealthDetails;
