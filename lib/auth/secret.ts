import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { getEnv } from "@/lib/env";

const holder = globalThis as typeof globalThis & { __fleetLiveAuthSecret?: string };

/**
 * The key that signs session tokens and display links: NEXTAUTH_SECRET, or in simulator (demo)
 * mode without it, a random key kept in `auth-secret` beside USERS_FILE (mode 0600), so a restart
 * signs nobody out and a wall screen's display link keeps working. It lives on globalThis because
 * every route bundle of the production server must share it.
 */
export function getAuthSecret(): string {
  const configured = getEnv().authSecret;
  if (configured) return configured;
  holder.__fleetLiveAuthSecret ??= demoSecret(
    join(dirname(resolve(getEnv().auth.usersFile)), "auth-secret"),
  );
  return holder.__fleetLiveAuthSecret;
}

/** The key in `path`, made on first use; when two processes race, both read the winner's. */
export function demoSecret(path: string): string {
  const read = () => readFileSync(path, "utf8").trim();
  let flag = "wx";
  try {
    const existing = read();
    if (existing.length >= 32) return existing;
    flag = "w"; // Damaged (cut short): replace it.
  } catch {
    // Not made yet.
  }
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return read();
}
