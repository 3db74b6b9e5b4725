import "server-only";
import { alertWorkQueries } from "@/lib/db/alert-work";
import type { Database } from "@/lib/db/database";
import { serverDatabase } from "@/lib/db/server";
import { getEnv } from "@/lib/env";
import {
  alertItem,
  alertItems,
  countAlertStates,
  filterAlertItems,
  initialWork,
  transition,
  workById,
  type AlertAction,
  type AlertActionResult,
  type AlertDetail,
  type AlertItem,
  type AlertPage,
  type AlertWork,
  type BulkResult,
} from "@/lib/fleet/alert-work";
import type { Alert, EpochMs } from "@/lib/fleet/types";
import { HttpError } from "@/lib/http/http-error";
import { encodeCursor, newestFirst, type AlertQuery } from "./alert-requests";
import type { LiveService } from "./service";

/**
 * Alerts as shared work, for the route handlers: the alerts come from this instance's mirror
 * (what every screen shows), their work from the database (the truth), and a change goes to
 * the database first, then to the poller, which puts it in front of every screen.
 */
export type AlertDesk = Pick<LiveService, "mirror" | "reportAlertWork">;

/** What the routes need beyond the desk: the database, the clock and ALERT_ESCALATE_AFTER_S. */
export type AlertContext = { db: Database; now: EpochMs; escalateAfterMs: number };

/** Tries before a change that keeps meeting someone else's gives up with a 409. */
const WRITE_ATTEMPTS = 3;

function findAlert(desk: AlertDesk, id: string): Alert {
  const alert = desk.mirror.findAlert(id);
  if (!alert) throw new HttpError("not_found", `No alert with id ${id} in the last 24 hours.`);
  return alert;
}

/** One page of the alerts this instance serves, filtered, with the count of each state. */
export function listAlerts(
  desk: AlertDesk,
  query: AlertQuery,
  me: string | undefined,
  { now, escalateAfterMs }: Omit<AlertContext, "db">,
): AlertPage {
  const items = alertItems(
    desk.mirror.alertList(),
    workById(desk.mirror.alertWorkList()),
    escalateAfterMs,
    now,
  );
  const matching = filterAlertItems(items, query.filter, me).sort((a, b) =>
    newestFirst(a.alert, b.alert),
  );
  const after = query.after;
  const start = after ? matching.findIndex((item) => newestFirst(item.alert, after) > 0) : 0;
  const page = start < 0 ? [] : matching.slice(start, start + query.limit);
  const more = start >= 0 && start + query.limit < matching.length;
  return {
    alerts: page,
    counts: countAlertStates(items, query.filter, me),
    nextCursor: more ? encodeCursor(page.at(-1)!) : null,
  };
}

/** One alert with its work and its whole history, oldest first. */
export async function alertDetail(
  desk: AlertDesk,
  id: string,
  context: AlertContext,
): Promise<AlertDetail> {
  const alert = findAlert(desk, id);
  const queries = alertWorkQueries(context.db);
  const key = { alertId: alert.id, alertTime: alert.time };
  const [work, history] = await Promise.all([queries.find(key), queries.history(key)]);
  return { item: itemOf(alert, work ?? initialWork(alert), context), history };
}

/**
 * Applies one person's action: 404 for an alert this instance does not know, 409 (with the
 * rule's reason) for a change the rules refuse, 200 with `changed: false` for a repeat.
 */
export async function actOnAlert(
  desk: AlertDesk,
  id: string,
  action: AlertAction,
  actor: string,
  context: AlertContext,
): Promise<AlertActionResult> {
  const alert = findAlert(desk, id);
  const result = await apply(context, alert, action, actor);
  if (result.kind === "refused") throw new HttpError("conflict", result.message);
  if (result.kind === "changed") desk.reportAlertWork([result.work]);
  return { item: itemOf(alert, result.work, context), changed: result.kind === "changed" };
}

/** Acknowledges several alerts with one note; each alert answers for itself. */
export async function acknowledgeAlerts(
  desk: AlertDesk,
  ids: readonly string[],
  note: string | undefined,
  actor: string,
  context: AlertContext,
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  const changed: AlertWork[] = [];
  for (const id of new Set(ids)) {
    const alert = desk.mirror.findAlert(id);
    if (!alert) {
      results.push({ id, outcome: "not_found", message: `No alert with id ${id}.` });
      continue;
    }
    const result = await apply(context, alert, { kind: "acknowledge", note }, actor);
    if (result.kind === "refused") {
      results.push({ id, outcome: "refused", message: result.message });
      continue;
    }
    if (result.kind === "changed") changed.push(result.work);
    const outcome = result.kind === "changed" ? "acknowledged" : "unchanged";
    results.push({ id, outcome, item: itemOf(alert, result.work, context) });
  }
  // One report, so every screen gets one version for the whole selection.
  if (changed.length > 0) desk.reportAlertWork(changed);
  return results;
}

type Applied =
  { kind: "changed" | "unchanged"; work: AlertWork } | { kind: "refused"; message: string };

/**
 * Reads the stored work, decides by the rules, and writes the version read (lib/db): when
 * someone else's change got there first, decides again from theirs.
 */
async function apply(
  context: AlertContext,
  alert: Alert,
  action: AlertAction,
  actor: string,
): Promise<Applied> {
  const queries = alertWorkQueries(context.db);
  const key = { alertId: alert.id, alertTime: alert.time };
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const current = (await queries.find(key)) ?? initialWork(alert);
    const result = transition(current, action, actor, context.now);
    if (result.outcome === "refused") return { kind: "refused", message: result.message };
    if (result.outcome === "unchanged") return { kind: "unchanged", work: current };
    if (await queries.write(result.work, result.event)) {
      return { kind: "changed", work: result.work };
    }
  }
  return {
    kind: "refused",
    message: "Others changed this alert at the same moment; look at it again and retry.",
  };
}

function itemOf(alert: Alert, work: AlertWork, context: Omit<AlertContext, "db">): AlertItem {
  return alertItem(alert, work, context.escalateAfterMs, context.now);
}

/** The context of a request on this server: its database, the time, its escalation setting. */
export async function serverAlertContext(): Promise<AlertContext> {
  return {
    db: await serverDatabase(),
    now: Date.now(),
    escalateAfterMs: getEnv().alerts.escalateAfterMs,
  };
}
