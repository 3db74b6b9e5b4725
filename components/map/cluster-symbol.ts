/**
 * How a cluster looks: a dark disc with the count, ringed by its members' statuses (each status
 * an arc as long as its share, in the legend's colours, so an offline vehicle shows as grey in the
 * ring), and a badge when a member has an open alert: a red circle for critical, an amber
 * triangle for a warning (shape as well as colour, for colour-blind eyes).
 */
import { VEHICLE_STATUSES } from "@/lib/fleet/status";
import { STATUS_COLOURS } from "./vehicle-symbols";

/** One cluster as drawn: container pixels, and what its members are. */
export type ClusterMark = {
  x: number;
  y: number;
  radius: number;
  lat: number;
  lng: number;
  count: number;
  /** Members by status, in VEHICLE_STATUSES order. */
  statuses: readonly [number, number, number, number];
  /** Members whose worst open alert is a warning. */
  warnings: number;
  /** Members with an open critical alert. */
  criticals: number;
  /** The members' bounds: west, south, east, north. */
  bounds: readonly [number, number, number, number];
};

export function clusterRadius(count: number, scale = 1): number {
  return Math.min(30, 14 + Math.log10(Math.max(1, count)) * 6) * scale;
}

const RING_PX = 5;
const BADGE_PX = 8;

export function drawCluster(ctx: CanvasRenderingContext2D, mark: ClusterMark, scale = 1) {
  const { x, y, radius, count } = mark;
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  ctx.fillStyle = "rgba(15, 23, 42, 0.88)";
  ctx.fill();
  ctx.lineWidth = 2 * scale;
  ctx.strokeStyle = "rgba(255, 255, 255, 0.95)";
  ctx.stroke();

  // The status ring, clockwise from the top in legend order.
  const ring = radius - (RING_PX / 2 + 1.5) * scale;
  ctx.lineWidth = RING_PX * scale;
  ctx.lineCap = "butt";
  let start = -Math.PI / 2;
  VEHICLE_STATUSES.forEach((status, i) => {
    const share = count > 0 ? mark.statuses[i]! / count : 0;
    if (share <= 0) return;
    const end = start + share * 2 * Math.PI;
    ctx.beginPath();
    ctx.arc(x, y, ring, start, end);
    ctx.strokeStyle = STATUS_COLOURS[status];
    ctx.stroke();
    start = end;
  });

  ctx.fillStyle = "#ffffff";
  ctx.font = `700 ${Math.round(12 * scale)}px ui-sans-serif, system-ui, sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count), x, y);

  if (mark.criticals > 0) drawBadge(ctx, mark, "critical", scale);
  else if (mark.warnings > 0) drawBadge(ctx, mark, "warning", scale);
}

function drawBadge(
  ctx: CanvasRenderingContext2D,
  mark: ClusterMark,
  level: "critical" | "warning",
  scale: number,
) {
  const r = BADGE_PX * scale;
  const bx = mark.x + mark.radius * 0.72;
  const by = mark.y - mark.radius * 0.72;
  ctx.beginPath();
  if (level === "critical") {
    ctx.arc(bx, by, r, 0, 2 * Math.PI);
  } else {
    ctx.moveTo(bx, by - r * 1.1);
    ctx.lineTo(bx + r * 1.1, by + r * 0.8);
    ctx.lineTo(bx - r * 1.1, by + r * 0.8);
    ctx.closePath();
  }
  ctx.fillStyle = level === "critical" ? "#dc2626" : "#f59e0b";
  ctx.fill();
  ctx.lineWidth = 1.5 * scale;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
  ctx.fillStyle = level === "critical" ? "#ffffff" : "#1c1917";
  ctx.font = `800 ${Math.round(11 * scale)}px ui-sans-serif, system-ui, sans-serif`;
  ctx.fillText("!", bx, by + (level === "critical" ? 0.5 : 1.5) * scale);
}
