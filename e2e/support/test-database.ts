import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/pglite";
import { inject } from "vitest";
import type { Database, DatabaseHandle } from "../../lib/db/database";
import { migrationStatus } from "../../lib/db/migrate";
import * as schema from "../../lib/db/schema";
import { setDatabaseForTests } from "../../lib/db/server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A tarball of an embedded database with every migration applied (vitest.global-setup.ts). */
    databaseTemplate: string;
  }
}

/**
 * For unit tests (vitest provides the template and stands in for `server-only`): a fresh
 * embedded database for one test file, in memory, loaded from the migrated template
 * (about a second, where creating and migrating one takes several). Close it in afterAll.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const pglite = await PGlite.create({
    loadDataDir: new Blob([readFileSync(inject("databaseTemplate"))]),
  });
  return {
    db: drizzle(pglite, { schema }) as unknown as Database,
    engine: "pglite",
    location: "memory",
    embedded: pglite,
    close: () => pglite.close(),
  };
}

/** A fresh database that is also the process's database (what `serverDatabase()` answers). */
export async function installTestDatabase(): Promise<DatabaseHandle> {
  const handle = await createTestDatabase();
  setDatabaseForTests(handle, await migrationStatus(handle.db));
  return handle;
}

/** Empties every table of the schema, for a test that wants a clean slate in its file's database. */
export async function emptyTables(db: Database): Promise<void> {
  const tables = Object.values(schema)
    .filter((value) => is(value, PgTable))
    .map((table) => `"${getTableName(table as PgTable)}"`);
  await db.execute(sql.raw(`truncate table ${tables.join(", ")} cascade`));
}
