/**
 * npm run fleetup:probe [-- --out ./probe-samples --limit 5]
 *
 * Calls each FleetUp endpoint the dashboard uses once, within the 1 request/s budget, with the
 * credentials from the environment (FLEETUP_API_KEY, FLEETUP_ACCT_ID, FLEETUP_SECRET; without
 * them, the simulator at SIMULATOR_URL). Prints a table of what came back and writes redacted
 * samples (api key, secret, token and account id removed) to a folder to send to the team.
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { getEnv } from "../lib/env";
import {
  configFromEnv,
  createFleetUpClient,
  MemoryTokenStore,
  type TokenStore,
} from "../lib/fleetup";
import { formatProbeTable, runProbe, writeProbeSamples } from "../lib/fleetup/probe";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "probe-samples" },
    limit: { type: "string", default: "5" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log("Usage: npm run fleetup:probe -- [--out DIR] [--limit RECORDS_PER_SAMPLE]");
  process.exit(0);
}

const env = getEnv();
const config = configFromEnv(env);
// Remember every token the probe receives, so none of them can end up in a sample.
const memory = new MemoryTokenStore();
const tokens: string[] = [];
const tokenStore: TokenStore = {
  get: () => memory.get(),
  set: async (token) => {
    tokens.push(token.value);
    await memory.set(token);
  },
  delete: (value) => memory.delete(value),
};
const secrets = () => [config.apiKey, config.secret, ...tokens];

const client = createFleetUpClient(
  {
    ...config,
    retry: { maxAttempts: 2, initialDelayMs: 1_000, maxDelayMs: 2_000 },
    breaker: { consecutiveFailures: 1_000, halfOpenAfterMs: 1_000 },
  },
  { tokenStore },
);
const target =
  env.upstream.mode === "simulator" ? `the simulator at ${config.baseUrl}` : config.baseUrl;
console.log(
  `Probing ${target} (account ${env.upstream.mode === "simulator" ? config.acctId : "[from FLEETUP_ACCT_ID]"}), ` +
    `at most ${config.maxRequestsPerSecond} request/s…`,
);

const startedAt = new Date();
const report = await runProbe(client, {
  secrets,
  sampleLimit: Math.max(1, Number(values.limit) || 5),
});
const directory = join(values.out, startedAt.toISOString().replace(/[:.]/g, "-"));
const files = await writeProbeSamples(directory, report, {
  probedAt: startedAt.toISOString(),
  mode: env.upstream.mode,
  baseUrl: config.baseUrl,
  authMode: config.authMode,
  authPrefix: config.authPrefix,
  fencesPath: config.fencesPath,
  fenceDetailPath: config.fenceDetailPath,
  metrics: client.metrics(),
});

console.log("");
console.log(formatProbeTable(report.rows));
console.log("");
console.log(`Wrote ${files.length} redacted samples to ${directory}/`);
const tokenRow = report.rows[0];
if (!tokenRow?.status.split(",").includes("200")) {
  console.error(
    "No token was obtained: check FLEETUP_API_KEY, FLEETUP_ACCT_ID, FLEETUP_SECRET and FLEETUP_AUTH_MODE.",
  );
  process.exit(1);
}
