import "server-only";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFleetUpClient, type FleetUpClient } from "./client";
import type { LogFields, Logger } from "./logger";
import { simConfig, startTestSimulator, type TestSimulator } from "@/e2e/support/test-sim";
import { MemoryTokenStore, type StoredToken, type TokenStore } from "./token";

const API_KEY = "SENTINEL-APIKEY-7f3a9c1e";
/** Numeric, as POST /token needs; long and odd enough never to occur by chance. */
const ACCT_ID = "731946285017";
const SECRET = "SENTINEL-SECRET-b52d0e84";
const WRONG_SECRET = "SENTINEL-WRONGSECRET-19ac";
const WRONG_KEY = "SENTINEL-WRONGKEY-c0ffee42";

/** A token store that remembers every token it was given, so the test knows what to look for. */
class RecordingStore implements TokenStore {
  readonly all: string[] = [];
  private readonly inner = new MemoryTokenStore();
  get() {
    return this.inner.get();
  }
  async set(token: StoredToken) {
    this.all.push(token.value);
    await this.inner.set(token);
  }
  delete(value: string) {
    return this.inner.delete(value);
  }
}

describe("FleetUp adapter secrecy (simulator, sentinel credentials)", { timeout: 30_000 }, () => {
  let sim: TestSimulator;
  const lines: string[] = [];
  const sink =
    (level: string) =>
    (message: string, fields?: LogFields): void => {
      lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    };
  const logger: Logger = {
    debug: sink("debug"),
    info: sink("info"),
    warn: sink("warn"),
    error: sink("error"),
  };
  const store = new RecordingStore();
  const surfaced: string[] = [];

  async function capture(call: () => Promise<unknown>) {
    try {
      await call();
    } catch (error) {
      const e = error as Error;
      surfaced.push(
        e.message,
        String(e),
        e.stack ?? "",
        JSON.stringify(e),
        JSON.stringify({ ...e }),
      );
    }
  }

  beforeAll(async () => {
    sim = await startTestSimulator([
      "--api-key",
      API_KEY,
      "--acct-id",
      ACCT_ID,
      "--secret",
      SECRET,
      "--speedup",
      "0",
      "--no-rate-limit",
    ]);
  });
  afterAll(() => sim?.stop());

  it("puts FleetUp's words, but no secret and no token, in error messages, log lines and metrics", async () => {
    const make = (overrides = {}): FleetUpClient =>
      createFleetUpClient(
        simConfig(sim.url, {
          apiKey: API_KEY,
          acctId: ACCT_ID,
          secret: SECRET,
          timeoutMs: 300,
          retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
          breaker: { consecutiveFailures: 2, halfOpenAfterMs: 200 },
          ...overrides,
        }),
        { logger, tokenStore: store },
      );
    const client = make();
    await capture(() => client.getLatestPositions());
    // 401 → refresh → replay
    await sim.control("clock", { advanceMs: 3_601_000 });
    await capture(() => client.getDevices());
    // a token refused for good (wrong prefix)
    await sim.configure({ tokenPrefix: "bare" });
    await capture(() => client.getDevices());
    await sim.configure({ tokenPrefix: "any" });
    // damaged records, truncated bodies, 429s, 5xx, hangs, outage
    // A 400 whose message echoes the account id, the api key and the token we sent.
    for (const faults of [
      { errorRate: 1, errorStatus: 400 },
      { malformedRate: 0.5 },
      { truncatedJsonRate: 1 },
      { storm429: true },
      { errorRate: 1, errorStatus: 503 },
      { hangRate: 1 },
      { outage: true, outageMode: "refuse" },
      { outage: true, outageMode: "503" },
    ]) {
      await sim.configure({ faults });
      await capture(() => client.getLatestPositions());
      await capture(() => client.getDevices());
      await sim.resetFaults();
    }
    // wrong credentials, JWT and legacy
    await capture(() => make({ secret: WRONG_SECRET }).getDevices());
    await capture(() => make({ secret: WRONG_SECRET, authMode: "legacy" }).getDevices());
    await capture(() => make({ apiKey: WRONG_KEY }).getDevices());
    await capture(() => make({ authMode: "legacy" }).getFences());

    const everything = [...surfaced, ...lines, JSON.stringify(client.metrics())].join("\n");
    expect(surfaced.length).toBeGreaterThan(10);
    expect(lines.length).toBeGreaterThan(10);
    expect(store.all.length).toBeGreaterThanOrEqual(3);
    // FleetUp's words did reach the errors and the log, redacted where they echoed a secret.
    const said =
      "Invalid Request: simulated fault on /gpsdata/device-last-location (acctId [redacted], x-api-key [redacted]";
    expect(surfaced.some((text) => text.includes(said))).toBe(true);
    expect(lines.some((line) => line.includes(said))).toBe(true);
    for (const secret of [API_KEY, SECRET, WRONG_SECRET, WRONG_KEY, ACCT_ID, ...store.all]) {
      expect(everything.includes(secret), `leaked ${secret.slice(0, 12)}…`).toBe(false);
    }
  });
});
