import "server-only";
import { eq, sql } from "drizzle-orm";
import type { EpochMs } from "@/lib/fleet/types";
import type { Database } from "./database";
import { measured } from "./metrics";
import { userLastLooks } from "./schema";

/** When each person last had the dashboard open: "since you last looked". */
export function lastLookQueries(db: Database) {
  return measured("last_looks", {
    async find(email: string): Promise<EpochMs | undefined> {
      const [row] = await db
        .select({ lookedAt: userLastLooks.lookedAt })
        .from(userLastLooks)
        .where(eq(userLastLooks.email, email))
        .limit(1);
      return row?.lookedAt.getTime();
    },

    /** Remembers a look (never moving it back); nothing for an email that is not a user. */
    async record(email: string, at: EpochMs): Promise<void> {
      await db
        .insert(userLastLooks)
        .select(
          sql`select email, ${new Date(at).toISOString()}::timestamptz from users where email = ${email}`,
        )
        .onConflictDoUpdate({
          target: userLastLooks.email,
          set: { lookedAt: sql`greatest(${userLastLooks.lookedAt}, excluded.looked_at)` },
        });
    },
  });
}
