import "server-only";
import { chmodSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { ControlClient, serveControlSocket } from "./control-socket";
import type { Database, DatabaseHandle } from "./database";
import { tryLock, type LockHolder } from "./embedded-lock";
import { WorkerPglite } from "./pglite-worker";
import * as schema from "./schema";

/**
 * The embedded engine: PGlite (Postgres compiled to WebAssembly) in a folder, DATABASE_DIR
 * (default .data/db), nothing to install. The folder holds `pgdata` (Postgres's files), `lock`
 * (who holds it) and, while a server runs, `control.sock`. Everything in it is owner-only.
 */
export class EmbeddedInUseError extends Error {
  override name = "EmbeddedInUseError";
}

/** Owner-only: PGlite writes its files world-readable, and they hold password hashes. */
export function ownerOnly(path: string): void {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      chmodSync(child, 0o700);
      ownerOnly(child);
    } else if (entry.isFile()) {
      chmodSync(child, 0o600);
    }
  }
}

export function ensureFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

export const dataDirOf = (dir: string) => join(dir, "pgdata");

/**
 * Opens PGlite in `dir` for this process; the caller holds the lock. A server runs it on its own
 * thread (lib/db/pglite-worker.ts), so a statement never holds the server's; a CLI in its own.
 */
export async function openPglite(dir: string, kind: LockHolder["kind"] = "cli"): Promise<PGlite> {
  const pglite =
    kind === "server"
      ? (await WorkerPglite.open(dataDirOf(dir))).asPglite()
      : await PGlite.create(dataDirOf(dir));
  ownerOnly(dir);
  return pglite;
}

function inUse(dir: string, holder: LockHolder): EmbeddedInUseError {
  return new EmbeddedInUseError(
    `the embedded database in ${dir} is in use by another Fleet Live server (process ${holder.pid}); several instances need DATABASE_URL (docs/several-instances.md)`,
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens the embedded database in `dir`. A server holds it (and serves its control socket); a CLI
 * opens it itself when no server runs, and otherwise goes through the server's control socket.
 * Whoever finds a CLI holding it waits up to `waitMs` for it to finish.
 */
export async function openEmbedded(
  dir: string,
  kind: LockHolder["kind"],
  waitMs = 30_000,
): Promise<DatabaseHandle> {
  ensureFolder(dir);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lock = tryLock(dir, kind);
    if ("release" in lock) {
      try {
        const pglite = await openPglite(dir, kind);
        const control = kind === "server" ? await serveControlSocket(pglite, dir) : undefined;
        return {
          db: drizzle(pglite, { schema }) as unknown as Database,
          engine: "pglite",
          location: dir,
          embedded: pglite,
          backup: async (file) => (await import("./backup")).writeBackup(pglite, file),
          async close() {
            await new Promise((resolve) => (control ? control.close(resolve) : resolve(undefined)));
            await pglite.close();
            lock.release();
          },
        };
      } catch (error) {
        lock.release();
        throw error;
      }
    }
    const { holder } = lock;
    if (holder.kind === "server" && kind === "server") throw inUse(dir, holder);
    if (holder.kind === "server") {
      // A server that is still starting has the lock before its socket: try until the deadline.
      const client = await ControlClient.connect(dir).catch(() => undefined);
      if (client) {
        return {
          db: client.database(),
          engine: "pglite",
          location: `${dir} (through the running server, process ${holder.pid})`,
          backup: async (file) =>
            (await client.request<{ bytes: number }>({ op: "backup", file })).bytes,
          async close() {
            client.close();
          },
        };
      }
    }
    if (Date.now() > deadline) {
      throw new EmbeddedInUseError(
        holder.kind === "server"
          ? `the server (process ${holder.pid}) holds the embedded database in ${dir} and does not answer on its control socket; stop it and try again`
          : `the embedded database in ${dir} is busy (process ${holder.pid}); try again when it is done`,
      );
    }
    await pause(200);
  }
}
