import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** The display links of wall screens (lib/db/displays.ts); the link itself is never stored. */
export const displays = pgTable("displays", {
  id: text().primaryKey(),
  name: text().notNull(),
  createdAt: at("created_at").notNull(),
  /** The admin's email, kept as text: a link outlives the account that made it. */
  createdBy: text("created_by").notNull(),
  /** Whole seconds, as the link's token carries it. Null: never expires. */
  expiresAt: at("expires_at"),
  revokedAt: at("revoked_at"),
  /** Made while the deployment ran on the simulator: it never opens beside FleetUp. */
  demo: boolean().notNull().default(false),
});

/**
 * When each screen was last seen, apart from the link's record: a screen that checks in every
 * minute writes only here, never over the link an admin may be revoking at the same moment.
 */
export const displaySightings = pgTable("display_sightings", {
  displayId: text("display_id")
    .primaryKey()
    .references(() => displays.id, { onDelete: "cascade" }),
  lastSeenAt: at("last_seen_at").notNull(),
});
