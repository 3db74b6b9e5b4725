/**
 * The alert log and the fence-visit log. Both are bounded (by age in simulated time and by
 * count) so a simulator left running for weeks, or with 50,000 vehicles, keeps flat memory.
 */
export const ALERT_TYPES = [
  "speeding",
  "harsh_braking",
  "long_idle",
  "device_offline",
  "fence_enter",
  "fence_exit",
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export type Severity = "info" | "warning" | "critical";

export type SimAlert = {
  alertId: string;
  type: AlertType;
  devId: string;
  time: number;
  lat: number;
  lng: number;
  speed: number;
  severity: Severity;
  message: string;
  fenceId?: string;
  fenceName?: string;
};

export type FenceVisit = {
  devId: string;
  fenceId: string;
  fenceName: string;
  enterTime: number;
  /** Undefined while the vehicle is still inside. */
  exitTime?: number;
};

export const LOG_RETENTION_MS = 48 * 3_600_000;
const MAX_ALERTS = 200_000;
const MAX_VISITS = 200_000;

export class AlertLog {
  readonly alerts: SimAlert[] = [];
  readonly visits: FenceVisit[] = [];

  /** @param sequence where the ids begin (WorldOptions.alertIdsFrom). */
  constructor(private sequence = 0) {}

  add(alert: Omit<SimAlert, "alertId">): SimAlert {
    this.sequence += 1;
    // A stable, unique, monotonically growing id: consumers deduplicate and page by it.
    const full = { alertId: `SA${String(this.sequence).padStart(9, "0")}`, ...alert };
    this.alerts.push(full);
    return full;
  }

  openVisit(visit: FenceVisit): FenceVisit {
    this.visits.push(visit);
    return visit;
  }

  /** Drops entries older than the retention window, and the oldest beyond the count caps. */
  prune(now: number) {
    const horizon = now - LOG_RETENTION_MS;
    dropWhile(this.alerts, (alert) => alert.time < horizon, MAX_ALERTS);
    dropWhile(
      this.visits,
      (visit) => visit.exitTime !== undefined && visit.exitTime < horizon,
      MAX_VISITS,
    );
  }

  forDevices(devIds: ReadonlySet<string> | undefined, from: number, to: number): SimAlert[] {
    return this.alerts.filter(
      (alert) => alert.time >= from && alert.time <= to && (!devIds || devIds.has(alert.devId)),
    );
  }

  visitsOf(devId: string, from: number, to: number): FenceVisit[] {
    return this.visits.filter(
      (visit) =>
        visit.devId === devId &&
        visit.enterTime <= to &&
        (visit.exitTime === undefined || visit.exitTime >= from),
    );
  }
}

function dropWhile<T>(items: T[], isOld: (item: T) => boolean, cap: number) {
  let count = 0;
  while (count < items.length && isOld(items[count]!)) count += 1;
  count = Math.max(count, items.length - cap);
  if (count > 0) items.splice(0, count);
}
