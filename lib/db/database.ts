import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

export type Schema = typeof schema;

/**
 * The one query layer over both engines: Drizzle's Postgres dialect, whichever driver is behind
 * it (PGlite in this process, node-postgres for a server, or the embedded database's control
 * socket for a CLI while the server holds it). Query modules take this type.
 */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type Engine = "pglite" | "postgres";

export type DatabaseHandle = {
  db: Database;
  engine: Engine;
  /** Where the data is, for messages: a folder, or host and database name (never a password). */
  location: string;
  /**
   * The embedded engine when this process holds it, for what only it can do (backup, serving
   * the control socket). Undefined for Postgres, and for a CLI that reaches the embedded
   * database through the running server.
   */
  embedded?: PGlite;
  /** The embedded engine's backup to a file (owner-only); its size in bytes. Not for Postgres. */
  backup?: (file: string) => Promise<number>;
  close(): Promise<void>;
};

export type DatabaseConfig = {
  /** postgres://… for a Postgres server; undefined for the embedded engine. */
  url?: string;
  /** The embedded engine's folder (DATABASE_DIR). */
  dir: string;
};

/** Which engine a configuration means, in words for logs and health. */
export function describeConfig(config: DatabaseConfig): { engine: Engine; location: string } {
  if (!config.url) return { engine: "pglite", location: config.dir };
  const url = new URL(config.url);
  return { engine: "postgres", location: `${url.hostname}:${url.port || 5432}${url.pathname}` };
}
