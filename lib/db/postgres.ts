import "server-only";
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { describeConfig, type Database, type DatabaseHandle } from "./database";
import { reasonOf } from "./errors";
import * as schema from "./schema";

/**
 * A Postgres server (DATABASE_URL): what several instances share. A small pool per instance;
 * connections that fail are replaced by the pool, and a query while the server is away fails
 * fast (DatabaseUnavailableError, a 503) instead of hanging a request.
 */
export function openPostgres(url: string): DatabaseHandle {
  const pool = new Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 15_000,
    application_name: "fleet-live",
  });
  let down = false;
  // An idle connection that breaks (a server restart) is reported here, not by a query.
  pool.on("error", (error) => {
    if (down) return;
    down = true;
    console.warn(`[db] a Postgres connection was lost: ${reasonOf(error)}`);
  });
  pool.on("connect", () => {
    if (down) console.warn("[db] connected to Postgres again");
    down = false;
  });
  return {
    db: drizzle(pool, { schema }) as unknown as Database,
    engine: "postgres",
    location: describeConfig({ url, dir: "" }).location,
    close: () => pool.end(),
  };
}

/**
 * Runs `work` on one connection that holds a session lock, so instances starting together
 * migrate one after the other instead of racing.
 */
export async function withMigrationLock<T>(
  url: string,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000 });
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext('fleet-live migrations'))");
    return await work(drizzle(client, { schema }) as unknown as Database);
  } finally {
    await client
      .query("select pg_advisory_unlock(hashtext('fleet-live migrations'))")
      .catch(() => {});
    client.release();
    await pool.end();
  }
}
