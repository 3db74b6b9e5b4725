import "server-only";
import type { DatabaseConfig, DatabaseHandle } from "./database";
import { openEmbedded } from "./embedded";
import type { LockHolder } from "./embedded-lock";
import { importLegacyFiles } from "./legacy-import";
import { migrate, migrationStatus, type MigrationStatus } from "./migrate";
import { openPostgres, withMigrationLock } from "./postgres";

/** Opens the configured engine: Postgres with a URL, else the embedded one in its folder. */
export function openDatabase(
  config: DatabaseConfig,
  kind: LockHolder["kind"],
): Promise<DatabaseHandle> {
  return config.url ? Promise.resolve(openPostgres(config.url)) : openEmbedded(config.dir, kind);
}

/**
 * Makes an opened database ready for this code: migrations to the newest (one instance at a
 * time on Postgres), then the one-time import of the JSON files from before the database.
 * Through a running server's control socket there is nothing to do: the server did both.
 */
export async function prepareDatabase(
  handle: DatabaseHandle,
  config: DatabaseConfig,
  legacyFiles: { usersFile: string; displaysFile: string },
  log: (line: string) => void = console.log,
): Promise<MigrationStatus> {
  if (handle.engine === "pglite" && !handle.embedded) return migrationStatus(handle.db);
  const status = config.url
    ? await withMigrationLock(config.url, (db) => migrate(db, { log }))
    : await migrate(handle.db, { log });
  await importLegacyFiles(handle.db, legacyFiles, log);
  return status;
}
