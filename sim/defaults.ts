/** The simulator's demo credentials; lib/env.ts's SIMULATOR_CREDENTIALS declares the same. */
export const SIM_DEFAULTS = {
  port: 4010,
  vehicles: 50,
  seed: 1,
  speedup: 1,
  apiKey: "sim-api-key",
  acctId: "sim-acct",
  secret: "sim-secret",
} as const;
