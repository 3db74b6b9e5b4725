import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { ALERT_EVENT_ACTIONS, ALERT_STATES } from "../../fleet/alert-work";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(", ")})`);

/**
 * Alert work (lib/db/alert-work.ts): each alert someone acted on, with its current state. The
 * alert itself stays in the live service's alert log (FleetUp's, or raised by the server); this
 * row joins it by id and the alert's own time (epoch ms), so an id that comes back with another
 * time is another alert.
 */
export const alertWork = pgTable(
  "alert_work",
  {
    alertId: text("alert_id").notNull(),
    alertTime: bigint("alert_time", { mode: "number" }).notNull(),
    state: text({ enum: ALERT_STATES }).notNull(),
    /** Every change adds one; a write names the version it read, so two at once cannot both win. */
    version: integer().notNull(),
    acknowledgedBy: text("acknowledged_by"),
    acknowledgedAt: at("acknowledged_at"),
    claimedBy: text("claimed_by"),
    claimedAt: at("claimed_at"),
    assignedBy: text("assigned_by"),
    resolvedBy: text("resolved_by"),
    resolvedAt: at("resolved_at"),
    note: text(),
    noteBy: text("note_by"),
    updatedBy: text("updated_by").notNull(),
    /** The database's clock: what the polling instance reads back changes by. */
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.alertId, table.alertTime] }),
    index("alert_work_updated_at").on(table.updatedAt),
    index("alert_work_alert_time").on(table.alertTime),
    check("alert_work_state_known", oneOf(table.state.name, ALERT_STATES)),
  ],
);

/** The history of each alert's work: one row per change, who, when, and the note given. */
export const alertEvents = pgTable(
  "alert_events",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    alertId: text("alert_id").notNull(),
    alertTime: bigint("alert_time", { mode: "number" }).notNull(),
    /** The work version this change made. */
    version: integer().notNull(),
    action: text({ enum: ALERT_EVENT_ACTIONS }).notNull(),
    actor: text().notNull(),
    at: at("at").notNull(),
    note: text(),
    assignee: text(),
    previousHolder: text("previous_holder"),
  },
  (table) => [
    unique("alert_events_one_per_version").on(table.alertId, table.alertTime, table.version),
    foreignKey({
      name: "alert_events_work",
      columns: [table.alertId, table.alertTime],
      foreignColumns: [alertWork.alertId, alertWork.alertTime],
    }).onDelete("cascade"),
    check("alert_events_action_known", oneOf(table.action.name, ALERT_EVENT_ACTIONS)),
  ],
);
