import "server-only";
import { Counter, Histogram, Registry } from "prom-client";
import { DatabaseUnavailableError, isUnavailable } from "./errors";

/**
 * Query latency and errors, by query name ("users.find"), for /api/metrics. The registry lives
 * on globalThis: every route bundle of the server loads this module, and they must count into
 * one place.
 */
type DatabaseMetrics = {
  registry: Registry;
  latency: Histogram<"query">;
  errors: Counter<"query">;
};

const KEY = Symbol.for("fleet-live.database-metrics");
type Holder = typeof globalThis & { [KEY]?: DatabaseMetrics };

export function databaseMetrics(): DatabaseMetrics {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const registry = new Registry();
    holder[KEY] = {
      registry,
      latency: new Histogram({
        name: "fleet_db_query_duration_seconds",
        help: "Time a database query took, by query",
        labelNames: ["query"],
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
        registers: [registry],
      }),
      errors: new Counter({
        name: "fleet_db_query_errors_total",
        help: "Database queries that failed, by query",
        labelNames: ["query"],
        registers: [registry],
      }),
    };
  }
  return holder[KEY];
}

/** Runs one query, observing its time and counting its failure; "cannot reach" becomes one error type. */
export async function measure<T>(query: string, run: () => Promise<T>): Promise<T> {
  const { latency, errors } = databaseMetrics();
  const started = performance.now();
  try {
    return await run();
  } catch (error) {
    errors.inc({ query });
    if (isUnavailable(error) && !(error instanceof DatabaseUnavailableError)) {
      throw new DatabaseUnavailableError({ cause: error });
    }
    throw error;
  } finally {
    latency.observe({ query }, (performance.now() - started) / 1000);
  }
}

type Queries = Record<string, (...args: never[]) => Promise<unknown>>;

/** A query module's functions, each measured under "<concern>.<name>". */
export function measured<Q extends Queries>(concern: string, queries: Q): Q {
  return Object.fromEntries(
    Object.entries(queries).map(([name, run]) => [
      name,
      (...args: never[]) => measure(`${concern}.${name}`, () => run(...args)),
    ]),
  ) as Q;
}
