import "server-only";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * PGlite is Postgres for one process: two processes opening the same folder would corrupt it.
 * The process that opens the embedded database holds `lock` in its folder (its pid, what it is,
 * and when it started, so a pid reused after a reboot is not taken for the holder). Everyone
 * else reaches the database through the holder (lib/db/control-socket.ts) or waits.
 */
export type LockHolder = { pid: number; kind: "server" | "cli"; startTicks: string | null };

const lockPath = (dir: string) => join(dir, "lock");

/** The kernel's start time of a process (field 22 of /proc/<pid>/stat), null where unknown. */
function startTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/**
 * Whether the lock's holder still runs: its pid is alive and started when the lock says (a
 * container restart often hands the same pid to the next process, even to this one).
 */
function alive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const ticks = startTicks(holder.pid);
  return holder.startTicks === null || ticks === null || ticks === holder.startTicks;
}

/** The live holder of the folder's lock, or undefined when nobody (alive) holds it. */
export function lockHolder(dir: string): LockHolder | undefined {
  let holder: LockHolder;
  try {
    holder = JSON.parse(readFileSync(lockPath(dir), "utf8")) as LockHolder;
  } catch {
    return undefined;
  }
  return alive(holder) ? holder : undefined;
}

/** Takes the lock, or returns its live holder. Releasing it is the returned function. */
export function tryLock(
  dir: string,
  kind: LockHolder["kind"],
): { release: () => void } | { holder: LockHolder } {
  const me: LockHolder = { pid: process.pid, kind, startTicks: startTicks(process.pid) };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(lockPath(dir), JSON.stringify(me), { flag: "wx", mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lockPath(dir));
        } catch {
          // Already gone.
        }
      };
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = lockHolder(dir);
      if (holder) return { holder };
      // A holder that died without releasing: its lock is void.
      try {
        unlinkSync(lockPath(dir));
      } catch {
        // Someone else removed it first; try again.
      }
    }
  }
  const holder = lockHolder(dir);
  if (holder) return { holder };
  throw new Error(`could not take the lock in ${dir}`);
}
