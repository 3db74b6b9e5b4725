/**
 * The simulator's demo credentials; lib/env.ts's SIMULATOR_CREDENTIALS declares the same. The
 * account id is a number, as POST /token requires.
 */
export const SIM_DEFAULTS = {
  port: 4010,
  host: "127.0.0.1",
  vehicles: 50,
  seed: 1,
  speedup: 1,
  apiKey: "sim-api-key",
  acctId: "12345",
  secret: "sim-secret",
  /** Header x-sim-control-key on every /__sim/ request. */
  controlKey: "sim-control",
} as const;
