/**
 * `npm run db -- <command>`: the database's housekeeping.
 *
 *   status            engine, where, and the migration version
 *   migrate           applies new migrations (a server does this itself at start)
 *   backup <file>     the embedded database, to a file (also while the server runs)
 *   restore <file>    replaces the embedded database with a backup (stop the server first)
 *
 * A Postgres server (DATABASE_URL) is backed up with Postgres's own tools: see the README.
 */
import { resolve } from "node:path";
import { restoreBackup } from "@/lib/db/backup";
import { describeConfig } from "@/lib/db/database";
import { EmbeddedInUseError } from "@/lib/db/embedded";
import { tryLock } from "@/lib/db/embedded-lock";
import { migrationStatus } from "@/lib/db/migrate";
import { databaseConfig, withDatabase } from "./lib/database";

const USAGE = `Usage: npm run db -- <command>

  status            the engine, where the data is, and the migration version
  migrate           applies new migrations (a server does this itself at start)
  backup <file>     writes a backup of the embedded database (also while the server runs)
  restore <file>    replaces the embedded database with a backup (stop the server first)

The database is DATABASE_URL (Postgres), or DATABASE_DIR (default .data/db), read from the
environment or .env.local. Back up Postgres with pg_dump (see the README).`;

class UsageError extends Error {}

const POSTGRES_BACKUP =
  "DATABASE_URL is set: back up Postgres with its own tools, e.g. pg_dump --format=custom (see the README)";

async function backup(file: string): Promise<void> {
  const config = databaseConfig();
  if (config.url) throw new UsageError(POSTGRES_BACKUP);
  const target = resolve(file);
  // Through the server when it runs; the database as it is (a backup before an upgrade is of
  // the old version).
  const bytes = await withDatabase((handle) => handle.backup!(target), { asItIs: true });
  console.log(
    `Backed up the embedded database in ${config.dir} to ${target} (${(bytes / 1024).toFixed(0)} KiB).`,
  );
}

async function restore(file: string): Promise<void> {
  const config = databaseConfig();
  if (config.url) {
    throw new UsageError("DATABASE_URL is set: restore Postgres with its own tools (pg_restore)");
  }
  const lock = tryLock(config.dir, "cli");
  if ("holder" in lock) {
    throw new EmbeddedInUseError(
      `process ${lock.holder.pid} has the embedded database in ${config.dir} open; stop the server, then restore`,
    );
  }
  try {
    const { status, keptAs } = await restoreBackup(config.dir, resolve(file));
    console.log(
      `Restored ${resolve(file)} into ${config.dir} (migration ${status.version}, ${status.name}).`,
    );
    if (keptAs)
      console.log(
        `The database it replaced is kept in ${keptAs}; delete it when you no longer need it.`,
      );
    if (status.version < status.known) {
      console.log("The next start applies the newer migrations.");
    }
  } finally {
    lock.release();
  }
}

async function main([command, file]: string[]): Promise<void> {
  switch (command) {
    case "status":
    case "migrate":
      await withDatabase(
        async (handle) => {
          const status = await migrationStatus(handle.db);
          const { engine } = describeConfig(databaseConfig());
          console.log(
            `${engine === "pglite" ? "Embedded database" : "Postgres"} at ${handle.location}: migration ${status.version} of ${status.known} (${status.name ?? "empty"}).`,
          );
        },
        // A status changes nothing; a backup before an upgrade must be of the old version.
        { asItIs: command === "status" },
      );
      return;
    case "backup":
    case "restore":
      if (!file) throw new UsageError(`${command} needs a file`);
      return command === "backup" ? backup(file) : restore(file);
    case undefined:
    case "help":
      console.log(USAGE);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`db: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  // A one-line reason (the database in use, a bad setting, a file that is not a backup).
  console.error(`db: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
