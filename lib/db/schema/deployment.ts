import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * What the deployment runs on, written by the server at every start (lib/startup.ts): one row.
 * Users and display links made while it runs on the simulator are stamped `demo` from it, by
 * whoever makes them (the server, or `npm run user` on its database), and never work beside
 * FleetUp.
 */
export const deployment = pgTable(
  "deployment",
  {
    id: integer().primaryKey().default(1),
    mode: text({ enum: ["simulator", "fleetup"] }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (table) => [
    check("deployment_one_row", sql`${table.id} = 1`),
    check("deployment_mode_known", sql`${table.mode} in ('simulator', 'fleetup')`),
  ],
);
