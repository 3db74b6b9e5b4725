import { parseArgs } from "node:util";
import { SIM_DEFAULTS } from "./defaults";
import { startSimulator } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SIM_PORT ?? String(SIM_DEFAULTS.port) },
    vehicles: { type: "string", default: String(SIM_DEFAULTS.vehicles) },
    seed: { type: "string", default: String(SIM_DEFAULTS.seed) },
    speedup: { type: "string", default: String(SIM_DEFAULTS.speedup) },
    "api-key": { type: "string", default: SIM_DEFAULTS.apiKey },
    "acct-id": { type: "string", default: SIM_DEFAULTS.acctId },
    secret: { type: "string", default: SIM_DEFAULTS.secret },
  },
});

const sim = await startSimulator({
  port: Number(values.port),
  vehicles: Number(values.vehicles),
  seed: Number(values.seed),
  speedup: Number(values.speedup),
  apiKey: values["api-key"],
  acctId: values["acct-id"],
  secret: values.secret,
});
console.log(
  `FleetUp simulator listening on ${sim.url} (${sim.options.vehicles} vehicles; api key ${sim.options.apiKey}, acctId ${sim.options.acctId}, secret ${sim.options.secret})`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
