/**
 * npm run fleetup:probe [-- --yes --out ./probe-samples --limit 5]
 *
 * Calls each FleetUp endpoint the dashboard uses once, within the request budget, with the
 * credentials from the environment (FLEETUP_API_KEY, FLEETUP_ACCT_ID, FLEETUP_SECRET; without
 * them, the simulator at SIMULATOR_URL). Prints what came back, FleetUp's own words for every
 * error, what it noticed (time zone, coordinate unit, missing paths) and the exact settings to
 * use; writes redacted samples (api key, secret, token and account id removed) to a folder to
 * send to the team. Exits 1 when a data call failed, 2 when it did not run.
 *
 * With REDIS_URL the probe takes its requests from the deployment's shared budget. Without it,
 * a deployment polling the same account meanwhile would push the two over FleetUp's limit, so
 * the probe asks first (or takes --yes).
 */
import { createInterface } from "node:readline/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getEnv } from "../lib/env";
import { configFromEnv } from "../lib/fleetup";
import { formatProbeReport, runProbe, writeProbeSamples } from "../lib/fleetup/probe";
import { connectRedis, whenReady } from "../lib/live/redis/connection";
import { RedisSharedBudget } from "../lib/live/redis/redis-budget";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: "probe-samples" },
    limit: { type: "string", default: "5" },
    yes: { type: "boolean", short: "y" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(
    "Usage: npm run fleetup:probe -- [--yes] [--out DIR] [--limit RECORDS_PER_SAMPLE]\n" +
      "See lib/fleetup/README.md.",
  );
  process.exit(0);
}

const env = getEnv();
const config = configFromEnv(env);
const target =
  env.upstream.mode === "simulator" ? `the simulator at ${config.baseUrl}` : config.baseUrl;

const redis = env.redisUrl ? connectRedis(env.redisUrl, "probe") : undefined;
if (redis) {
  await whenReady(redis);
  console.log(
    `Taking requests from the deployment's shared budget in Redis (${config.maxRequestsPerSecond} request/s for everyone).`,
  );
} else {
  console.log(
    "No REDIS_URL: this probe cannot share a deployment's request budget. If a Fleet Live " +
      "deployment polls this FleetUp account while the probe runs, together they will exceed " +
      `FleetUp's limit (about ${config.maxRequestsPerSecond} request/s) and FleetUp will answer 429. ` +
      "Stop the deployment first, or run the probe with the deployment's REDIS_URL.",
  );
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      console.error("Not asking without a terminal: run again with --yes to go ahead.");
      process.exit(2);
    }
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await prompt.question("Go ahead? [y/N] ");
    prompt.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      console.error("Not probing.");
      process.exit(2);
    }
  }
}

console.log(
  `Probing ${target} (account ${env.upstream.mode === "simulator" ? config.acctId : "[from FLEETUP_ACCT_ID]"}), ` +
    `at most ${config.maxRequestsPerSecond} request/s…`,
);
const startedAt = new Date();
const report = await runProbe({
  config,
  deps: redis ? { sharedBudget: new RedisSharedBudget(redis) } : {},
  sampleLimit: Math.max(1, Number(values.limit) || 5),
});
redis?.disconnect();

const directory = join(values.out, startedAt.toISOString().replace(/[:.]/g, "-"));
const files = await writeProbeSamples(directory, report, {
  probedAt: startedAt.toISOString(),
  mode: env.upstream.mode,
  baseUrl: config.baseUrl,
  authMode: config.authMode,
  authPrefix: config.authPrefix,
  timeZone: config.timeZone,
  coordUnit: config.coordUnit,
  fencesPath: config.fencesPath,
  fenceDetailPath: config.fenceDetailPath,
});

console.log("");
console.log(formatProbeReport(report));
console.log("");
console.log(`Wrote ${files.length} redacted samples to ${directory}/`);
if (report.failed) {
  console.error("Some FleetUp calls failed: see FleetUp's words above and in the samples.");
  process.exit(1);
}
