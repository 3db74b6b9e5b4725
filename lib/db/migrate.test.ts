import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./database";
import {
  migrate,
  MigrationError,
  MIGRATIONS_FOLDER,
  migrationStatus,
  readMigrations,
} from "./migrate";
import * as schema from "./schema";
import { createTestDatabase } from "@/e2e/support/test-database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("migrations", () => {
  it("brings a test database to the newest migration", async () => {
    const known = readMigrations();
    expect(await migrationStatus(handle.db)).toEqual({
      version: known.length,
      name: known.at(-1)!.tag,
      known: known.length,
    });
  });

  it("does nothing the second time", async () => {
    const lines: string[] = [];
    await migrate(handle.db, { log: (line) => lines.push(line) });
    expect(lines).toEqual([]);
  });
});

describe("a migration that fails", () => {
  it("stops with one line naming it, and leaves the database at the last one that worked", async () => {
    const known = readMigrations();
    const broken = {
      ...known.at(-1)!,
      tag: "9999_broken",
      hash: "not-a-real-hash",
      folderMillis: known.at(-1)!.folderMillis + 1,
      sql: ['create table "ok_before_the_failure" (id int)', 'create table "users" (id int)'],
    };
    const failure = migrate(handle.db, { migrations: [...known, broken] });
    await expect(failure).rejects.toThrow(MigrationError);
    await expect(failure).rejects.toThrow(
      /^migration 9999_broken failed: relation "users" already exists$/,
    );
    expect((await migrationStatus(handle.db)).version).toBe(known.length);
    const { rows } = (await handle.db.execute(
      sql`select to_regclass('ok_before_the_failure') is not null as present`,
    )) as unknown as { rows: Array<{ present: boolean }> };
    const [leftover] = rows;
    expect(leftover?.present).toBe(false);
  });

  it("refuses a database newer than this code", async () => {
    await expect(migrate(handle.db, { migrations: [] })).rejects.toThrow(
      /newer than this version of Fleet Live knows \(0\)/,
    );
  });
});

describe("the schema and the migrations", () => {
  it("agree: a change to lib/db/schema comes with its migration (npm run db:generate)", async () => {
    const { generateDrizzleJson, generateMigration } = await import("drizzle-kit/api");
    const folder = join(MIGRATIONS_FOLDER, "meta");
    const latest = readdirSync(folder)
      .filter((name) => name.endsWith("_snapshot.json"))
      .sort()
      .at(-1)!;
    const snapshot = JSON.parse(readFileSync(join(folder, latest), "utf8"));
    const current = generateDrizzleJson(schema, snapshot.id);
    expect(await generateMigration(snapshot, current)).toEqual([]);
  });
});
