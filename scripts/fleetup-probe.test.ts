import { spawn } from "node:child_process";
import { Redis } from "ioredis";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startRedis } from "../e2e/support/redis-server";
import { startTestSimulator, type TestSimulator } from "@/e2e/support/test-sim";
import { PROJECT_ROOT } from "./lib/simulator-process";

const API_KEY = "PROBE-SENTINEL-APIKEY-4c1d";
const SECRET = "PROBE-SENTINEL-SECRET-9e2b";
const ACCT_ID = "604827193518";

/** `npm run fleetup:probe` as an operator runs it: a process, its output and its exit code. */
function probe(
  url: string,
  out: string,
  args: string[] = ["--yes"],
  extraEnv: Record<string, string> = {},
) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions",
      "react-server",
      "scripts/fleetup-probe.ts",
      "--out",
      out,
      ...args,
    ],
    {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        FLEETUP_BASE_URL: url,
        FLEETUP_API_KEY: API_KEY,
        FLEETUP_ACCT_ID: ACCT_ID,
        FLEETUP_SECRET: SECRET,
        FLEETUP_MAX_RPS: "10",
        NEXTAUTH_SECRET: "n".repeat(40),
        ...extraEnv,
      },
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, output })),
  );
}

async function samplesText(directory: string): Promise<string> {
  const [run] = await readdir(directory);
  if (!run) return "";
  const files = await readdir(join(directory, run));
  const texts = await Promise.all(
    files.map((file) => readFile(join(directory, run, file), "utf8")),
  );
  return texts.join("\n");
}

function expectNoSecret(text: string) {
  for (const secret of [API_KEY, SECRET, "eyJ"]) expect(text).not.toContain(secret);
  expect(text).not.toMatch(new RegExp(`(?<!\\d)${ACCT_ID}(?!\\d)`));
}

describe("npm run fleetup:probe", { timeout: 60_000 }, () => {
  let sim: TestSimulator;
  let out: string;
  beforeAll(async () => {
    sim = await startTestSimulator([
      ...["--api-key", API_KEY, "--acct-id", ACCT_ID, "--secret", SECRET],
      ...["--rate-limit", "20", "--vehicles", "8"],
    ]);
    out = await mkdtemp(join(tmpdir(), "probe-cli-"));
  });
  afterAll(async () => {
    await sim?.stop();
    await rm(out, { recursive: true, force: true });
  });

  it("ends with the settings to use and exits 0 when every data call works", async () => {
    const { code, output } = await probe(sim.url, join(out, "ok"));
    expect(output).toContain("No REDIS_URL: this probe cannot share a deployment's request budget");
    expect(output).toMatch(/Token: 200, reply \{"token":"JWT \(alg HS256; claims acctId, iat, exp/);
    expect(output).toMatch(/Authorization: Bearer <token> → 200; bare <token> → 200/);
    expect(output).toMatch(
      /Set these in \.env\.local \(or your process manager\):\nFLEETUP_AUTH_MODE=jwt\nFLEETUP_AUTH_PREFIX=bearer\nFLEETUP_POSITIONS_ENDPOINT=device-last-location\nFLEETUP_TIME_ZONE=UTC\nFLEETUP_COORD_UNIT=auto\n/,
    );
    expect(code).toBe(0);
    expectNoSecret(output);
    expectNoSecret(await samplesText(join(out, "ok")));
  });

  it("prints FleetUp's words for a 400, redacted, and exits 1", async () => {
    await sim.configure({ faults: { errorRate: 1, errorStatus: 400 } });
    try {
      const { code, output } = await probe(sim.url, join(out, "failing"));
      expect(output).toContain(
        'Token: 400; FleetUp said: {"message":"Invalid Request: simulated fault on /token (acctId [redacted], x-api-key [redacted], credential none)"}',
      );
      expect(code).toBe(1);
      expectNoSecret(output);
      expectNoSecret(await samplesText(join(out, "failing")));
    } finally {
      await sim.resetFaults();
    }
  });

  it("takes its requests from the deployment's shared budget in Redis, without asking", async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    const client = new Redis(redis.url);
    try {
      // The deployment has booked the budget for the next 10 s (Redis's own clock).
      const [seconds = 0, micros = 0] = (await client.time()).map(Number);
      const bookedUntil = seconds * 1000 + Math.floor(micros / 1000) + 10_000;
      await client.hset("fleet-live:fleetup-budget", { epoch: "test", next: bookedUntil });
      await sim.resetStats();
      const started = Date.now();
      let firstRequestAt: number | undefined;
      const watching = (async () => {
        while (firstRequestAt === undefined && Date.now() - started < 40_000) {
          if ((await sim.stats()).total > 0) firstRequestAt = Date.now();
          else await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const { code, output } = await probe(sim.url, join(out, "redis"), [], {
        REDIS_URL: redis.url,
      });
      await watching;
      expect(output).toContain("Taking requests from the deployment's shared budget in Redis");
      expect(code).toBe(0);
      expect(firstRequestAt! - started).toBeGreaterThanOrEqual(10_000);
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });

  it("asks before running without Redis, and does not run unasked without a terminal", async () => {
    const { code, output } = await probe(sim.url, join(out, "unasked"), []);
    expect(output).toContain("run again with --yes");
    expect(code).toBe(2);
  });
});
