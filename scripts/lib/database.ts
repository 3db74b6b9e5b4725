import { resolve } from "node:path";
import type { DatabaseConfig, DatabaseHandle } from "@/lib/db/database";
import { openDatabase, prepareDatabase } from "@/lib/db/open";
import { parseEnv, requireSharedDatabase } from "@/lib/env";
import { environmentLikeNextStart } from "./env-files";
import { PROJECT_ROOT } from "./simulator-process";

/** The database a CLI works on: the one the server uses (DATABASE_URL, or DATABASE_DIR). */
export function databaseConfig(): DatabaseConfig & { usersFile: string; displaysFile: string } {
  const env = parseEnv(environmentLikeNextStart());
  requireSharedDatabase(env);
  return {
    url: env.database.url,
    dir: resolve(PROJECT_ROOT, env.database.dir),
    usersFile: resolve(PROJECT_ROOT, env.auth.usersFile),
    displaysFile: resolve(PROJECT_ROOT, env.auth.displaysFile),
  };
}

/**
 * Runs `work` on the server's database, by default made ready for this code first (migrated,
 * old JSON files imported); `{ asItIs: true }` leaves it untouched (a status, a backup before an
 * upgrade). With the embedded engine and a running server, the work goes through the server.
 */
export async function withDatabase<T>(
  work: (handle: DatabaseHandle) => Promise<T>,
  { asItIs = false } = {},
): Promise<T> {
  const config = databaseConfig();
  const handle = await openDatabase(config, "cli");
  try {
    if (!asItIs) await prepareDatabase(handle, config, config, (line) => console.error(line));
    return await work(handle);
  } finally {
    await handle.close();
  }
}
