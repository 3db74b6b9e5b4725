import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { PROJECT_ROOT } from "./simulator-process";

/**
 * The environment `next start` will see: the process environment over the .env files Next.js
 * reads in production (highest precedence first, as Next.js orders them), so a CLI and the
 * server agree on settings such as USERS_FILE.
 */
export function environmentLikeNextStart(): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = {};
  for (const file of [".env", ".env.production", ".env.local", ".env.production.local"]) {
    const path = join(PROJECT_ROOT, file);
    if (existsSync(path)) Object.assign(merged, parseEnv(readFileSync(path, "utf8")));
  }
  return { ...merged, ...process.env };
}
