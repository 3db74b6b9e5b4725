import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { TestProject } from "vitest/node";
import type { Database } from "./lib/db/database";
import { migrate } from "./lib/db/migrate";

/**
 * Once per run: an embedded database with every migration applied, saved as a tarball that each
 * test file loads into its own fresh database (e2e/support/test-database.ts). The migrations run here
 * through the same code as at a server's start.
 */
export default async function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), "fleet-live-db-template-"));
  const pglite = await PGlite.create();
  await migrate(drizzle(pglite) as unknown as Database);
  const template = join(folder, "template.tar");
  writeFileSync(template, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
  await pglite.close();
  project.provide("databaseTemplate", template);
  return () => rmSync(folder, { recursive: true, force: true });
}
