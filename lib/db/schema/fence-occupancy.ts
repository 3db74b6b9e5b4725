import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** What an admin set for a fence (lib/db/fence-occupancy.ts): its dwell limit. */
export const fenceSettings = pgTable("fence_settings", {
  fenceId: text("fence_id").primaryKey(),
  /** A vehicle inside longer than this raises "dwell exceeded"; null: no limit. */
  dwellLimitS: integer("dwell_limit_s"),
  updatedBy: text("updated_by").notNull(),
  updatedAt: at("updated_at").notNull(),
});

/**
 * Each stay of a vehicle inside a fence, computed from positions and fence shapes (or, for a
 * fence whose shape is unknown, from FleetUp's fence alerts). Open while `exited_at` is null.
 */
export const fenceVisits = pgTable(
  "fence_visits",
  {
    fenceId: text("fence_id").notNull(),
    deviceId: text("device_id").notNull(),
    enteredAt: at("entered_at").notNull(),
    exitedAt: at("exited_at"),
    /** When "dwell exceeded" was raised for this stay (once per stay). */
    dwellAlertedAt: at("dwell_alerted_at"),
    /** "positions" (computed here) or "fleetup" (from FleetUp's fence alerts). */
    source: text({ enum: ["positions", "fleetup"] }).notNull(),
    restricted: boolean().notNull().default(false),
  },
  (table) => [
    primaryKey({ columns: [table.fenceId, table.deviceId, table.enteredAt] }),
    index("fence_visits_entered_at").on(table.enteredAt),
    index("fence_visits_exited_at").on(table.exitedAt),
  ],
);
