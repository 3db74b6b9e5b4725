import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "./database";
import { madeInDemoMode } from "./deployment";
import { measured } from "./metrics";
import { displays, displaySessions, displaySightings } from "./schema";

export type DisplayRow = typeof displays.$inferSelect & {
  lastSeenAt: Date | null;
  openedAt: Date | null;
};
export type NewDisplayRow = Omit<typeof displays.$inferInsert, "demo">;

const withSighting = {
  id: displays.id,
  name: displays.name,
  createdAt: displays.createdAt,
  createdBy: displays.createdBy,
  expiresAt: displays.expiresAt,
  revokedAt: displays.revokedAt,
  demo: displays.demo,
  lastSeenAt: displaySightings.lastSeenAt,
  openedAt: displaySessions.openedAt,
};

/** Display links of wall screens, with when each screen was last seen. */
export function displayQueries(db: Database) {
  const select = () =>
    db
      .select(withSighting)
      .from(displays)
      .leftJoin(displaySightings, eq(displaySightings.displayId, displays.id))
      .leftJoin(displaySessions, eq(displaySessions.displayId, displays.id));

  return measured("displays", {
    /** Newest first. */
    list(): Promise<DisplayRow[]> {
      return select().orderBy(desc(displays.createdAt), desc(displays.id));
    },

    async find(id: string): Promise<DisplayRow | undefined> {
      const [row] = await select().where(eq(displays.id, id)).limit(1);
      return row;
    },

    /**
     * Adds links that do not exist yet, stamped demo while the deployment runs on the simulator;
     * returns how many it added.
     */
    async insertNew(rows: NewDisplayRow[]): Promise<number> {
      if (rows.length === 0) return 0;
      const added = await db
        .insert(displays)
        .values(rows.map((row) => ({ ...row, demo: madeInDemoMode })))
        .onConflictDoNothing()
        .returning({ id: displays.id });
      return added.length;
    },

    /** Marks a link revoked (a second revocation keeps the first time); false for an unknown id. */
    async revoke(id: string, at: Date): Promise<boolean> {
      const changed = await db
        .update(displays)
        .set({ revokedAt: sql`coalesce(${displays.revokedAt}, ${at.toISOString()}::timestamptz)` })
        .where(eq(displays.id, id))
        .returning({ id: displays.id });
      return changed.length > 0;
    },

    /** Revokes every link made on the simulator (FleetUp mode starts); returns how many. */
    async revokeDemo(at: Date): Promise<number> {
      const revoked = await db
        .update(displays)
        .set({ revokedAt: at })
        .where(and(eq(displays.demo, true), isNull(displays.revokedAt)))
        .returning({ id: displays.id });
      return revoked.length;
    },

    /**
     * Records that a link's screen was seen, never touching the link's own record; nothing for
     * an unknown id.
     */
    async markSeen(id: string, at: Date): Promise<void> {
      await db
        .insert(displaySightings)
        .select(
          db
            .select({
              displayId: displays.id,
              lastSeenAt: sql<Date>`${at.toISOString()}::timestamptz`.as("last_seen_at"),
            })
            .from(displays)
            .where(eq(displays.id, id)),
        )
        .onConflictDoUpdate({
          target: displaySightings.displayId,
          set: {
            lastSeenAt: sql`greatest(${displaySightings.lastSeenAt}, excluded.last_seen_at)`,
          },
        });
    },
  });
}
