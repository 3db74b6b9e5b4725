/**
 * The words for a cluster: its accessible name and the lines its tooltip lists. Pure and kept
 * apart from the drawing; the words come from the map namespace as `t`.
 */
import type { Translate } from "@/lib/i18n/catalog";
import type { Messages } from "@/lib/i18n/messages";
import { VEHICLE_STATUSES, type VehicleStatus } from "@/lib/fleet/status";
import type { ClusterMark } from "./cluster-symbol";

export type MapT = Translate<Messages["map"]>;

const STATUS_COUNT = {
  moving: "clusterMoving",
  idle: "clusterIdle",
  stopped: "clusterStopped",
  offline: "clusterOffline",
} as const satisfies Record<VehicleStatus, string>;

export type ClusterWords = { title: string; lines: string[]; label: string };

export function clusterWords(
  mark: Pick<ClusterMark, "count" | "statuses" | "warnings" | "criticals">,
  t: MapT,
): ClusterWords {
  const title = t("clusterVehicles", { n: mark.count });
  const mix = VEHICLE_STATUSES.flatMap((status, i) => {
    const n = mark.statuses[i] ?? 0;
    return n > 0 ? [t(STATUS_COUNT[status], { n })] : [];
  });
  const alerts: string[] = [];
  if (mark.criticals > 0) alerts.push(t("clusterCriticals", { n: mark.criticals }));
  if (mark.warnings > 0) alerts.push(t("clusterWarnings", { n: mark.warnings }));
  const lines = [mix.join(" · "), ...alerts].filter(Boolean);
  const details = [mix.join(t("listSeparator")), ...alerts]
    .filter(Boolean)
    .join(t("clauseSeparator"));
  return { title, lines, label: t("clusterLabel", { title, details }) };
}

/** The name of the one button that walks through the clusters (see ClusterCursor). */
export function clusterCursorLabel(
  words: ClusterWords,
  index: number,
  total: number,
  t: MapT,
): string {
  return t("clusterCursor", { label: words.label, index: index + 1, total });
}
