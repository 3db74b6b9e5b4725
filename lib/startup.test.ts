import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { dataDirOf, ensureFolder } from "./db/embedded";

// Starting the server must not start polling here: the live service is not what is tested.
vi.mock("./live/service", () => ({ getLiveService: () => ({ streams: { endAll() {} } }) }));

// The second test opens a database folder on disk twice.
vi.setConfig({ testTimeout: 60_000 });

class Exit extends Error {}

async function start(env: Record<string, string>): Promise<string[]> {
  vi.resetModules();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("fleet-live.database")];
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Exit(`exit ${code}`);
  });
  const { startServer } = await import("./startup");
  await expect(startServer()).rejects.toThrow("exit 1");
  return lines;
}

afterEach(() => {
  vi.unstubAllEnvs();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("fleet-live.database")];
});

describe("starting the server", () => {
  it("refuses several instances without a shared database, in one line", async () => {
    const lines = await start({ REDIS_URL: "redis://127.0.0.1:6379" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Fleet Live cannot start\. Missing environment variable DATABASE_URL: several instances/,
    );
  });

  it("refuses production without FleetUp credentials unless FLEETUP_MODE=simulator says so", async () => {
    const lines = await start({ NODE_ENV: "production" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Fleet Live cannot start\. Missing environment variable FLEETUP_MODE: no FleetUp credentials are set/,
    );
  });

  it("refuses FleetUp over plain http unless ALLOW_INSECURE_HTTP=1 says it is a lab", async () => {
    const fleetup = {
      NODE_ENV: "production",
      FLEETUP_API_KEY: "key",
      FLEETUP_ACCT_ID: "4711",
      FLEETUP_SECRET: "secret",
      NEXTAUTH_SECRET: "n".repeat(32),
    };
    for (const url of ["", "http://fleet.example.com"]) {
      const lines = await start({ ...fleetup, NEXTAUTH_URL: url });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^Fleet Live cannot start\. \w+ environment variable NEXTAUTH_URL: with FleetUp it must be/,
      );
    }
  });

  it("stops with one line when the database cannot be migrated", async () => {
    // A database from a newer version of Fleet Live: one more migration than this code knows.
    const dir = join(mkdtempSync(join(tmpdir(), "startup-")), "db");
    ensureFolder(dir);
    const pglite = await PGlite.create({
      dataDir: dataDirOf(dir),
      loadDataDir: new Blob([readFileSync(inject("databaseTemplate"))]),
    });
    await pglite.query(
      "insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', 4102444800000)",
    );
    await pglite.close();

    const lines = await start({ DATABASE_DIR: dir, USERS_FILE: join(dir, "none.json") });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^Fleet Live cannot start\\. The database is not ready \\(the embedded database in ${dir}\\): the database is at migration \\d+, newer than this version of Fleet Live knows`,
      ),
    );
    expect(lines[0]).not.toContain("\n");
  });
});
