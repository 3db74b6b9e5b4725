import "server-only";
import { Counter, Registry } from "prom-client";

/**
 * Sign-in attempts by outcome, for /api/metrics: `signed_in` and `failed` had their password
 * checked; `throttled` and `busy` were refused before any check. On globalThis, because every
 * route bundle of the server loads this module and they must count into one place.
 */
type AuthMetrics = { registry: Registry; attempts: Counter<"outcome"> };

const KEY = Symbol.for("fleet-live.auth-metrics");
type Holder = typeof globalThis & { [KEY]?: AuthMetrics };

export type AttemptOutcome = "signed_in" | "failed" | "throttled" | "busy";

export function authMetrics(): AuthMetrics {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const registry = new Registry();
    holder[KEY] = {
      registry,
      attempts: new Counter({
        name: "fleet_signin_attempts_total",
        help: "Password sign-in attempts, by outcome (throttled and busy ones checked no password)",
        labelNames: ["outcome"],
        registers: [registry],
      }),
    };
  }
  return holder[KEY];
}

export function countAttempt(outcome: AttemptOutcome): void {
  authMetrics().attempts.inc({ outcome });
}
