/** Which alerts still need someone, and how urgently each vehicle does. Pure and isomorphic. */
import type { Alert, AlertSeverity } from "./types";

/** Severities in order of urgency, for sorting. */
export const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };
/** An instantaneous alert (speeding, harsh braking) stays open this long. */
export const OPEN_ALERT_MS = 60 * 60_000;

/**
 * Alerts that still matter: a fence visit that has not ended, or any other alert from the last
 * hour that has not ended. Most severe first, then newest.
 */
export function openAlerts(alerts: readonly Alert[], now: number): Alert[] {
  return alerts
    .filter((alert) => alert.endTime === undefined)
    .filter((alert) => alert.type === "geofence" || now - alert.time <= OPEN_ALERT_MS)
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.time - a.time);
}

/**
 * Each vehicle's most severe open alert, warning (1) or critical (2); vehicles with none, or with
 * only info alerts, are left out. What a map cluster warns with.
 */
export function openAlertLevels(alerts: readonly Alert[], now: number): Map<string, 1 | 2> {
  const levels = new Map<string, 1 | 2>();
  for (const alert of openAlerts(alerts, now)) {
    const rank = SEVERITY_RANK[alert.severity];
    if (!alert.deviceId || rank === 0) continue;
    if ((levels.get(alert.deviceId) ?? 0) < rank) levels.set(alert.deviceId, rank as 1 | 2);
  }
  return levels;
}

const TYPE_LABEL: Record<string, string> = {
  fence_enter: "Entered fence",
  fence_exit: "Left fence",
  geofence: "Fence visit",
  speeding: "Speeding",
  harsh_braking: "Harsh braking",
  long_idle: "Long idle",
  device_offline: "Device offline",
  dwell_exceeded: "Dwell limit exceeded",
};

/** A readable name for an alert type; unknown FleetUp codes are shown as they come, tidied. */
export function alertLabel(alert: Pick<Alert, "type">): string {
  return (
    TYPE_LABEL[alert.type] ??
    alert.type.replace(/[_-]+/g, " ").replace(/^./, (c) => c.toUpperCase())
  );
}
