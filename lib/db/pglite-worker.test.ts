import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./database";
import { users } from "./schema";
import { migrate, migrationStatus } from "./migrate";
import { WorkerPglite } from "./pglite-worker";
import { selectRows, sqlState } from "./raw";
import * as schema from "./schema";

/** The server's embedded engine on its own thread, through Drizzle as the server uses it. */
describe("PGlite on a worker thread", { timeout: 60_000 }, () => {
  let dir: string;
  let engine: WorkerPglite;
  let db: Database;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pglite-worker-"));
    engine = await WorkerPglite.open(join(dir, "pgdata"));
    db = drizzle(engine.asPglite(), { schema }) as unknown as Database;
    // Migrations run in transactions.
    await migrate(db, { log: () => {} });
    await db.execute(sql`create table probe (id int primary key, note text)`);
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers Drizzle's queries and the schema's types (timestamps read as dates)", async () => {
    const status = await migrationStatus(db);
    expect(status.version).toBe(status.known);
    const [user] = await db
      .insert(users)
      .values({
        email: "worker@example.com",
        role: "viewer",
        passwordHash: "x",
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      .returning();
    expect(user!.email).toBe("worker@example.com");
    expect(user!.createdAt).toBeInstanceOf(Date);
    const rows = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from users`);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it("gives a failed statement's SQLSTATE, as the routes read it", async () => {
    await db.execute(sql`insert into probe values (1, 'one')`);
    const error = await db.execute(sql`insert into probe values (1, 'again')`).catch((e) => e);
    expect(sqlState(error)).toBe("23505");
  });

  it("commits a transaction, rolls one back when it throws, and holds other queries until it ends", async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into probe values (2, 'kept')`);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into probe values (3, 'dropped')`);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");

    let outsideDone = false;
    let outside: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into probe values (4, 'late')`);
      outside = db.execute(sql`select 1`).then(() => (outsideDone = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(outsideDone).toBe(false);
    });
    await outside;
    expect(outsideDone).toBe(true);
    const ids = await selectRows<{ id: number }>(db, sql`select id from probe order by id`);
    expect(ids.map((row) => row.id)).toEqual([1, 2, 4]);
  });

  it("leaves the server's thread free while a long statement runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 10);
    const started = performance.now();
    await db.execute(sql`select count(*) from generate_series(1, 3000000)`);
    const ranMs = performance.now() - started;
    clearInterval(timer);
    // In the server's own thread the statement would hold every timer back: no tick at all.
    expect(ranMs).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(ranMs / 10 / 4));
  });

  it("dumps its data folder for a backup", async () => {
    const dump = await engine.dumpDataDir("gzip");
    const bytes = new Uint8Array(await dump.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1_000);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]); // gzip
  });

  it("a lost worker fails every query with 'cannot be reached', never hangs", async () => {
    const lost = await WorkerPglite.open(join(dir, "lost"));
    const other = drizzle(lost.asPglite(), { schema }) as unknown as Database;
    await other.execute(sql`select 1`);
    await lost.close();
    await expect(other.execute(sql`select 1`)).rejects.toMatchObject({
      cause: { name: "DatabaseUnavailableError" },
    });
  });
});
