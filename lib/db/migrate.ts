import "server-only";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles, type MigrationMeta } from "drizzle-orm/migrator";
import type { Database } from "./database";
import { reasonOf } from "./errors";
import { selectRows } from "./raw";

/**
 * Numbered migrations (lib/db/migrations, written by drizzle-kit from lib/db/schema) applied at
 * start, before the server answers. Applied ones are recorded in drizzle's own table
 * (drizzle.__drizzle_migrations: hash and the migration's timestamp), so drizzle-kit's tools
 * read the same state. Each migration runs in its own transaction: a failure leaves the database
 * at the last one that worked.
 */
export const MIGRATIONS_FOLDER = resolve("lib/db/migrations");

export type Migration = MigrationMeta & { tag: string };

export type MigrationStatus = {
  /** How many migrations the database has (its version); 0 for an empty database. */
  version: number;
  /** The tag of the latest one applied, e.g. "0000_users_displays_sessions". */
  name: string | null;
  /** How many this code knows; more than `version` until migrations run. */
  known: number;
};

export class MigrationError extends Error {
  override name = "MigrationError";
}

export function readMigrations(folder = MIGRATIONS_FOLDER): Migration[] {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: Array<{ tag: string }>;
  };
  return readMigrationFiles({ migrationsFolder: folder }).map((migration, index) => ({
    ...migration,
    tag: journal.entries[index]!.tag,
  }));
}

const TABLE = sql`drizzle.__drizzle_migrations`;

/** Rows of a raw query: the drivers answer `{ rows }`, Drizzle's proxy driver the rows alone. */
export async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

async function applied(db: Database): Promise<Array<{ hash: string; createdAt: number }>> {
  const [exists] = await selectRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists?.present) return [];
  const done = await selectRows<{ hash: string; created_at: string | number }>(
    db,
    sql`select hash, created_at from ${TABLE} order by created_at`,
  );
  return done.map((row) => ({ hash: row.hash, createdAt: Number(row.created_at) }));
}

export async function migrationStatus(
  db: Database,
  migrations = readMigrations(),
): Promise<MigrationStatus> {
  const done = await applied(db);
  return {
    version: done.length,
    name: done.length === 0 ? null : (migrations[done.length - 1]?.tag ?? null),
    known: migrations.length,
  };
}

/**
 * Brings the database to the newest migration this code knows. Throws a MigrationError whose
 * message is one line (which migration, and the database's own reason); refuses a database that
 * is newer than this code, which would otherwise run on a schema it does not know.
 */
export async function migrate(
  db: Database,
  options: { migrations?: Migration[]; log?: (line: string) => void } = {},
): Promise<MigrationStatus> {
  const migrations = options.migrations ?? readMigrations();
  const log = options.log ?? (() => {});
  const done = await applied(db);
  if (done.length > migrations.length) {
    throw new MigrationError(
      `the database is at migration ${done.length}, newer than this version of Fleet Live knows (${migrations.length}); run the newer version`,
    );
  }
  done.forEach((row, index) => {
    if (row.hash !== migrations[index]!.hash) {
      log(
        `[db] migration ${migrations[index]!.tag} changed after it was applied; add a new one instead`,
      );
    }
  });
  const pending = migrations.slice(done.length);
  if (pending.length > 0) {
    await db.execute(sql`create schema if not exists drizzle`);
    await db.execute(
      sql`create table if not exists ${TABLE} (id serial primary key, hash text not null, created_at bigint)`,
    );
  }
  for (const migration of pending) {
    try {
      await db.transaction(async (tx) => {
        for (const statement of migration.sql) await tx.execute(sql.raw(statement));
        await tx.execute(
          sql`insert into ${TABLE} (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
        );
      });
    } catch (error) {
      throw new MigrationError(`migration ${migration.tag} failed: ${reasonOf(error)}`, {
        cause: error,
      });
    }
    log(`[db] applied migration ${migration.tag}`);
  }
  return migrationStatus(db, migrations);
}
