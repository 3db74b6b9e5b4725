import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Sessions ended by signing out (lib/db/sessions.ts). A session token is a self-contained JWT,
 * so a copy of the cookie would stay valid until it expires; every instance refuses a session
 * listed here. A row is deleted once the session would have expired anyway.
 */
export const sessionRevocations = pgTable(
  "session_revocations",
  {
    sid: text().primaryKey(),
    revokedAt: at("revoked_at").notNull(),
    expiresAt: at("expires_at").notNull(),
  },
  (table) => [index("session_revocations_expires_at").on(table.expiresAt)],
);
