import { boolean, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { displays } from "./displays";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * The session a wall screen got for its display link (lib/auth/displays.ts): one per link, so a
 * link opens once. The cookie is an opaque random token; only its SHA-256 is stored. It rotates:
 * the token before the current one still counts until the browser has shown the new one (or
 * for a minute after rotating, for requests already on their way).
 */
export const displaySessions = pgTable(
  "display_sessions",
  {
    displayId: text("display_id")
      .primaryKey()
      .references(() => displays.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    previousHash: text("previous_hash"),
    /** Whether the browser has come back with the current token since it was issued. */
    currentSeen: boolean("current_seen").notNull().default(false),
    openedAt: at("opened_at").notNull(),
    rotatedAt: at("rotated_at").notNull(),
  },
  (table) => [index("display_sessions_previous_hash").on(table.previousHash)],
);
