import type { Alert } from "@/lib/fleet/types";

const TYPE_LABEL: Record<string, string> = {
  fence_enter: "Entered fence",
  fence_exit: "Left fence",
  geofence: "Fence visit",
  speeding: "Speeding",
  harsh_braking: "Harsh braking",
  long_idle: "Long idle",
  device_offline: "Device offline",
};

/** A readable name for an alert type; unknown FleetUp codes are shown as they come, tidied. */
export function alertLabel(alert: Pick<Alert, "type">): string {
  return (
    TYPE_LABEL[alert.type] ??
    alert.type.replace(/[_-]+/g, " ").replace(/^./, (c) => c.toUpperCase())
  );
}

/** Alerts newer than `readAt` (the person's "mark all read"), counted from the newest down. */
export function countUnread(alerts: readonly Alert[], readAt: number): number {
  let count = 0;
  for (const alert of alerts) {
    if (alert.time > readAt) count++;
  }
  return count;
}
