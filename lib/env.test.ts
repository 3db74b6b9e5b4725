import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, SIMULATOR_CREDENTIALS } from "./env";

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
    ["REDIS_URL", "http://localhost:6379", /must be a redis:\/\/ or rediss:\/\/ URL/],
    ["TILE_URL", "https://tiles.example.com/map.png", /must be a tile URL template/],
  ])("names the malformed variable %s in one line", (name, value, expected) => {
    const message = errorOf({ [name]: value });
    expect(message).toMatch(new RegExp(`^Invalid environment variable ${name}: `));
    expect(message).toMatch(expected);
    expect(message).not.toContain("\n");
  });

  it("never echoes a secret's value", () => {
    const message = errorOf({ ...fleetup, NEXTAUTH_SECRET: "too-short-secret" });
    expect(message).toContain("NEXTAUTH_SECRET");
    expect(message).not.toContain("too-short-secret");
  });
});
