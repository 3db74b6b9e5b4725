import "server-only";
import { asc, eq, like, or, sql } from "drizzle-orm";
import type { Database } from "./database";
import { madeInDemoMode } from "./deployment";
import { measured } from "./metrics";
import { users } from "./schema";

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

/** Who may sign in. Emails arrive normalised (lib/auth/user-store.ts); every write is one statement. */
export function userQueries(db: Database) {
  return measured("users", {
    async find(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
      return row;
    },

    list(): Promise<UserRow[]> {
      return db.select().from(users).orderBy(asc(users.createdAt), asc(users.email));
    },

    /**
     * Adds users that do not exist yet; returns the ones it added. A user added while the
     * deployment runs on the simulator is a demo user (it never signs in beside FleetUp).
     */
    insertNew(rows: NewUserRow[]): Promise<UserRow[]> {
      if (rows.length === 0) return Promise.resolve([]);
      return db
        .insert(users)
        .values(
          rows.map((row) => ({ ...row, demo: sql`${row.demo ?? false} or ${madeInDemoMode}` })),
        )
        .onConflictDoNothing()
        .returning();
    },

    /** A different role ends the user's sessions; the same role changes nothing. */
    async setRole(email: string, role: UserRow["role"], now: Date): Promise<UserRow | undefined> {
      const changed = sql`${users.role} is distinct from ${role}`;
      const [row] = await db
        .update(users)
        .set({
          role,
          updatedAt: sql`case when ${changed} then ${now.toISOString()}::timestamptz else ${users.updatedAt} end`,
          sessionsValidAfter: sql`case when ${changed} then ${now.toISOString()}::timestamptz else ${users.sessionsValidAfter} end`,
        })
        .where(eq(users.email, email))
        .returning();
      return row;
    },

    /** A new password (or none: single sign-on only) ends the user's sessions. */
    async setPasswordHash(
      email: string,
      passwordHash: string | null,
      now: Date,
    ): Promise<UserRow | undefined> {
      const [row] = await db
        .update(users)
        .set({ passwordHash, updatedAt: now, sessionsValidAfter: now })
        .where(eq(users.email, email))
        .returning();
      return row;
    },

    /** "Sign out everywhere": a session signed in before `now` is over. */
    async endSessions(email: string, now: Date): Promise<UserRow | undefined> {
      const [row] = await db
        .update(users)
        .set({ sessionsValidAfter: now })
        .where(eq(users.email, email))
        .returning();
      return row;
    },

    async remove(email: string): Promise<boolean> {
      const removed = await db
        .delete(users)
        .where(eq(users.email, email))
        .returning({ email: users.email });
      return removed.length > 0;
    },

    /** Removes the demo accounts (flagged, or any @demo.local address); returns their emails. */
    async removeDemo(): Promise<string[]> {
      const removed = await db
        .delete(users)
        .where(or(eq(users.demo, true), like(users.email, "%@demo.local")))
        .returning({ email: users.email });
      return removed.map((row) => row.email);
    },
  });
}
