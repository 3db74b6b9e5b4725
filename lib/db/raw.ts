import "server-only";
import type { SQL } from "drizzle-orm";
import type { Database } from "./database";

/**
 * The rows of a query written in SQL (for what Drizzle cannot describe: migrations' own table,
 * partitioned history). The drivers answer `{ rows }`, Drizzle's proxy driver the rows alone.
 */
export async function selectRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** The SQLSTATE of a driver error, looking through Drizzle's wrapping. */
export function sqlState(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = cause;
  }
  return undefined;
}
