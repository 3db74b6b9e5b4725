/**
 * Which new alerts deserve the wall's camera, in what order. Pure. The alerts present when the
 * screen first sees the fleet are history, not news; after that, each alert not seen before is
 * queued when it is severe enough and recent (a backlog that arrives after an outage is not
 * replayed one by one). The most severe waits least; the queue is short, so a storm of alerts
 * does not hold the camera for an hour.
 */
import type { Alert, AlertSeverity } from "@/lib/fleet/types";

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };
/** An alert older than this when it first arrives is not focused. */
export const ATTENTION_MAX_AGE_MS = 10 * 60_000;
const MAX_QUEUED = 5;

export class AttentionQueue {
  private seen: Set<string> | undefined;
  private queued: Alert[] = [];

  constructor(private readonly minSeverity: AlertSeverity = "warning") {}

  /** Takes the screen's current alert list (its server-side log, newest first). */
  observe(alerts: readonly Alert[], now: number): void {
    const first = this.seen === undefined;
    const seen = this.seen ?? new Set<string>();
    for (const alert of alerts) {
      if (seen.has(alert.id) || first) continue;
      if (RANK[alert.severity] < RANK[this.minSeverity]) continue;
      if (now - alert.time > ATTENTION_MAX_AGE_MS) continue;
      this.queued.push(alert);
    }
    // Only ids still in the log are remembered: the set never grows past the log.
    this.seen = new Set(alerts.map((alert) => alert.id));
    this.queued.sort((a, b) => RANK[b.severity] - RANK[a.severity] || b.time - a.time);
    this.queued.length = Math.min(this.queued.length, MAX_QUEUED);
  }

  /** The next alert to focus, taken off the queue. */
  take(): Alert | undefined {
    return this.queued.shift();
  }

  get size(): number {
    return this.queued.length;
  }
}
