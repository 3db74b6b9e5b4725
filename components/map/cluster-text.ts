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

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export type ClusterWords = { title: string; lines: string[]; label: string };

export function clusterWords(
  mark: Pick<ClusterMark, "count" | "statuses" | "warnings" | "criticals">,
): ClusterWords {
  const title = plural(mark.count, "vehicle", "vehicles");
  const mix = VEHICLE_STATUSES.flatMap((status, i) => {
    const n = mark.statuses[i] ?? 0;
    return n > 0 ? [`${n.toLocaleString("en")} ${STATUS_WORD[status]}`] : [];
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
