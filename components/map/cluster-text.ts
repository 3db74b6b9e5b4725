/**
 * The words for a cluster: its accessible name and the lines its tooltip lists. Pure and kept
 * apart from the drawing, so the text can move into a translation layer later.
 */
import { VEHICLE_STATUSES, type VehicleStatus } from "@/lib/fleet/status";
import type { ClusterMark } from "./cluster-symbol";

const STATUS_WORD: Record<VehicleStatus, string> = {
  moving: "moving",
  idle: "idle",
  stopped: "stopped",
  offline: "offline",
};

// One formatter for every cluster (toLocaleString("en") builds a new one on every call).
const NUMBER = new Intl.NumberFormat("en");
const plural = (n: number, one: string, many: string) =>
  `${NUMBER.format(n)} ${n === 1 ? one : many}`;

export type ClusterWords = { title: string; lines: string[]; label: string };

export function clusterWords(
  mark: Pick<ClusterMark, "count" | "statuses" | "warnings" | "criticals">,
): ClusterWords {
  const title = plural(mark.count, "vehicle", "vehicles");
  const mix = VEHICLE_STATUSES.flatMap((status, i) => {
    const n = mark.statuses[i] ?? 0;
    return n > 0 ? [`${NUMBER.format(n)} ${STATUS_WORD[status]}`] : [];
  });
  const alerts: string[] = [];
  if (mark.criticals > 0) {
    alerts.push(`${plural(mark.criticals, "vehicle", "vehicles")} with a critical alert`);
  }
  if (mark.warnings > 0) {
    alerts.push(`${plural(mark.warnings, "vehicle", "vehicles")} with a warning`);
  }
  const lines = [mix.join(" · "), ...alerts].filter(Boolean);
  const label = `Cluster of ${title}: ${[mix.join(", "), ...alerts].filter(Boolean).join("; ")}. Zoom in`;
  return { title, lines, label };
}

/** The name of the one button that walks through the clusters (see ClusterCursor). */
export function clusterCursorLabel(words: ClusterWords, index: number, total: number): string {
  return `${words.label}. Cluster ${index + 1} of ${total}; arrow keys for the others`;
}
