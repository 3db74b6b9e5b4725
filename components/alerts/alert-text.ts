import type { AlertEvent, AlertWork } from "@/lib/fleet/alert-work";
import type { Alert } from "@/lib/fleet/types";

// The names live with the domain (lib/fleet/alerts.ts): the server names alerts in replay too.
export { alertLabel } from "@/lib/fleet/alerts";

/** Alerts newer than `readAt` (the person's "mark all read"), counted from the newest down. */
export function countUnread(alerts: readonly Alert[], readAt: number): number {
  let count = 0;
  for (const alert of alerts) {
    if (alert.time > readAt) count++;
  }
  return count;
}

/** A person where space is short: the part of their email before the @ (the full one on hover). */
export function personName(email: string | undefined): string {
  if (!email) return "someone";
  return email.split("@")[0] || email;
}

/** Where an alert stands, in a few words: "New", "Claimed by ann", "Resolved by you". */
export function workLine(work: AlertWork, me?: string): string {
  const who = (email: string | undefined) =>
    email !== undefined && email === me ? "you" : personName(email);
  if (work.state === "resolved") return `Resolved by ${who(work.resolvedBy)}`;
  if (work.claimedBy) {
    return `${work.assignedBy ? "Assigned to" : "Claimed by"} ${who(work.claimedBy)}`;
  }
  if (work.state === "acknowledged") return `Acknowledged by ${who(work.acknowledgedBy)}`;
  return "New";
}

/** What one change in an alert's history did, after its actor's name. */
export function eventText(event: AlertEvent): string {
  const from = event.previousHolder;
  switch (event.action) {
    case "acknowledged":
      return "acknowledged it";
    case "claimed":
      return "claimed it";
    case "took_over":
      return `took it over from ${from}`;
    case "assigned":
      if (from && from !== event.actor)
        return `took it from ${from} and assigned it to ${event.assignee}`;
      return from ? `handed it to ${event.assignee}` : `assigned it to ${event.assignee}`;
    case "released":
      return from && from !== event.actor ? `released it, taking it from ${from}` : "released it";
    case "resolved":
      return from ? `resolved it, taking it over from ${from}` : "resolved it";
    case "noted":
      return "added a note";
  }
}
