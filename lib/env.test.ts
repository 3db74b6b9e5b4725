import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import {
  ENV_NAMES,
  EnvError,
  parseEnv,
  requireProductionSettings,
  requireSharedDatabase,
  SIMULATOR_CREDENTIALS,
} from "./env";

const fleetup = {
  FLEETUP_API_KEY: "key-123",
  FLEETUP_ACCT_ID: "4711",
  FLEETUP_SECRET: "s3cr3t-value",
  NEXTAUTH_SECRET: "n".repeat(32),
};

function errorOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("parseEnv accepted the environment");
}

describe("parseEnv", () => {
  it("runs on the simulator when no FleetUp credentials are set", () => {
    const env = parseEnv({});
    expect(env.upstream.mode).toBe("simulator");
    expect(env.upstream.baseUrl).toBe("http://127.0.0.1:4010");
    expect(env.upstream.apiKey).toBe(SIMULATOR_CREDENTIALS.apiKey);
    expect(env.upstream.maxRequestsPerSecond).toBe(1);
  });

  it("talks to FleetUp when all three credentials are set", () => {
    const env = parseEnv(fleetup);
    expect(env.upstream).toMatchObject({
      mode: "fleetup",
      baseUrl: "https://api.fleetup.net",
      apiKey: "key-123",
      acctId: "4711",
      authMode: "jwt",
      authPrefix: "bearer",
    });
  });

  it("defaults the geofence paths and breaker delay, and accepts overrides", () => {
    expect(parseEnv({}).upstream).toMatchObject({
      fencesPath: "/geofence/fences",
      fenceDetailPath: "/geofence/fence-detail",
      breakerHalfOpenMs: 30_000,
    });
    const env = parseEnv({
      FLEETUP_FENCES_PATH: "/geofence/list",
      FLEETUP_FENCE_DETAIL_PATH: "/geofence/detail",
      FLEETUP_BREAKER_HALF_OPEN_MS: "5000",
    });
    expect(env.upstream).toMatchObject({
      fencesPath: "/geofence/list",
      fenceDetailPath: "/geofence/detail",
      breakerHalfOpenMs: 5000,
    });
  });

  it("requires a numeric account id in jwt mode, without echoing it", () => {
    const message = errorOf({ ...fleetup, FLEETUP_ACCT_ID: "acct-4711" });
    expect(message).toMatch(
      /^Invalid environment variable FLEETUP_ACCT_ID: must be a whole number/,
    );
    expect(message).toContain("FLEETUP_AUTH_MODE=legacy");
    expect(message).not.toContain("acct-4711");
    expect(errorOf({ ...fleetup, FLEETUP_ACCT_ID: "1234567890123456" })).toMatch(/FLEETUP_ACCT_ID/);
    expect(
      parseEnv({ ...fleetup, FLEETUP_ACCT_ID: "acct-4711", FLEETUP_AUTH_MODE: "legacy" }).upstream
        .acctId,
    ).toBe("acct-4711");
    expect(SIMULATOR_CREDENTIALS.acctId).toMatch(/^\d+$/);
  });

  it("reads FleetUp's time zone and coordinate unit, UTC and auto by default", () => {
    expect(parseEnv({}).upstream).toMatchObject({ timeZone: "UTC", coordUnit: "auto" });
    expect(
      parseEnv({ FLEETUP_TIME_ZONE: "America/Phoenix", FLEETUP_COORD_UNIT: "microdeg" }).upstream,
    ).toMatchObject({ timeZone: "America/Phoenix", coordUnit: "microdeg" });
  });

  it("treats an empty value as unset", () => {
    expect(parseEnv({ FLEETUP_API_KEY: "", TILE_URL: "" }).upstream.mode).toBe("simulator");
  });

  it("names the missing credential in one line", () => {
    const message = errorOf({ ...fleetup, FLEETUP_SECRET: undefined });
    expect(message).toMatch(/^Missing environment variable FLEETUP_SECRET: /);
    expect(message).not.toContain("\n");
  });

  it("requires NEXTAUTH_SECRET with real credentials", () => {
    expect(errorOf({ ...fleetup, NEXTAUTH_SECRET: undefined })).toMatch(
      /^Missing environment variable NEXTAUTH_SECRET: /,
    );
  });

  it.each([
    ["FLEETUP_BASE_URL", "ftp://example.com", /must be an http\(s\) URL/],
    ["FLEETUP_MAX_RPS", "fast", /must be a number from 0.05 to 10 \(got "fast"\)/],
    ["FLEETUP_MAX_RPS", "50", /must be a number from 0.05 to 10/],
    ["FLEETUP_AUTH_MODE", "oauth", /must be "jwt" or "legacy"/],
    ["FLEETUP_FENCES_PATH", "geofence/fences", /must be a URL path starting with "\/"/],
    ["FLEETUP_FENCE_DETAIL_PATH", "/geofence/fence detail?x=1", /must be a URL path/],
    ["FLEETUP_BREAKER_HALF_OPEN_MS", "soon", /must be a number from 100 to 600000/],
    ["FLEETUP_TIME_ZONE", "Mars/Olympus", /must be an IANA time zone name/],
    ["FLEETUP_COORD_UNIT", "radians", /must be "auto", "deg", "mas" or "microdeg"/],
    ["REDIS_URL", "http://localhost:6379", /must be a redis:\/\/ or rediss:\/\/ URL/],
    ["DATABASE_URL", "mysql://db.internal/fleet", /must be a postgres:\/\/ or postgresql:\/\/ URL/],
    ["TILE_URL", "https://tiles.example.com/map.png", /must be a tile URL template/],
    ["SESSION_MAX_AGE_S", "forever", /must be a number from 300 to 2592000/],
    ["SESSION_IDLE_S", "10", /must be a number from 60 to 2592000/],
    ["SIGNIN_MAX_ATTEMPTS", "0", /must be a number from 1 to 1000/],
    ["SIGNIN_WINDOW_S", "1", /must be a number from 10 to 86400/],
    ["POLL_POSITIONS_S", "0", /must be a number from 0.5 to 3600/],
    ["POLL_FENCES_S", "soon", /must be a number from 1 to 86400/],
    ["STATUS_MOVING_KPH", "-1", /must be a number from 0.5 to 50/],
  ])("names the malformed variable %s in one line", (name, value, expected) => {
    const message = errorOf({ [name]: value });
    expect(message).toMatch(new RegExp(`^Invalid environment variable ${name}: `));
    expect(message).toMatch(expected);
    expect(message).not.toContain("\n");
  });

  it("defaults the sign-in settings: users file, 12 h sessions, 30 min idle, 5/20 per 15 min", () => {
    expect(parseEnv({}).auth).toEqual({
      usersFile: ".data/users.json",
      displaysFile: ".data/displays.json",
      sessionMaxAgeS: 43_200,
      sessionIdleS: 1800,
      signIn: { maxAttemptsPerAccount: 5, maxAttemptsPerAddress: 20, windowS: 900 },
      displayLinkDays: 90,
      oidc: undefined,
    });
  });

  it("accepts overrides of the sign-in settings", () => {
    const auth = parseEnv({
      USERS_FILE: "/var/lib/fleet/users.json",
      DISPLAYS_FILE: "/var/lib/fleet/displays.json",
      SESSION_MAX_AGE_S: "3600",
      SESSION_IDLE_S: "600",
      SIGNIN_MAX_ATTEMPTS: "3",
      SIGNIN_MAX_ATTEMPTS_PER_ADDRESS: "50",
      SIGNIN_WINDOW_S: "60",
    }).auth;
    expect(auth).toMatchObject({
      usersFile: "/var/lib/fleet/users.json",
      displaysFile: "/var/lib/fleet/displays.json",
      sessionMaxAgeS: 3600,
      sessionIdleS: 600,
      signIn: { maxAttemptsPerAccount: 3, maxAttemptsPerAddress: 50, windowS: 60 },
    });
  });

  it("refuses an idle timeout longer than the absolute session lifetime", () => {
    expect(errorOf({ SESSION_MAX_AGE_S: "600", SESSION_IDLE_S: "3600" })).toMatch(
      /^Invalid environment variable SESSION_IDLE_S: must not exceed SESSION_MAX_AGE_S/,
    );
  });

  it("configures single sign-on only when all three OIDC variables are set", () => {
    const oidc = {
      OIDC_ISSUER: "https://login.example.com/realms/fleet/",
      OIDC_CLIENT_ID: "fleet-live",
      OIDC_CLIENT_SECRET: "oidc-client-secret",
      NEXTAUTH_URL: "https://fleet.example.com",
    };
    expect(parseEnv(oidc).auth.oidc).toEqual({
      issuer: "https://login.example.com/realms/fleet",
      clientId: "fleet-live",
      clientSecret: "oidc-client-secret",
    });
    const message = errorOf({ ...oidc, OIDC_CLIENT_SECRET: undefined });
    expect(message).toMatch(/^Missing environment variable OIDC_CLIENT_SECRET: /);
    expect(errorOf({ ...oidc, NEXTAUTH_URL: undefined })).toMatch(
      /^Missing environment variable NEXTAUTH_URL: single sign-on needs/,
    );
    expect(errorOf({ OIDC_ISSUER: "login.example.com" })).toMatch(
      /^Invalid environment variable OIDC_ISSUER: must be an http\(s\) URL/,
    );
  });

  it("reads poll intervals in seconds and status thresholds for the live service", () => {
    const env = parseEnv({ POLL_POSITIONS_S: "2", STATUS_OFFLINE_AFTER_S: "600" });
    expect(env.live.intervals).toMatchObject({ positions: 2000, trips: 30_000, fences: 600_000 });
    expect(env.live.thresholds.offlineAfterMs).toBe(600_000);
  });

  it("keeps the benchmark pages off unless BENCH_PAGES=1", () => {
    expect(parseEnv({}).benchPages).toBe(false);
    expect(parseEnv({ BENCH_PAGES: "1" }).benchPages).toBe(true);
    expect(errorOf({ BENCH_PAGES: "yes" })).toMatch(/BENCH_PAGES: must be "0" or "1"/);
  });

  it("keeps forced render errors off unless E2E_FAULTS=1, and never with FleetUp credentials", () => {
    expect(parseEnv({}).e2eFaults).toBe(false);
    expect(parseEnv({ E2E_FAULTS: "1" }).e2eFaults).toBe(true);
    expect(errorOf({ E2E_FAULTS: "yes" })).toMatch(/E2E_FAULTS: must be "0" or "1"/);
    expect(errorOf({ ...fleetup, E2E_FAULTS: "1" })).toMatch(/E2E_FAULTS: it is for the e2e suite/);
  });

  it("uses the embedded database in .data/db unless DATABASE_URL names a Postgres server", () => {
    expect(parseEnv({}).database).toEqual({ url: undefined, dir: ".data/db" });
    const url = "postgres://fleet:pw@db.internal:5432/fleet";
    expect(parseEnv({ DATABASE_URL: url, DATABASE_DIR: "/srv/db" }).database).toEqual({
      url,
      dir: "/srv/db",
    });
  });

  it("refuses several instances (REDIS_URL) without a shared database, and says why", () => {
    const alone = parseEnv({ REDIS_URL: "redis://redis.internal:6379" });
    let message = "";
    try {
      requireSharedDatabase(alone);
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Missing environment variable DATABASE_URL: several instances/);
    expect(message).toContain("docs/several-instances.md");
    expect(() =>
      requireSharedDatabase(
        parseEnv({
          REDIS_URL: "redis://redis.internal:6379",
          DATABASE_URL: "postgres://db.internal/fleet",
        }),
      ),
    ).not.toThrow();
    expect(() => requireSharedDatabase(parseEnv({}))).not.toThrow();
  });

  it("runs on the simulator only as told in production, and names what to set", () => {
    const production = { NODE_ENV: "production" };
    const refusal = () => {
      try {
        requireProductionSettings(parseEnv(production));
      } catch (error) {
        expect(error).toBeInstanceOf(EnvError);
        return (error as Error).message;
      }
      return "";
    };
    expect(refusal()).toMatch(
      /^Missing environment variable FLEETUP_MODE: no FleetUp credentials are set; set FLEETUP_API_KEY, FLEETUP_ACCT_ID and FLEETUP_SECRET, or FLEETUP_MODE=simulator/,
    );
    const demo = parseEnv({ ...production, FLEETUP_MODE: "simulator" });
    expect(demo.upstream.mode).toBe("simulator");
    expect(() => requireProductionSettings(demo)).not.toThrow();
    // Development and tests may still fall back to the simulator on their own.
    expect(() => requireProductionSettings(parseEnv({ NODE_ENV: "development" }))).not.toThrow();
  });

  it("refuses a FLEETUP_MODE that contradicts the credentials", () => {
    expect(errorOf({ FLEETUP_MODE: "fleetup" })).toMatch(
      /^Missing environment variable FLEETUP_API_KEY: FLEETUP_MODE=fleetup needs/,
    );
    expect(errorOf({ ...fleetup, FLEETUP_MODE: "simulator" })).toMatch(
      /^Invalid environment variable FLEETUP_MODE: it says simulator, but the FleetUp credentials are set/,
    );
    expect(errorOf({ FLEETUP_MODE: "demo" })).toMatch(/must be "simulator" or "fleetup"/);
    expect(parseEnv({ ...fleetup, FLEETUP_MODE: "fleetup" }).upstream.mode).toBe("fleetup");
  });

  it("wants https for FleetUp in production, unless ALLOW_INSECURE_HTTP=1", () => {
    const production = { ...fleetup, NODE_ENV: "production" };
    const check = (extra: Record<string, string>) => () =>
      requireProductionSettings(parseEnv({ ...production, ...extra }));
    expect(check({})).toThrow(/^Missing environment variable NEXTAUTH_URL: with FleetUp/);
    expect(check({ NEXTAUTH_URL: "http://fleet.example.com" })).toThrow(
      /^Invalid environment variable NEXTAUTH_URL: with FleetUp it must be an https:\/\/ address/,
    );
    expect(check({ NEXTAUTH_URL: "https://fleet.example.com" })).not.toThrow();
    expect(check({ NEXTAUTH_URL: "http://10.0.0.5:3000", ALLOW_INSECURE_HTTP: "1" })).not.toThrow();
  });

  it("reads proxy hops, the metrics token, display link days and stream limits", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      trustProxyHops: 0,
      metricsToken: undefined,
      streams: { perSession: 8, max: 2000 },
    });
    expect(
      parseEnv({
        TRUST_PROXY_HOPS: "2",
        METRICS_TOKEN: "m".repeat(20),
        DISPLAY_LINK_DAYS: "30",
        STREAMS_PER_SESSION: "4",
        STREAMS_MAX: "500",
      }),
    ).toMatchObject({
      trustProxyHops: 2,
      metricsToken: "m".repeat(20),
      auth: { displayLinkDays: 30 },
      streams: { perSession: 4, max: 500 },
    });
    expect(errorOf({ TRUST_PROXY_HOPS: "1.5" })).toMatch(/must be a whole number from 0 to 10/);
    const short = errorOf({ METRICS_TOKEN: "short-secret" });
    expect(short).toMatch(/^Invalid environment variable METRICS_TOKEN: must be at least 16/);
    expect(short).not.toContain("short-secret");
  });

  it("never echoes a Redis URL, which may hold a password", () => {
    const message = errorOf({ REDIS_URL: "http://:hunter2-secret@redis.internal:6379" });
    expect(message).toContain("REDIS_URL");
    expect(message).not.toContain("hunter2-secret");
  });

  it("never echoes a database password", () => {
    const message = errorOf({ DATABASE_URL: "mysql://fleet:hunter2-secret@db/fleet" });
    expect(message).toContain("DATABASE_URL");
    expect(message).not.toContain("hunter2-secret");
  });

  it("never echoes a secret's value", () => {
    const message = errorOf({ ...fleetup, NEXTAUTH_SECRET: "too-short-secret" });
    expect(message).toContain("NEXTAUTH_SECRET");
    expect(message).not.toContain("too-short-secret");
  });

  it("documents every variable in .env.example and the README's table", () => {
    const example = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const name of ENV_NAMES) {
      expect(example, `.env.example lists ${name}`).toMatch(new RegExp(`^${name}=`, "m"));
      expect(readme, `README lists ${name}`).toContain(`| \`${name}\``);
    }
  });
});
