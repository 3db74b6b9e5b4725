import "server-only";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Database } from "./database";
import { measured } from "./metrics";
import { displays, displaySessions } from "./schema";

export type DisplaySessionRow = typeof displaySessions.$inferSelect;

/** The sessions of wall screens, by the SHA-256 of their cookie; every write one statement. */
export function displaySessionQueries(db: Database) {
  return measured("displaySessions", {
    /**
     * Opens the one session of a link: nothing when the link already has one (a link opens
     * once), or is revoked or expired by now. True when it opened.
     */
    async open(displayId: string, tokenHash: string, now: Date): Promise<boolean> {
      const at = sql`${now.toISOString()}::timestamptz`;
      const opened = await db
        .insert(displaySessions)
        .select(
          db
            .select({
              displayId: displays.id,
              tokenHash: sql<string>`${tokenHash}`.as("token_hash"),
              previousHash: sql<string | null>`null`.as("previous_hash"),
              currentSeen: sql<boolean>`true`.as("current_seen"),
              openedAt: sql<Date>`${at}`.as("opened_at"),
              rotatedAt: sql<Date>`${at}`.as("rotated_at"),
            })
            .from(displays)
            .where(
              and(
                eq(displays.id, displayId),
                isNull(displays.revokedAt),
                or(isNull(displays.expiresAt), gt(displays.expiresAt, now)),
              ),
            ),
        )
        .onConflictDoNothing()
        .returning({ displayId: displaySessions.displayId });
      return opened.length > 0;
    },

    /** The session whose current or previous token has this hash. */
    async findByToken(tokenHash: string): Promise<DisplaySessionRow | undefined> {
      const [row] = await db
        .select()
        .from(displaySessions)
        .where(
          or(eq(displaySessions.tokenHash, tokenHash), eq(displaySessions.previousHash, tokenHash)),
        )
        .limit(1);
      return row;
    },

    async find(displayId: string): Promise<DisplaySessionRow | undefined> {
      const [row] = await db
        .select()
        .from(displaySessions)
        .where(eq(displaySessions.displayId, displayId))
        .limit(1);
      return row;
    },

    /** The browser came back with the current token: the one before it stops counting. */
    async markCurrentSeen(displayId: string, tokenHash: string): Promise<void> {
      await db
        .update(displaySessions)
        .set({ currentSeen: true })
        .where(
          and(
            eq(displaySessions.displayId, displayId),
            eq(displaySessions.tokenHash, tokenHash),
            eq(displaySessions.currentSeen, false),
          ),
        );
    },

    /**
     * Issues a new current token, keeping `presented` (the one the browser holds) as the one
     * before it. Only if the current token is still `expectedCurrent`: of two requests rotating
     * at once, one does. True when it rotated.
     */
    async rotate(
      displayId: string,
      expectedCurrent: string,
      presented: string,
      newHash: string,
      now: Date,
    ): Promise<boolean> {
      const rotated = await db
        .update(displaySessions)
        .set({ tokenHash: newHash, previousHash: presented, currentSeen: false, rotatedAt: now })
        .where(
          and(
            eq(displaySessions.displayId, displayId),
            eq(displaySessions.tokenHash, expectedCurrent),
          ),
        )
        .returning({ displayId: displaySessions.displayId });
      return rotated.length > 0;
    },
  });
}
