import "server-only";
import { serverDatabase } from "@/lib/db/server";
import { sessionQueries } from "@/lib/db/sessions";
import { sessionsChanged } from "./verified-cache";

/**
 * Sessions ended by signing out. The session token is a self-contained JWT, so clearing the
 * cookie alone would leave a copied token valid until it expires; this list refuses it at once.
 * It is in the database (lib/db/sessions.ts), so every instance refuses the session at its next
 * request, and a restart of any instance or of Redis forgets nothing. Entries are dropped when
 * the token would have expired anyway.
 */
export async function revokeSession(sid: string, untilS: number, nowS: number): Promise<void> {
  const sessions = sessionQueries(await serverDatabase());
  const now = new Date(nowS * 1000);
  await sessions.revoke(sid, new Date(untilS * 1000), now);
  await sessionsChanged();
  await sessions.prune(now);
}

export async function isSessionRevoked(sid: string, now = new Date()): Promise<boolean> {
  return sessionQueries(await serverDatabase()).isRevoked(sid, now);
}
