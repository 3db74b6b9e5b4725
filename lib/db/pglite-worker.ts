import "server-only";
import { Worker } from "node:worker_threads";
import { types, type PGlite } from "@electric-sql/pglite";
import { DatabaseUnavailableError } from "./errors";

/**
 * The embedded engine on its own thread. PGlite runs Postgres in WebAssembly, and a statement
 * holds the thread it runs on: in the server's thread, a recording batch of 10,000 positions held
 * every stream's delivery back (issue 16's bench). Here PGlite runs in a worker thread and the
 * server talks to it by messages; `WorkerPglite` answers the part of PGlite's interface that
 * Drizzle's PGlite driver, the control socket and backups use (`query`, `transaction`,
 * `dumpDataDir`), so everything above is unchanged.
 *
 * Queries run concurrently in the worker as they would in one PGlite: PGlite queues them, and a
 * transaction holds the others back until it ends.
 */

/**
 * The types read as text, which Drizzle parses (as its PGlite driver asks): timestamp,
 * timestamptz, interval, date, and the arrays numeric[], timestamp[], timestamptz[], interval[],
 * date[]. The control socket reads them so too.
 */
export const TEXT_READ_TYPES: readonly number[] = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231,
  1115,
  1185,
  1187,
  1182,
];

/**
 * The worker's code: plain JavaScript, run by Node as given (no bundler sees it), importing
 * PGlite from the server's node_modules (the server runs from the project's folder).
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const RAW = Object.fromEntries(workerData.rawTypes.map((type) => [type, (value) => value]));
const ROLLBACK = Symbol("rollback");
const transactions = new Map();
let nextTransaction = 0;
const failure = (error) => ({
  message: error && error.message ? String(error.message) : String(error),
  name: error && error.name,
  code: error && error.code,
  detail: error && error.detail,
  constraint: error && error.constraint,
  severity: error && error.severity,
});
const reply = (id, result, transfer) => parentPort.postMessage({ id, result }, transfer);
const fail = (id, error) => parentPort.postMessage({ id, error: failure(error) });

import("@electric-sql/pglite").then(async ({ PGlite }) => {
  let pglite;
  try {
    pglite = await PGlite.create(workerData.dataDir);
  } catch (error) {
    parentPort.postMessage({ id: 0, error: failure(error) });
    return;
  }
  parentPort.postMessage({ id: 0, result: "ready" });
  parentPort.on("message", async (message) => {
    const { id, op } = message;
    try {
      if (op === "query") {
        const target = message.transaction ? transactions.get(message.transaction).tx : pglite;
        const result = await target.query(message.sql, message.params, {
          rowMode: message.rowMode,
          parsers: RAW,
        });
        reply(id, { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows });
      } else if (op === "begin") {
        const transaction = (nextTransaction += 1);
        const open = {};
        const ended = new Promise((resolve) => (open.finish = resolve));
        transactions.set(transaction, open);
        open.settled = pglite
          .transaction(async (tx) => {
            open.tx = tx;
            reply(id, transaction);
            if (!(await ended)) throw ROLLBACK;
          })
          .catch((error) => {
            if (error !== ROLLBACK) throw error;
          })
          .finally(() => transactions.delete(transaction));
        open.settled.catch((error) => {
          if (!open.tx) fail(id, error);
        });
      } else if (op === "end") {
        const open = transactions.get(message.transaction);
        open.finish(message.commit);
        await open.settled;
        reply(id, null);
      } else if (op === "dump") {
        const buffer = await (await pglite.dumpDataDir("gzip")).arrayBuffer();
        reply(id, buffer, [buffer]);
      } else if (op === "close") {
        await pglite.close();
        reply(id, null);
      }
    } catch (error) {
      fail(id, error);
    }
  });
});
`;

type Failure = {
  message: string;
  name?: string;
  code?: string;
  detail?: string;
  constraint?: string;
  severity?: string;
};
type Answer = { id: number; result?: unknown; error?: Failure };
type QueryOptions = { rowMode?: "array" | "object" };
type QueryResult = { rows: unknown[]; fields: unknown[]; affectedRows?: number };
type Queryable = {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
};

/** A driver error as PGlite raises it: message, SQLSTATE `code` and detail, as callers read them. */
class WorkerQueryError extends Error {
  constructor(failure: Failure) {
    super(failure.message);
    this.name = failure.name && failure.name !== "Error" ? failure.name : "DatabaseError";
    Object.assign(this, {
      code: failure.code,
      detail: failure.detail,
      constraint: failure.constraint,
      severity: failure.severity,
    });
  }
}

export class WorkerPglite implements Queryable {
  private readonly waiting = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private lost: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (answer: Answer) => {
      const pending = this.waiting.get(answer.id);
      if (!pending) return;
      this.waiting.delete(answer.id);
      if (answer.error) pending.reject(new WorkerQueryError(answer.error));
      else pending.resolve(answer.result);
    });
    const gone = (cause?: unknown) => {
      this.lost ??= new DatabaseUnavailableError({ cause });
      for (const pending of this.waiting.values()) pending.reject(this.lost);
      this.waiting.clear();
    };
    worker.on("error", gone);
    worker.on("exit", () => gone());
  }

  /** Starts the worker and opens PGlite on `dataDir` in it. */
  static async open(dataDir: string): Promise<WorkerPglite> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { dataDir, rawTypes: TEXT_READ_TYPES },
    });
    // The server's listeners and timers keep the process alive; the worker alone does not.
    worker.unref();
    const engine = new WorkerPglite(worker);
    const ready = new Promise<unknown>((resolve, reject) =>
      engine.waiting.set(0, { resolve, reject }),
    );
    try {
      await ready;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return engine;
  }

  query(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.call({ op: "query", sql, params, rowMode: options.rowMode ?? "object" });
  }

  /** As PGlite's: `run` gets a handle whose queries are the transaction's; it commits unless `run` throws. */
  async transaction<T>(run: (tx: Queryable) => Promise<T>): Promise<T> {
    const transaction = await this.call<number>({ op: "begin" });
    const tx: Queryable = {
      query: (sql, params = [], options = {}) =>
        this.call({ op: "query", sql, params, rowMode: options.rowMode ?? "object", transaction }),
    };
    let result: T;
    try {
      result = await run(tx);
    } catch (error) {
      await this.call({ op: "end", transaction, commit: false });
      throw error;
    }
    await this.call({ op: "end", transaction, commit: true });
    return result;
  }

  async dumpDataDir(_compression: "gzip"): Promise<Blob> {
    return new Blob([await this.call<ArrayBuffer>({ op: "dump" })]);
  }

  async close(): Promise<void> {
    if (!this.lost) await this.call({ op: "close" }).catch(() => undefined);
    await this.worker.terminate();
  }

  /** This engine as Drizzle's PGlite driver and the control socket take it. */
  asPglite(): PGlite {
    return this as unknown as PGlite;
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.lost) return Promise.reject(this.lost);
    const id = (this.nextId += 1);
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, ...message });
    });
  }
}
