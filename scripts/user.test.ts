import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { beforeAll, describe, expect, inject, it, vi } from "vitest";
import { dataDirOf, ensureFolder, openEmbedded } from "@/lib/db/embedded";
import { UserStore } from "@/lib/auth/user-store";
import { PROJECT_ROOT } from "./lib/simulator-process";

// Each command is its own process, as an operator runs it.
vi.setConfig({ testTimeout: 120_000 });

let dir: string;

beforeAll(async () => {
  dir = join(mkdtempSync(join(tmpdir(), "user-cli-")), "db");
  ensureFolder(dir);
  const pglite = await PGlite.create({
    dataDir: dataDirOf(dir),
    loadDataDir: new Blob([readFileSync(inject("databaseTemplate"))]),
  });
  await pglite.close();
});

function user(args: string[], input?: string) {
  const run = spawnSync(
    process.execPath,
    ["--conditions", "react-server", "--import", "tsx", "scripts/user.ts", ...args],
    {
      cwd: PROJECT_ROOT,
      input,
      encoding: "utf8",
      env: { ...process.env, DATABASE_DIR: dir, USERS_FILE: join(dir, "none.json") },
    },
  );
  return { status: run.status, out: run.stdout, err: run.stderr };
}

describe("npm run user", () => {
  it("keeps its commands, now on the database, and signs a user out everywhere", async () => {
    expect(
      user(["add", "ann@example.com", "--role", "viewer", "--password-stdin"], "long-enough\n"),
    ).toMatchObject({ status: 0, out: "Added ann@example.com (viewer).\n" });
    expect(user(["set-role", "ann@example.com", "dispatcher"]).status).toBe(0);
    const signedOut = user(["sign-out-everywhere", "ann@example.com"]);
    expect(signedOut).toMatchObject({ status: 0 });
    expect(signedOut.out).toContain("Signed ann@example.com out everywhere");
    expect(user(["list"]).out).toMatch(/^ann@example\.com\s+dispatcher\s+password\n$/);
    expect(user(["remove", "nobody@example.com"])).toMatchObject({
      status: 1,
      err: "user: No user nobody@example.com\n",
    });

    const handle = await openEmbedded(dir, "cli");
    try {
      const ann = await new UserStore(handle.db).find("ann@example.com");
      expect(ann?.role).toBe("dispatcher");
      expect(Date.now() - Date.parse(ann!.sessionsValidAfter!)).toBeLessThan(120_000);
    } finally {
      await handle.close();
    }
  });

  it("answers an unknown command with the usage, without touching the database", () => {
    const run = user(["promote", "ann@example.com"]);
    expect(run.status).toBe(2);
    expect(run.err).toContain('user: unknown command "promote"');
    expect(run.err).toContain("sign-out-everywhere <email>");
  });
});
