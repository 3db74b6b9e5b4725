import "server-only";
import { and, eq, gt, lte } from "drizzle-orm";
import type { Database } from "./database";
import { measured } from "./metrics";
import { sessionRevocations } from "./schema";

/** Signed-out sessions, refused by every instance until they would have expired anyway. */
export function sessionQueries(db: Database) {
  return measured("sessions", {
    async revoke(sid: string, expiresAt: Date, now: Date): Promise<void> {
      await db
        .insert(sessionRevocations)
        .values({ sid, revokedAt: now, expiresAt })
        .onConflictDoNothing();
    },

    async isRevoked(sid: string, now: Date): Promise<boolean> {
      const rows = await db
        .select({ sid: sessionRevocations.sid })
        .from(sessionRevocations)
        .where(and(eq(sessionRevocations.sid, sid), gt(sessionRevocations.expiresAt, now)))
        .limit(1);
      return rows.length > 0;
    },

    /** Forgets revocations of sessions that have expired by now; returns how many. */
    async prune(now: Date): Promise<number> {
      const removed = await db
        .delete(sessionRevocations)
        .where(lte(sessionRevocations.expiresAt, now))
        .returning({ sid: sessionRevocations.sid });
      return removed.length;
    },
  });
}
