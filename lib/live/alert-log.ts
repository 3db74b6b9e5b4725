import "server-only";
import type { Alert, EpochMs } from "@/lib/fleet/types";

/** How long the alert log keeps an alert: a screen that reconnects after a day gets all it missed. */
export const ALERT_RETENTION_MS = 26 * 3_600_000;

/**
 * Every alert seen, deduplicated by id and kept for `retentionMs` (26 h by default, so a screen
 * that reconnects after a day still gets all it missed). Sorted newest first.
 */
export class AlertLog {
  private readonly byId = new Map<string, Alert>();
  private sorted: Alert[] = [];

  constructor(private readonly retentionMs = ALERT_RETENTION_MS) {}

  /** Adds alerts and returns the ones not seen before, newest first. */
  add(alerts: readonly Alert[], now: EpochMs): Alert[] {
    const horizon = now - this.retentionMs;
    const fresh = alerts.filter(
      (alert) => alert.time >= horizon && !this.byId.has(alert.id) && this.remember(alert),
    );
    if (fresh.length > 0) {
      this.sorted = [...this.sorted, ...fresh].sort(newestFirst);
    }
    this.prune(now);
    return fresh.sort(newestFirst);
  }

  find(id: string): Alert | undefined {
    return this.byId.get(id);
  }

  recent(limit: number): Alert[] {
    return this.sorted.slice(0, limit);
  }

  /** The time of the newest alert seen, to ask FleetUp only for what came after it. */
  newestTime(): EpochMs | undefined {
    return this.sorted[0]?.time;
  }

  get size(): number {
    return this.byId.size;
  }

  private remember(alert: Alert): true {
    this.byId.set(alert.id, alert);
    return true;
  }

  private prune(now: EpochMs) {
    const horizon = now - this.retentionMs;
    while (this.sorted.length > 0 && this.sorted[this.sorted.length - 1]!.time < horizon) {
      const expired = this.sorted.pop()!;
      this.byId.delete(expired.id);
    }
  }
}

function newestFirst(a: Alert, b: Alert): number {
  return b.time - a.time || a.id.localeCompare(b.id);
}
