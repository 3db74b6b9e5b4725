import type { AlertEvent, AlertWork } from "@/lib/fleet/alert-work";
import { alertLabel as codeLabel } from "@/lib/fleet/alerts";
import type { Alert, AlertSeverity } from "@/lib/fleet/types";
import type { Translate } from "@/lib/i18n/catalog";
import { INTL_TAG } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { Format } from "@/components/fleet/format";

/** The alerts namespace's `t` (`useT("alerts")`), for the pure functions below. */
export type AlertsT = Translate<Messages["alerts"]>;
type Key = keyof Messages["alerts"] & string;

/** The alert types FleetUp and the simulator send that have a name in every language. */
const TYPE_KEY: Record<string, Key> = {
  fence_enter: "typeFenceEnter",
  fence_exit: "typeFenceExit",
  geofence: "typeGeofence",
  speeding: "typeSpeeding",
  harsh_braking: "typeHarshBraking",
  long_idle: "typeLongIdle",
  device_offline: "typeDeviceOffline",
  dwell_exceeded: "typeDwellExceeded",
};

/** A readable name for an alert type; an unknown FleetUp code is shown as it comes, tidied. */
export function alertLabel(alert: Pick<Alert, "type">, t: AlertsT): string {
  const key = TYPE_KEY[alert.type];
  return key ? t(key) : codeLabel(alert);
}

const SEVERITY_KEY: Record<AlertSeverity, Key> = {
  critical: "severityCritical",
  warning: "severityWarning",
  info: "severityInfo",
};

export function severityLabel(severity: AlertSeverity, t: AlertsT): string {
  return t(SEVERITY_KEY[severity]);
}

/** Alerts newer than `readAt` (the person's "mark all read"), counted from the newest down. */
export function countUnread(alerts: readonly Alert[], readAt: number): number {
  let count = 0;
  for (const alert of alerts) {
    if (alert.time > readAt) count++;
  }
  return count;
}

/** A person where space is short: the part of their email before the @ (the full one on hover). */
export function personName(email: string | undefined, t: AlertsT): string {
  if (!email) return t("someone");
  return email.split("@")[0] || email;
}

/** Where an alert stands, in a few words: "New", "Claimed by ann", "Resolved by you". */
export function workLine(work: AlertWork, t: AlertsT, me?: string): string {
  const line = (email: string | undefined, theirs: Key, mine: Key) =>
    email !== undefined && email === me ? t(mine) : t(theirs, { who: personName(email, t) });
  if (work.state === "resolved") {
    return line(work.resolvedBy, "workResolved", "workResolvedByMe");
  }
  if (work.claimedBy) {
    return work.assignedBy
      ? line(work.claimedBy, "workAssigned", "workAssignedToMe")
      : line(work.claimedBy, "workClaimed", "workClaimedByMe");
  }
  if (work.state === "acknowledged") {
    return line(work.acknowledgedBy, "workAcknowledged", "workAcknowledgedByMe");
  }
  return t("workNew");
}

/**
 * What one change in an alert's history did, as a sentence with `{actor}` left in it: the
 * caller puts the actor's name there (in bold), wherever the language places the subject.
 */
export function eventText(event: AlertEvent, t: AlertsT): string {
  const from = event.previousHolder;
  const names = { from: from ?? "", assignee: event.assignee ?? "" };
  switch (event.action) {
    case "acknowledged":
      return t("eventAcknowledged");
    case "claimed":
      return t("eventClaimed");
    case "took_over":
      return t("eventTookOver", names);
    case "assigned":
      if (from && from !== event.actor) return t("eventTookAndAssigned", names);
      return t(from ? "eventHanded" : "eventAssigned", names);
    case "released":
      return t(from && from !== event.actor ? "eventReleasedTaking" : "eventReleased", names);
    case "resolved":
      return t(from ? "eventResolvedTaking" : "eventResolved", names);
    case "noted":
      return t("eventNoted");
  }
}

const clocks = new Map<string, Intl.DateTimeFormat>();
/** A time of day to the second, on a 24-hour clock (who acted first matters), in the language. */
export function timeOfDay(time: number, format: Format): string {
  const tag = INTL_TAG[format.locale];
  let clock = clocks.get(tag);
  if (!clock) {
    clock = new Intl.DateTimeFormat(tag, {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    clocks.set(tag, clock);
  }
  return clock.format(time);
}
