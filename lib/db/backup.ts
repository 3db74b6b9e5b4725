import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { Database } from "./database";
import { dataDirOf, ensureFolder, ownerOnly } from "./embedded";
import { migrationStatus, type MigrationStatus } from "./migrate";
import * as schema from "./schema";

/**
 * Backups of the embedded engine: PGlite's own dump of its data folder (a gzip'd tar), taken
 * while it holds every other query back, so it is consistent even while the server runs (the
 * server takes it, asked through its control socket). A Postgres server is backed up with its
 * own tools (pg_dump; see the README).
 */
export async function writeBackup(pglite: PGlite, file: string): Promise<number> {
  const bytes = Buffer.from(await (await pglite.dumpDataDir("gzip")).arrayBuffer());
  // Owner-only, like the database, and never half-written under the final name.
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, bytes, { mode: 0o600 });
  renameSync(temporary, file);
  return bytes.length;
}

/**
 * Replaces the embedded database in `dir` with a backup. The caller holds the folder's lock (no
 * server runs). The backup is opened and checked first; the database it replaces is kept beside
 * it (`pgdata.before-restore-<time>`) until you delete it.
 */
export async function restoreBackup(
  dir: string,
  file: string,
): Promise<{ status: MigrationStatus; keptAs?: string }> {
  ensureFolder(dir);
  const target = dataDirOf(dir);
  const staging = `${target}.restoring`;
  rmSync(staging, { recursive: true, force: true });
  let status: MigrationStatus;
  try {
    const pglite = await PGlite.create({
      dataDir: staging,
      loadDataDir: new Blob([readFileSync(file)]),
    });
    try {
      status = await migrationStatus(drizzle(pglite, { schema }) as unknown as Database);
    } finally {
      await pglite.close();
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `${file} is not a backup of Fleet Live's embedded database (${(error as Error).message})`,
    );
  }
  let keptAs: string | undefined;
  if (existsSync(target)) {
    keptAs = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(target, keptAs);
  }
  renameSync(staging, target);
  ownerOnly(dir);
  return { status, keptAs };
}
