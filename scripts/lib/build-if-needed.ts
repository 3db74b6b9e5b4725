import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./simulator-process";

/** What a production build is made from: a change to any of these makes the build stale. */
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name))),
    stats.mtimeMs,
  );
}

export function buildIsStale(): boolean {
  const buildId = join(PROJECT_ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.some((input) => newestChange(join(PROJECT_ROOT, input)) > builtAt);
}

/** Runs `next build` when there is no build or a source changed since the last one. */
export function buildIfNeeded(log: (line: string) => void): void {
  if (!buildIsStale()) {
    log("The production build is up to date.");
    return;
  }
  log("Building the dashboard (next build); this takes a minute the first time…");
  const result = spawnSync(process.execPath, [nextBin(), "build"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed (see above)");
}

export function nextBin(): string {
  return join(PROJECT_ROOT, "node_modules", "next", "dist", "bin", "next");
}
