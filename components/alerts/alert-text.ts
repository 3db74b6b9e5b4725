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
