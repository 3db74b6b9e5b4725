import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const holder = globalThis as typeof globalThis & { __fleetLiveBuildId?: string };

/**
 * The id of the build this server runs (Next.js writes it to .next/BUILD_ID), read once. A wall
 * screen compares it with the build its page came from and reloads itself after a deployment.
 */
export function getBuildId(): string {
  if (holder.__fleetLiveBuildId === undefined) {
    try {
      holder.__fleetLiveBuildId = readFileSync(
        join(process.cwd(), ".next", "BUILD_ID"),
        "utf8",
      ).trim();
    } catch {
      holder.__fleetLiveBuildId = "development";
    }
  }
  return holder.__fleetLiveBuildId;
}
