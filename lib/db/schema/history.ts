import { index, integer, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/*
 * Recorded history (lib/db/history.ts). The recorded positions and events themselves are
 * `history_positions` and `history_events`, tables partitioned by day that drizzle cannot
 * describe: they are made by a custom migration (see lib/db/README.md) and queried in SQL by
 * lib/db/history.ts. A day is pruned by dropping its partition.
 */

/**
 * Every device ever recorded, under a small number: a recorded position names its device by
 * this key (4 bytes where the device id takes 16), and whole-fleet replay lists devices here.
 */
export const historyDevices = pgTable("history_devices", {
  key: serial().primaryKey(),
  deviceId: text("device_id").notNull().unique(),
  name: text(),
  firstSeenAt: at("first_seen_at").notNull(),
  lastSeenAt: at("last_seen_at").notNull(),
});

/**
 * When the recording ran: from a positions poll to the last one that followed it without a gap.
 * A trail never asks FleetUp for a time inside one of these spans.
 */
export const historyCoverage = pgTable(
  "history_coverage",
  {
    id: serial().primaryKey(),
    fromAt: at("from_at").notNull(),
    toAt: at("to_at").notNull(),
  },
  (table) => [index("history_coverage_to_at").on(table.toAt)],
);

/**
 * Spans of one device's track asked from FleetUp's /gpsdata because the recording did not cover
 * them (before it started, or during an outage): claimed before the call, so no span is ever
 * asked for twice, whichever instance or request wanted it.
 */
export const historyBackfills = pgTable(
  "history_backfills",
  {
    deviceId: text("device_id").notNull(),
    fromAt: at("from_at").notNull(),
    toAt: at("to_at").notNull(),
    /** "pending" (claimed, being asked), "done", or "failed" (asked again after a while). */
    state: text({ enum: ["pending", "done", "failed"] }).notNull(),
    askedAt: at("asked_at").notNull(),
    points: integer().notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.deviceId, table.fromAt] })],
);
