/**
 * What deserves a person's attention in the alert list, pure: the sound repeats while an open
 * warning or critical alert is unacknowledged, and alerts that arrive after the screen first saw
 * the list are news (announced, notified); the list at first sight is history.
 */
import type { AlertItem } from "@/lib/fleet/alert-work";
import { openAlerts } from "@/lib/fleet/alerts";
import type { AlertSeverity } from "@/lib/fleet/types";
import { alertLabel, type AlertsT } from "./alert-text";

const URGENT: readonly AlertSeverity[] = ["warning", "critical"];

/** The most severe open, unacknowledged warning or critical alert's severity, if any. */
export function soundFor(items: readonly AlertItem[], now: number): AlertSeverity | undefined {
  const open = new Set(
    openAlerts(
      items.map((item) => item.alert),
      now,
    ),
  );
  let loudest: AlertSeverity | undefined;
  for (const item of items) {
    if (item.work.state !== "new" || !URGENT.includes(item.severity) || !open.has(item.alert)) {
      continue;
    }
    if (item.severity === "critical") return "critical";
    loudest = "warning";
  }
  return loudest;
}

/** Remembers which alerts a screen has seen; `observe` answers the ones that are news. */
export class NewAlerts {
  private seen: Set<string> | undefined;

  observe(items: readonly AlertItem[]): AlertItem[] {
    const first = this.seen === undefined;
    const seen = this.seen ?? new Set<string>();
    const fresh = first ? [] : items.filter((item) => !seen.has(item.alert.id));
    // Only ids still listed are remembered: the set never grows past the list.
    this.seen = new Set(items.map((item) => item.alert.id));
    return fresh;
  }
}

/** The sentence a screen reader hears for new warning and critical alerts; "" for none. */
export function announce(
  fresh: readonly AlertItem[],
  vehicleName: (id: string | undefined) => string | undefined,
  t: AlertsT,
): string {
  const urgent = fresh.filter((item) => URGENT.includes(item.severity));
  const parts = urgent.slice(0, 3).map((item) => {
    const what = [alertLabel(item.alert, t), vehicleName(item.alert.deviceId), item.alert.fenceName]
      .filter(Boolean)
      .join(t("separator"));
    return t(item.severity === "critical" ? "announceCritical" : "announceWarning", { what });
  });
  if (urgent.length > 3) parts.push(t("announceMore", { n: urgent.length - 3 }));
  return parts.join(" ");
}
