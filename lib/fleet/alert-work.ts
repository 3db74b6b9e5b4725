/**
 * Alerts as shared work: who acknowledged, claimed, was assigned and resolved each alert, the
 * rules for changing that, escalation, and how a room filters and counts alerts. Pure and
 * isomorphic: the server enforces these rules (lib/live/alert-actions.ts) and the browser offers
 * only the actions they allow, from the same functions.
 */
import type { Role } from "./access";
import type { Alert, AlertSeverity, EpochMs } from "./types";

export const ALERT_STATES = ["new", "acknowledged", "resolved"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** An alert's work: its state and who did what. Emails name people. */
export type AlertWork = {
  alertId: string;
  /**
   * The alert's own time. With the id it is the key: an id that comes back with another time
   * (a restarted simulator counts from 1 again) is another alert, with its own work.
   */
  alertTime: EpochMs;
  state: AlertState;
  /** 0 for an alert nobody has touched; every change adds one. */
  version: number;
  acknowledgedBy?: string;
  acknowledgedAt?: EpochMs;
  /** Who handles the alert now: they claimed it, or were assigned it. */
  claimedBy?: string;
  claimedAt?: EpochMs;
  /** Who assigned it to `claimedBy`; absent when they claimed it themselves. */
  assignedBy?: string;
  resolvedBy?: string;
  resolvedAt?: EpochMs;
  /** The latest note, and who wrote it. */
  note?: string;
  noteBy?: string;
  updatedAt?: EpochMs;
  updatedBy?: string;
};

export const ALERT_EVENT_ACTIONS = [
  "acknowledged",
  "claimed",
  "took_over",
  "assigned",
  "released",
  "resolved",
  "noted",
] as const;
export type AlertEventAction = (typeof ALERT_EVENT_ACTIONS)[number];

/** One change in an alert's history: the change that made work version `version`. */
export type AlertEvent = {
  version: number;
  action: AlertEventAction;
  actor: string;
  at: EpochMs;
  note?: string;
  /** Assigned: to whom. */
  assignee?: string;
  /** Who held the alert before this change took it (a take-over, a hand-over, a release). */
  previousHolder?: string;
};

/** What a person asks for (POST /api/alerts/{id}/ack|claim|assign|resolve). */
export type AlertAction =
  | { kind: "acknowledge"; note?: string }
  | { kind: "claim"; note?: string; takeOver?: boolean }
  /** `to: null` releases the alert: nobody handles it. */
  | { kind: "assign"; to: string | null; note?: string; takeOver?: boolean }
  | { kind: "resolve"; note?: string; takeOver?: boolean };

export type Transition =
  | { outcome: "changed"; work: AlertWork; event: AlertEvent }
  /** The same request again (acknowledging twice): nothing to record. */
  | { outcome: "unchanged"; work: AlertWork }
  | { outcome: "refused"; reason: "resolved" | "held"; message: string };

/** The work of an alert nobody has touched yet. */
export function initialWork(alert: Pick<Alert, "id" | "time">): AlertWork {
  return { alertId: alert.id, alertTime: alert.time, state: "new", version: 0 };
}

const VERB: Record<AlertAction["kind"], string> = {
  acknowledge: "acknowledged",
  claim: "claimed",
  assign: "assigned",
  resolve: "resolved",
};

/**
 * The one set of rules, for every instance and every screen:
 * - new → acknowledged → resolved; claiming, assigning and resolving acknowledge as well;
 * - one person handles an alert at a time (`claimedBy`), until it is resolved; nobody takes it
 *   from them (claim, assign elsewhere, release, resolve) without saying so (`takeOver`), and a
 *   take-over is recorded with whom it was taken from;
 * - a resolved alert is done: only its resolver's repeat of "resolve" is accepted;
 * - asking again for what is already so changes nothing (a note given with it is kept).
 */
export function transition(
  work: AlertWork,
  action: AlertAction,
  actor: string,
  at: EpochMs,
): Transition {
  const note = action.note?.trim() || undefined;
  const change = (patch: Partial<AlertWork>, event: Omit<AlertEvent, "version" | "actor" | "at">) =>
    changed(work, patch, { ...event, actor, at, note });
  const repeat = (): Transition =>
    note ? change({}, { action: "noted" }) : { outcome: "unchanged", work };

  if (work.state === "resolved") {
    if (action.kind === "resolve" && work.resolvedBy === actor) return repeat();
    return {
      outcome: "refused",
      reason: "resolved",
      message: `This alert was resolved by ${work.resolvedBy ?? "someone"}; it cannot be ${VERB[action.kind]} any more.`,
    };
  }
  const holder = work.claimedBy;
  const heldByOther = holder !== undefined && holder !== actor;
  const acknowledge: Partial<AlertWork> =
    work.state === "new"
      ? { state: "acknowledged", acknowledgedBy: actor, acknowledgedAt: at }
      : {};
  const refuseHeld = (to: string): Transition => ({
    outcome: "refused",
    reason: "held",
    message: `${holder} is handling this alert; take it over to ${to}.`,
  });

  switch (action.kind) {
    case "acknowledge":
      return work.state === "acknowledged"
        ? repeat()
        : change(acknowledge, { action: "acknowledged" });
    case "claim":
      if (holder === actor) return repeat();
      if (heldByOther && !action.takeOver) return refuseHeld("claim it");
      return change(
        { ...acknowledge, claimedBy: actor, claimedAt: at, assignedBy: undefined },
        heldByOther ? { action: "took_over", previousHolder: holder } : { action: "claimed" },
      );
    case "assign": {
      const to = action.to ?? undefined;
      if (to === holder) return repeat();
      if (heldByOther && !action.takeOver) return refuseHeld(to ? "assign it" : "release it");
      if (to === undefined) {
        return change(
          { claimedBy: undefined, claimedAt: undefined, assignedBy: undefined },
          { action: "released", previousHolder: holder },
        );
      }
      return change(
        {
          ...acknowledge,
          claimedBy: to,
          claimedAt: at,
          assignedBy: to === actor ? undefined : actor,
        },
        { action: "assigned", assignee: to, previousHolder: holder },
      );
    }
    case "resolve":
      if (heldByOther && !action.takeOver) return refuseHeld("resolve it");
      return change(
        {
          ...acknowledge,
          state: "resolved",
          resolvedBy: actor,
          resolvedAt: at,
          ...(heldByOther ? { claimedBy: actor, claimedAt: at, assignedBy: undefined } : {}),
        },
        { action: "resolved", previousHolder: heldByOther ? holder : undefined },
      );
  }
}

function changed(
  work: AlertWork,
  patch: Partial<AlertWork>,
  event: Omit<AlertEvent, "version">,
): Transition {
  const version = work.version + 1;
  const next = withoutUndefined({
    ...work,
    ...patch,
    version,
    updatedAt: event.at,
    updatedBy: event.actor,
    ...(event.note ? { note: event.note, noteBy: event.actor } : {}),
  });
  return { outcome: "changed", work: next, event: withoutUndefined({ ...event, version }) };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The buttons offered to a person who may act: each one a change `transition` accepts (a unit
 * test holds them to it), none that would only repeat what is already so.
 */
export type OfferedAction =
  "acknowledge" | "claim" | "take_over" | "release" | "assign" | "resolve";

export function offeredActions(work: AlertWork, actor: string): OfferedAction[] {
  if (work.state === "resolved") return [];
  const holder = work.claimedBy;
  const others = holder !== undefined && holder !== actor;
  const offered: OfferedAction[] = [];
  if (work.state === "new") offered.push("acknowledge");
  if (holder === undefined) offered.push("claim");
  if (others) offered.push("take_over");
  if (holder === actor) offered.push("release");
  if (!others) offered.push("assign", "resolve");
  return offered;
}

// --- Escalation --------------------------------------------------------------------------

const RAISED: Record<AlertSeverity, AlertSeverity> = {
  info: "warning",
  warning: "critical",
  critical: "critical",
};

/**
 * An alert nobody has acknowledged for `escalateAfterMs` (ALERT_ESCALATE_AFTER_S; 0: never) is
 * escalated: raised one severity and flagged, until someone acknowledges it.
 */
export function isEscalated(
  alert: Pick<Alert, "time">,
  work: Pick<AlertWork, "state">,
  escalateAfterMs: number,
  now: EpochMs,
): boolean {
  return escalateAfterMs > 0 && work.state === "new" && now - alert.time >= escalateAfterMs;
}

// --- Finding alerts ----------------------------------------------------------------------

/** An alert with its work, as screens and GET /api/alerts show it. */
export type AlertItem = {
  alert: Alert;
  work: AlertWork;
  escalated: boolean;
  /** The severity shown: the alert's, one higher while escalated. */
  severity: AlertSeverity;
};

export type WorkById = ReadonlyMap<string, AlertWork>;

export function workById(work: readonly AlertWork[] | undefined): Map<string, AlertWork> {
  return new Map((work ?? []).map((entry) => [entry.alertId, entry]));
}

/** The work held for `alert`, if it is this alert's (same time), else its initial work. */
export function workFor(alert: Alert, work: WorkById): AlertWork {
  const held = work.get(alert.id);
  return held && held.alertTime === alert.time ? held : initialWork(alert);
}

/** The alerts that still need someone: every one not resolved (for map badges, the wall). */
export function unresolvedAlerts(alerts: readonly Alert[], work: WorkById): Alert[] {
  return alerts.filter((alert) => workFor(alert, work).state !== "resolved");
}

export function alertItem(
  alert: Alert,
  work: AlertWork,
  escalateAfterMs: number,
  now: EpochMs,
): AlertItem {
  const escalated = isEscalated(alert, work, escalateAfterMs, now);
  return { alert, work, escalated, severity: escalated ? RAISED[alert.severity] : alert.severity };
}

export function alertItems(
  alerts: readonly Alert[],
  work: WorkById,
  escalateAfterMs: number,
  now: EpochMs,
): AlertItem[] {
  return alerts.map((alert) => alertItem(alert, workFor(alert, work), escalateAfterMs, now));
}

export const ALERT_STATE_FILTERS = ["open", "mine", "unassigned", "resolved", "all"] as const;
/** open: not resolved; mine: not resolved and handled by me; unassigned: open and nobody's. */
export type AlertStateFilter = (typeof ALERT_STATE_FILTERS)[number];

export type AlertFilter = {
  state: AlertStateFilter;
  /** Shown severities (escalated alerts count at their raised severity); empty: all. */
  severities: readonly AlertSeverity[];
  type?: string;
  vehicleId?: string;
  fenceId?: string;
};

export const ALL_ALERTS: AlertFilter = { state: "all", severities: [] };

export function matchesState(item: AlertItem, state: AlertStateFilter, me?: string): boolean {
  const { work } = item;
  switch (state) {
    case "all":
      return true;
    case "resolved":
      return work.state === "resolved";
    case "open":
      return work.state !== "resolved";
    case "mine":
      return work.state !== "resolved" && me !== undefined && work.claimedBy === me;
    case "unassigned":
      return work.state !== "resolved" && work.claimedBy === undefined;
  }
}

function matchesOthers(item: AlertItem, filter: AlertFilter): boolean {
  const { alert } = item;
  return (
    (filter.severities.length === 0 || filter.severities.includes(item.severity)) &&
    (filter.type === undefined || alert.type === filter.type) &&
    (filter.vehicleId === undefined || alert.deviceId === filter.vehicleId) &&
    (filter.fenceId === undefined || alert.fenceId === filter.fenceId)
  );
}

export function filterAlertItems(
  items: readonly AlertItem[],
  filter: AlertFilter,
  me?: string,
): AlertItem[] {
  return items.filter(
    (item) => matchesOthers(item, filter) && matchesState(item, filter.state, me),
  );
}

/** How many alerts each state filter would show, with the other filters applied. */
export function countAlertStates(
  items: readonly AlertItem[],
  filter: AlertFilter,
  me?: string,
): Record<AlertStateFilter, number> {
  const counts = { open: 0, mine: 0, unassigned: 0, resolved: 0, all: 0 };
  for (const item of items) {
    if (!matchesOthers(item, filter)) continue;
    for (const state of ALERT_STATE_FILTERS) if (matchesState(item, state, me)) counts[state] += 1;
  }
  return counts;
}

// --- Carrying work in snapshots and deltas ----------------------------------------------

/** Whether `update` replaces `held`: a later alert under the same id, or a later version. */
export function isNewerWork(update: AlertWork, held: AlertWork | undefined): boolean {
  if (!held) return true;
  if (update.alertTime !== held.alertTime) return update.alertTime > held.alertTime;
  return update.version > held.version;
}

/** `held` with `updates` applied (newer ones win), kept to the alerts listed in `alerts`. */
export function mergeAlertWork(
  held: readonly AlertWork[],
  updates: readonly AlertWork[],
  alerts: readonly Alert[],
): AlertWork[] {
  const byId = workById(held);
  for (const update of updates) {
    if (isNewerWork(update, byId.get(update.alertId))) byId.set(update.alertId, update);
  }
  return alerts.flatMap((alert) => {
    const work = byId.get(alert.id);
    return work && work.alertTime === alert.time ? [work] : [];
  });
}

// What the alert routes answer (app/api/alerts/), as lib/queries/alerts.ts reads it.

/** GET /api/alerts: one page of alerts, newest first, with the count of each state. */
export type AlertPage = {
  alerts: AlertItem[];
  counts: Record<AlertStateFilter, number>;
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
};

/** GET /api/alerts/{id}: one alert with its work and its whole history, oldest first. */
export type AlertDetail = { item: AlertItem; history: AlertEvent[] };

/** POST /api/alerts/{id}/ack|claim|assign|resolve: the work now; `changed: false` for a repeat. */
export type AlertActionResult = { item: AlertItem; changed: boolean };

/** POST /api/alerts/ack: each alert answers for itself, with its work or why not. */
export type BulkResult =
  | { id: string; outcome: "acknowledged" | "unchanged"; item: AlertItem; message?: never }
  | { id: string; outcome: "not_found" | "refused"; message: string; item?: never };
export type BulkAckResults = { results: BulkResult[] };

/** GET /api/alerts/assignees: who an alert can be given to (every dispatcher and admin). */
export type Assignee = { email: string; role: Role };
export type AssigneeList = { assignees: Assignee[] };
