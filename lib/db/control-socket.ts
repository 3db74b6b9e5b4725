import "server-only";
import { chmodSync, unlinkSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pg-proxy";
import type { Database } from "./database";
import { DatabaseUnavailableError } from "./errors";
import { TEXT_READ_TYPES } from "./pglite-worker";
import * as schema from "./schema";

/**
 * While the server holds the embedded database, a CLI (`npm run user`, `npm run db -- backup`)
 * reaches it through the server: a Unix socket in the database folder (owner-only, like the
 * folder), one JSON request per line. It carries single statements (Drizzle's proxy driver) and
 * backups; there are no transactions over it, which is why every write in the query modules is
 * one statement.
 */
export const socketPath = (dir: string) => join(dir, "control.sock");

/** Unix socket paths are limited to about 107 bytes; a deeper folder gets no control socket. */
export const SOCKET_PATH_MAX = 100;

/** As Drizzle's own PGlite driver reads them: date and time values as text, which it parses. */
const RAW = (value: string) => value;
const PARSERS = Object.fromEntries(TEXT_READ_TYPES.map((type) => [type, RAW]));

type Request =
  | { op: "query"; sql: string; params: unknown[]; method: "all" | "execute" }
  | { op: "backup"; file: string };

async function answer(pglite: PGlite, request: Request): Promise<unknown> {
  if (request.op === "query") {
    const result = await pglite.query(request.sql, request.params, {
      rowMode: request.method === "all" ? "array" : "object",
      parsers: PARSERS,
    });
    return { rows: result.rows };
  }
  if (request.op === "backup") {
    const { writeBackup } = await import("./backup");
    return { bytes: await writeBackup(pglite, request.file) };
  }
  throw new Error("unknown request");
}

/** Serves the control socket for `pglite` until closed. */
export async function serveControlSocket(pglite: PGlite, dir: string): Promise<Server | undefined> {
  const path = socketPath(dir);
  if (path.length > SOCKET_PATH_MAX) return undefined;
  try {
    unlinkSync(path); // left by a process that died; we hold the lock, so it is no one's
  } catch {
    // None.
  }
  const server = createServer((socket: Socket) => {
    const lines = createInterface({ input: socket });
    let queue = Promise.resolve();
    lines.on("line", (line) => {
      queue = queue.then(async () => {
        let reply: unknown;
        try {
          reply = await answer(pglite, JSON.parse(line) as Request);
        } catch (error) {
          reply = { error: error instanceof Error ? error.message : String(error) };
        }
        if (!socket.destroyed) socket.write(`${JSON.stringify(reply)}\n`);
      });
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  server.unref();
  // Next.js exits without closing it; leave no socket behind for the next start to clear.
  process.once("exit", () => {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  });
  return server;
}

/** A connection to a running server's control socket: requests answered in order. */
export class ControlClient {
  private readonly waiting: Array<{
    resolve: (value: unknown) => void;
    reject: (error: Error) => void;
  }> = [];

  private constructor(private readonly socket: Socket) {
    createInterface({ input: socket }).on("line", (line) => {
      const reply = JSON.parse(line) as { error?: string };
      const next = this.waiting.shift();
      if (!next) return;
      if (reply.error !== undefined) next.reject(new Error(reply.error));
      else next.resolve(reply);
    });
    const fail = () => {
      for (const pending of this.waiting.splice(0)) {
        pending.reject(new DatabaseUnavailableError());
      }
    };
    socket.on("close", fail);
    socket.on("error", fail);
  }

  static connect(dir: string): Promise<ControlClient> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(socketPath(dir));
      socket.once("connect", () => resolve(new ControlClient(socket)));
      socket.once("error", reject);
    });
  }

  request<T>(body: Request): Promise<T> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve: resolve as (value: unknown) => void, reject });
      this.socket.write(`${JSON.stringify(body)}\n`);
    });
  }

  /** Drizzle over the socket: the same query modules, run by the server's PGlite. */
  database(): Database {
    return drizzle((sql, params, method) => this.request({ op: "query", sql, params, method }), {
      schema,
    }) as unknown as Database;
  }

  close(): void {
    this.socket.end();
  }
}
