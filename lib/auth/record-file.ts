import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";

/**
 * A list of records in one JSON file, `{ "version": 1, "<field>": [...] }`: what the user store
 * and the display-link store keep. Written atomically (a temporary file, then rename) with mode
 * 0600, writes serialised within the process and each one re-reading the file first; read again
 * only when the file changes, so a per-request lookup costs one stat.
 */
export class RecordFile<T> {
  private cache: { key: string; records: T[] } | undefined;
  private writing: Promise<unknown> = Promise.resolve();
  private readonly records: z.ZodType<T[]>;

  constructor(
    readonly path: string,
    private readonly field: string,
    record: z.ZodType<T>,
    /** The error for a file that is not such a list (names the file, never its content). */
    private readonly invalid: () => Error,
  ) {
    this.records = z.array(record);
  }

  async list(): Promise<T[]> {
    let key: string;
    try {
      const stats = await stat(this.path);
      key = `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    if (this.cache?.key === key) return this.cache.records;
    const text = await readFile(this.path, "utf8");
    let parsed;
    try {
      const file = z
        .object({ version: z.literal(1) })
        .loose()
        .parse(JSON.parse(text));
      parsed = this.records.safeParse(file[this.field]);
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) throw this.invalid();
    this.cache = { key, records: parsed.data };
    return parsed.data;
  }

  /**
   * Changes the list: `edit` gets the records as they are in the file and returns the new list
   * (the same array when nothing changed, which writes nothing) and a result.
   */
  update<R>(edit: (records: T[]) => { records: T[]; result: R }): Promise<R> {
    const run = this.writing.then(async () => {
      const before = await this.list();
      const { records, result } = edit(before);
      if (records === before) return result;
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const temporary = `${this.path}.${randomBytes(6).toString("hex")}.tmp`;
      const body = `${JSON.stringify({ version: 1, [this.field]: records }, null, 2)}\n`;
      await writeFile(temporary, body, { mode: 0o600 });
      await rename(temporary, this.path);
      this.cache = undefined;
      return result;
    });
    this.writing = run.catch(() => undefined);
    return run;
  }
}
