import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it, inject, vi } from "vitest";
import { UserStore } from "@/lib/auth/user-store";
import { restoreBackup } from "./backup";
import { socketPath } from "./control-socket";
import type { DatabaseHandle } from "./database";
import { dataDirOf, EmbeddedInUseError, ensureFolder, openEmbedded } from "./embedded";
import { migrationStatus } from "./migrate";

// Each test opens a real database folder on disk, some of them twice.
vi.setConfig({ testTimeout: 60_000 });

const FAST = { N: 2 ** 10, r: 8, p: 1 };
let dir: string;
const open: DatabaseHandle[] = [];
const children: ChildProcess[] = [];

/** A folder with a migrated database in it, as a server leaves it (from the test template). */
async function preparedFolder(): Promise<string> {
  const folder = join(mkdtempSync(join(tmpdir(), "embedded-")), "db");
  ensureFolder(folder);
  const pglite = await PGlite.create({
    dataDir: dataDirOf(folder),
    loadDataDir: new Blob([readFileSync(inject("databaseTemplate"))]),
  });
  await pglite.close();
  return folder;
}

async function openAs(kind: "server" | "cli", waitMs?: number): Promise<DatabaseHandle> {
  const handle = await openEmbedded(dir, kind, waitMs);
  open.push(handle);
  return handle;
}

/** A lock held by another live process (a `sleep`), as `kind`. */
function lockedBy(kind: "server" | "cli"): void {
  const child = spawn("sleep", ["30"], { stdio: "ignore" });
  children.push(child);
  writeFileSync(join(dir, "lock"), JSON.stringify({ pid: child.pid, kind, startTicks: null }));
}

beforeEach(async () => {
  dir = await preparedFolder();
});
afterEach(async () => {
  for (const handle of open.splice(0).reverse()) await handle.close();
  for (const child of children.splice(0)) child.kill();
});
afterAll(async () => {
  for (const handle of open) await handle.close();
});

function modes(path: string, found: string[] = []): string[] {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    found.push(
      `${(statSync(child).mode & 0o777).toString(8)} ${entry.isDirectory() ? "dir" : "file"}`,
    );
    if (entry.isDirectory()) modes(child, found);
  }
  return found;
}

describe("the embedded database's folder", () => {
  it("is owner-only, every file and folder in it", async () => {
    await openAs("server");
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const seen = new Set(modes(dir));
    expect([...seen].sort()).toEqual(["600 file", "700 dir"]);
    expect(statSync(socketPath(dir)).mode & 0o777).toBe(0o600);
  });

  it("lets a CLI work through the server that holds it, with the same query modules", async () => {
    const server = await openAs("server");
    const cli = await openAs("cli");
    expect(cli.embedded).toBeUndefined();
    expect(cli.location).toContain("through the running server");
    await new UserStore(cli.db, { hashParams: FAST }).add({
      email: "ann@example.com",
      role: "admin",
      password: "long-enough",
    });
    const seenByServer = await new UserStore(server.db).find("ann@example.com");
    expect(seenByServer).toMatchObject({ role: "admin", passwordHash: expect.any(String) });
    expect(await new UserStore(cli.db).find("ann@example.com")).toEqual(seenByServer);
    expect(await migrationStatus(cli.db)).toMatchObject({ version: expect.any(Number) });
    await expect(cli.db.execute(sql`select * from no_such_table`)).rejects.toThrow(/no_such_table/);
  });

  it("refuses a second server, and says why", async () => {
    lockedBy("server");
    const second = openAs("server");
    await expect(second).rejects.toThrow(EmbeddedInUseError);
    await expect(second).rejects.toThrow(/in use by another Fleet Live server .*DATABASE_URL/);
  });

  it("waits for a CLI that holds it, then gives up with a reason", async () => {
    lockedBy("cli");
    await expect(openAs("server", 300)).rejects.toThrow(/is busy \(process \d+\)/);
  });

  it("takes over the lock of a process that died", async () => {
    writeFileSync(
      join(dir, "lock"),
      JSON.stringify({ pid: 2 ** 22 + 1, kind: "server", startTicks: null }),
    );
    const server = await openAs("server");
    expect(server.embedded).toBeDefined();
    expect(JSON.parse(readFileSync(join(dir, "lock"), "utf8")).pid).toBe(process.pid);
  });
});

describe("backup and restore", () => {
  it("backs up through the running server and restores the data as it was", async () => {
    const server = await openAs("server");
    const users = new UserStore(server.db, { hashParams: FAST });
    await users.add({ email: "kept@example.com", role: "viewer" });
    const file = join(dir, "..", "backup.tgz");
    const cli = await openAs("cli");
    expect(cli.embedded).toBeUndefined();
    expect(await cli.backup!(file)).toBeGreaterThan(0);
    await open.pop()!.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await users.add({ email: "after-the-backup@example.com", role: "viewer" });
    await open.pop()!.close();

    const { status, keptAs } = await restoreBackup(dir, file);
    expect(status.version).toBe(status.known);
    expect(keptAs).toMatch(/pgdata\.before-restore-/);
    const restored = await openAs("server");
    const emails = (await new UserStore(restored.db).list()).map((user) => user.email);
    expect(emails).toEqual(["kept@example.com"]);
  });

  it("refuses a file that is not a backup, and leaves the database as it was", async () => {
    const file = join(dir, "..", "not-a-backup.tgz");
    writeFileSync(file, "hello");
    await expect(restoreBackup(dir, file)).rejects.toThrow(/is not a backup of Fleet Live/);
    expect(readdirSync(dir).filter((name) => name.startsWith("pgdata"))).toEqual(["pgdata"]);
    const server = await openAs("server");
    expect((await migrationStatus(server.db)).version).toBeGreaterThan(0);
  });
});
