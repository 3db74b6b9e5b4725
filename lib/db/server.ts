import "server-only";
import type { DatabaseHealth } from "@/lib/fleet/health";
import { resolve } from "node:path";
import { getEnv } from "@/lib/env";
import type { Database, DatabaseHandle, Engine } from "./database";
import { migrationStatus, type MigrationStatus } from "./migrate";
import { openDatabase, prepareDatabase } from "./open";

/**
 * The server's database, one per process for every route bundle (so it lives on globalThis,
 * like the live service). Instrumentation starts it before the server answers: open, migrate,
 * import the old JSON files once. Route handlers and lib/auth reach it with `serverDatabase()`.
 */
type Started = { handle: DatabaseHandle; migration: MigrationStatus };

const KEY = Symbol.for("fleet-live.database");
type Holder = typeof globalThis & { [KEY]?: Promise<Started> };

export function startDatabase(log: (line: string) => void = console.log): Promise<Started> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const env = getEnv();
    const config = { url: env.database.url, dir: resolve(env.database.dir) };
    const handle = await openDatabase(config, "server");
    try {
      const migration = await prepareDatabase(handle, config, env.auth, log);
      log(
        `[db] ${handle.engine === "pglite" ? "embedded database" : "Postgres"} at ${handle.location}, migration ${migration.version} (${migration.name})`,
      );
      return { handle, migration };
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
  })();
  return holder[KEY];
}

/** The server's database, once started. */
export async function serverDatabase(): Promise<Database> {
  return (await startDatabase()).handle.db;
}

/** Closes the server's database (on shutdown), so the embedded engine's files are left clean. */
export async function stopDatabase(): Promise<void> {
  const holder = globalThis as Holder;
  const started = holder[KEY];
  if (!started) return;
  await (await started).handle.close();
}

/** What /api/health says about the database: one small query, answered within two seconds. */
export async function databaseHealth(timeoutMs = 2_000): Promise<DatabaseHealth> {
  const engine: Engine = getEnv().database.url ? "postgres" : "pglite";
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const status = await Promise.race([
      serverDatabase().then((db) => migrationStatus(db)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("no answer within 2 s")), timeoutMs);
      }),
    ]);
    return { engine, reachable: true, migration: { version: status.version, name: status.name } };
  } catch {
    // The reason goes to the log (lib/db/postgres.ts), not to an open endpoint.
    return { engine, reachable: false, migration: null };
  } finally {
    clearTimeout(timer);
  }
}

/** Test hook: makes `db` the process's database (a fresh embedded one per test file). */
export function setDatabaseForTests(handle: DatabaseHandle, migration: MigrationStatus): void {
  (globalThis as Holder)[KEY] = Promise.resolve({ handle, migration });
}
