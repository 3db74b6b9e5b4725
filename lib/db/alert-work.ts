import "server-only";
import { and, asc, eq, getTableColumns, gte, sql } from "drizzle-orm";
import type { AlertEvent, AlertWork } from "@/lib/fleet/alert-work";
import type { Database } from "./database";
import { measured } from "./metrics";
import { rows } from "./migrate";
import { alertEvents, alertWork } from "./schema";

export type AlertKey = { alertId: string; alertTime: number };

type WorkRow = typeof alertWork.$inferSelect;
type EventRow = typeof alertEvents.$inferSelect;

const ms = (date: Date | null) => (date === null ? undefined : date.getTime());
const date = (epochMs: number | undefined) => (epochMs === undefined ? null : new Date(epochMs));
const text = (value: string | null) => value ?? undefined;

function toWork(row: WorkRow): AlertWork {
  return withoutUndefined({
    alertId: row.alertId,
    alertTime: row.alertTime,
    state: row.state,
    version: row.version,
    acknowledgedBy: text(row.acknowledgedBy),
    acknowledgedAt: ms(row.acknowledgedAt),
    claimedBy: text(row.claimedBy),
    claimedAt: ms(row.claimedAt),
    assignedBy: text(row.assignedBy),
    resolvedBy: text(row.resolvedBy),
    resolvedAt: ms(row.resolvedAt),
    note: text(row.note),
    noteBy: text(row.noteBy),
    updatedAt: ms(row.updatedAt),
    updatedBy: row.updatedBy,
  });
}

function toEvent(row: EventRow): AlertEvent {
  return withoutUndefined({
    version: row.version,
    action: row.action,
    actor: row.actor,
    at: row.at.getTime(),
    note: text(row.note),
    assignee: text(row.assignee),
    previousHolder: text(row.previousHolder),
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const keyOf = (key: AlertKey) =>
  and(eq(alertWork.alertId, key.alertId), eq(alertWork.alertTime, key.alertTime));

/** Alert work and its history. Every write is one statement (lib/db/README.md). */
export function alertWorkQueries(db: Database) {
  return measured("alertWork", {
    async find(key: AlertKey): Promise<AlertWork | undefined> {
      const [row] = await db.select().from(alertWork).where(keyOf(key)).limit(1);
      return row && toWork(row);
    },

    /** The work of every alert from `alertTimeFrom` (epoch ms) on: what a new poller starts with. */
    async since(alertTimeFrom: number): Promise<AlertWork[]> {
      const rows = await db.select().from(alertWork).where(gte(alertWork.alertTime, alertTimeFrom));
      return rows.map(toWork);
    },

    /** Work changed within the last `seconds` by the database's clock (one clock for every instance). */
    async changedWithin(seconds: number): Promise<AlertWork[]> {
      const rows = await db
        .select()
        .from(alertWork)
        .where(gte(alertWork.updatedAt, sql`now() - make_interval(secs => ${seconds})`));
      return rows.map(toWork);
    },

    /**
     * Stores `next` and the event that made it, if the stored work is still the version before
     * `next` (none for version 1): one statement, so two people acting at once cannot both win,
     * and work and history never disagree. False when someone else changed the alert first.
     */
    async write(next: AlertWork, event: AlertEvent): Promise<boolean> {
      const row = {
        alertId: next.alertId,
        alertTime: next.alertTime,
        state: next.state,
        version: next.version,
        acknowledgedBy: next.acknowledgedBy ?? null,
        acknowledgedAt: date(next.acknowledgedAt),
        claimedBy: next.claimedBy ?? null,
        claimedAt: date(next.claimedAt),
        assignedBy: next.assignedBy ?? null,
        resolvedBy: next.resolvedBy ?? null,
        resolvedAt: date(next.resolvedAt),
        note: next.note ?? null,
        noteBy: next.noteBy ?? null,
        updatedBy: next.updatedBy ?? event.actor,
        updatedAt: sql`now()`,
      };
      const { alertId: _id, alertTime: _time, ...changes } = row;
      const upsert = db
        .insert(alertWork)
        .values(row)
        .onConflictDoUpdate({
          target: [alertWork.alertId, alertWork.alertTime],
          set: changes,
          setWhere: eq(alertWork.version, next.version - 1),
        })
        .returning({ alertId: alertWork.alertId, alertTime: alertWork.alertTime });
      // One statement: the event is written only when the work was. (Drizzle puts the embedded
      // insert in the parentheses the CTE needs.)
      const inserted = await rows<{ id: number }>(
        db,
        sql`with written as ${upsert}
          insert into ${alertEvents}
            (alert_id, alert_time, version, action, actor, at, note, assignee, previous_holder)
          select alert_id, alert_time, ${event.version}::integer, ${event.action}::text,
            ${event.actor}::text, ${new Date(event.at).toISOString()}::timestamptz,
            ${event.note ?? null}::text, ${event.assignee ?? null}::text,
            ${event.previousHolder ?? null}::text
          from written
          returning id`,
      );
      return inserted.length > 0;
    },

    /** An alert's history, oldest first. */
    async history(key: AlertKey): Promise<AlertEvent[]> {
      const events = await db
        .select(getTableColumns(alertEvents))
        .from(alertEvents)
        .where(and(eq(alertEvents.alertId, key.alertId), eq(alertEvents.alertTime, key.alertTime)))
        .orderBy(asc(alertEvents.version));
      return events.map(toEvent);
    },
  });
}
