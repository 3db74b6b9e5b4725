import { parseArgs } from "node:util";
import type { ConfigPatch } from "./config";
import { SIM_DEFAULTS } from "./defaults";
import { startSimulator } from "./server";

/**
 * `npm run sim -- --port 4010 --vehicles 50 --seed 1 --speedup 1 …`. The first stdout line
 * says "listening on http://HOST:PORT" (e2e/support/simulator.ts waits for it).
 */
const env = process.env;
const parse = () =>
  parseArgs({
    options: {
      port: { type: "string", default: env.SIM_PORT ?? String(SIM_DEFAULTS.port) },
      host: { type: "string", default: env.SIM_HOST ?? SIM_DEFAULTS.host },
      vehicles: { type: "string", default: env.SIM_VEHICLES ?? String(SIM_DEFAULTS.vehicles) },
      seed: { type: "string", default: env.SIM_SEED ?? String(SIM_DEFAULTS.seed) },
      speedup: { type: "string", default: env.SIM_SPEEDUP ?? String(SIM_DEFAULTS.speedup) },
      "api-key": { type: "string", default: env.SIM_API_KEY ?? SIM_DEFAULTS.apiKey },
      "acct-id": { type: "string", default: env.SIM_ACCT_ID ?? SIM_DEFAULTS.acctId },
      secret: { type: "string", default: env.SIM_SECRET ?? SIM_DEFAULTS.secret },
      "control-key": { type: "string", default: env.SIM_CONTROL_KEY ?? SIM_DEFAULTS.controlKey },
      "start-time": { type: "string" },
      "world-time": { type: "string" },
      "step-ms": { type: "string" },
      wrapper: { type: "string" },
      coords: { type: "string" },
      "token-prefix": { type: "string" },
      "token-marker": { type: "string" },
      "time-zone": { type: "string" },
      "no-fix-time": { type: "boolean" },
      "unknown-heading": { type: "boolean" },
      "error-envelope": { type: "boolean" },
      "fence-names": { type: "string" },
      "no-geofence-paths": { type: "boolean" },
      enterprise: { type: "boolean" },
      "empty-list": { type: "string" },
      "rate-limit": { type: "string" },
      "no-rate-limit": { type: "boolean" },
      "retry-after": { type: "boolean" },
      "latency-ms": { type: "string" },
      "hang-rate": { type: "string" },
      "error-rate": { type: "string" },
      "error-status": { type: "string" },
      "storm-429": { type: "boolean" },
      outage: { type: "boolean" },
      "outage-mode": { type: "string" },
      "malformed-rate": { type: "string" },
      "malformed-kinds": { type: "string" },
      "token-ttl-seconds": { type: "string" },
      "truncated-json-rate": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });

let values: ReturnType<typeof parse>["values"];
try {
  ({ values } = parse());
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run sim -- [options] (see sim/README.md)`);
  process.exit(2);
}

if (values.help) {
  console.log("Usage: npm run sim -- [options]. Every option is documented in sim/README.md.");
  process.exit(0);
}

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    console.error(`--${name} must be a number (got "${text}")`);
    process.exit(2);
  }
  return value;
}

const defined = <T extends object>(object: T) =>
  Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined),
  ) as Partial<T>;

const config = defined({
  wrapper: values.wrapper,
  coords: values.coords,
  tokenPrefix: values["token-prefix"],
  timeZone: values["time-zone"],
  fixTime: values["no-fix-time"] ? false : undefined,
  unknownHeading: values["unknown-heading"],
  errorEnvelope: values["error-envelope"],
  fenceNames: values["fence-names"],
  geofencePaths: values["no-geofence-paths"] ? false : undefined,
  enterprise: values.enterprise,
  emptyList: values["empty-list"],
  rateLimit: defined({
    perSecond: number("rate-limit", values["rate-limit"]),
    retryAfter: values["retry-after"],
    enabled: values["no-rate-limit"] ? false : undefined,
  }),
  faults: defined({
    latencyMs: number("latency-ms", values["latency-ms"]),
    hangRate: number("hang-rate", values["hang-rate"]),
    errorRate: number("error-rate", values["error-rate"]),
    errorStatus: number("error-status", values["error-status"]),
    storm429: values["storm-429"],
    outage: values.outage,
    outageMode: values["outage-mode"],
    malformedRate: number("malformed-rate", values["malformed-rate"]),
    malformedKinds: values["malformed-kinds"]?.split(",").map((kind) => kind.trim()),
    tokenTtlSeconds: number("token-ttl-seconds", values["token-ttl-seconds"]),
    truncatedJsonRate: number("truncated-json-rate", values["truncated-json-rate"]),
  }),
}) as ConfigPatch;

function instant(name: "start-time" | "world-time"): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    console.error(`--${name} must be an ISO date-time (got "${text}")`);
    process.exit(2);
  }
  return ms;
}
const startTime = instant("start-time");
const worldTime = instant("world-time");

let sim;
try {
  sim = await startSimulator(
    defined({
      port: number("port", values.port),
      host: values.host,
      vehicles: number("vehicles", values.vehicles),
      seed: number("seed", values.seed),
      speedup: number("speedup", values.speedup),
      apiKey: values["api-key"],
      acctId: values["acct-id"],
      secret: values.secret,
      controlKey: values["control-key"],
      startTime,
      worldTime,
      stepMs: number("step-ms", values["step-ms"]),
      tokenMarker: values["token-marker"],
      config,
    }),
  );
} catch (error) {
  console.error(`FleetUp simulator could not start: ${(error as Error).message}`);
  process.exit(1);
}

const { options } = sim;
console.log(`FleetUp simulator listening on ${sim.url}`);
console.log(
  `  fleet: ${options.vehicles} vehicles in Phoenix, AZ; seed ${options.seed}; speedup ×${options.speedup}; ` +
    `step ${options.stepMs} ms; sim time ${new Date(options.startTime).toISOString()}` +
    (options.worldTime === undefined
      ? ""
      : `; living the day of ${new Date(options.worldTime).toISOString()}`),
);
console.log(
  `  credentials: --api-key ${options.apiKey} --acct-id ${options.acctId} --secret ${options.secret}`,
);
console.log(`  control: ${sim.url}/__sim/ with header x-sim-control-key: ${options.controlKey}`);
console.log(`  config: ${JSON.stringify(sim.control.config())}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
