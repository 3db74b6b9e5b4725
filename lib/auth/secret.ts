import "server-only";
import { randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";

const holder = globalThis as typeof globalThis & { __fleetLiveAuthSecret?: string };

/**
 * The key that encrypts session tokens: NEXTAUTH_SECRET, or in simulator (demo) mode without it,
 * a random key made once per server process. It lives on globalThis because every route bundle
 * of the production server must share it. A restart therefore signs everyone out in demo mode.
 */
export function getAuthSecret(): string {
  const configured = getEnv().authSecret;
  if (configured) return configured;
  holder.__fleetLiveAuthSecret ??= randomBytes(32).toString("base64url");
  return holder.__fleetLiveAuthSecret;
}
