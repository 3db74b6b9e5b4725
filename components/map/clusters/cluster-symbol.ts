/**
 * How a cluster looks: a dark disc with the count, ringed by its members' statuses (each status
 * an arc as long as its share, in the legend's colours, at least a sliver for any status present,
 * so one offline vehicle shows as grey in the ring), and a badge when a member has an open alert:
 * a red circle for critical, an amber triangle for a warning (shape as well as colour, for
 * colour-blind eyes).
 *
 * Like the vehicles, a cluster is copied into the layer's one pixel buffer from pixel stamps drawn
 * once with canvas paths: in headless Chromium without a GPU, a few hundred rings drawn as paths
 * on every frame cost over 100 ms a frame to rasterize (bench/dashboard-render.ts). Five sizes and
 * a ring in 24 steps of 15°, each step its own stamp, make a few hundred stamps in all, every one
 * shared by many clusters. Only the count is drawn as text on every frame.
 */
import { VEHICLE_STATUSES } from "@/lib/fleet/status";
import { rasterizeStamp, type PixelCanvas, type Stamp } from "../vehicles/pixel-canvas";
import { STATUS_COLOURS } from "../vehicles/vehicle-symbols";

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

/** Five sizes, by the count's order of magnitude: few sizes keep the stamps few. */
const RADII = [16, 19, 22, 25, 28] as const;

export function clusterRadius(count: number, scale = 1): number {
  const magnitude = Math.floor(Math.log10(Math.max(1, count)));
  return RADII[Math.min(RADII.length - 1, magnitude)]! * scale;
}

const RING_PX = 5;
const BADGE_PX = 8;
/** The ring is drawn in this many equal steps (15° each): few steps keep the stamps few. */
export const RING_STEPS = 24;

/**
 * Each status's share of the ring, in steps: proportional, at least one step for any status
 * present, RING_STEPS in all.
 */
export function ringSteps(statuses: readonly number[], count: number): number[] {
  if (count <= 0) return statuses.map(() => 0);
  const steps = statuses.map((n) =>
    n > 0 ? Math.max(1, Math.round((n / count) * RING_STEPS)) : 0,
  );
  const largest = steps.indexOf(Math.max(...steps));
  steps[largest]! += RING_STEPS - steps.reduce((sum, n) => sum + n, 0);
  return steps;
}

type Badge = "none" | "warning" | "critical";

function badgeOf(mark: ClusterMark): Badge {
  return mark.criticals > 0 ? "critical" : mark.warnings > 0 ? "warning" : "none";
}

const stamps = new Map<string, Stamp>();
/** Each ring step reaches this far into its neighbours, so no seam shows between steps. */
const STEP_OVERLAP = Math.PI / 360;

function cached(
  key: string,
  half: number,
  ratio: number,
  draw: (ctx: CanvasRenderingContext2D) => void,
): Stamp {
  let stamp = stamps.get(key);
  if (!stamp) {
    stamp = rasterizeStamp(2 * half, ratio, 1, draw);
    stamps.set(key, stamp);
  }
  return stamp;
}

/**
 * Copies a cluster's disc, ring and badge into the frame's pixels, centred on (x, y) in device
 * pixels. The ring is one stamp per step (a step's colour is its status's), so every stamp is
 * shared by all clusters of a size: a few hundred stamps in all, drawn in the first frames.
 */
export function stampCluster(
  pixels: PixelCanvas,
  mark: ClusterMark,
  x: number,
  y: number,
  ratio: number,
  scale: number,
) {
  const radius = mark.radius;
  // Every stamp of a cluster shares one box, centred on the cluster, so they line up.
  const half = radius + 10 * scale;
  const size = `${radius}|${ratio}|${scale}`;
  pixels.stamp(
    cached(`disc|${size}`, half, ratio, (ctx) => drawDisc(ctx, half, radius, scale)),
    x,
    y,
  );
  const steps = ringSteps(mark.statuses, mark.count);
  let step = 0;
  steps.forEach((n, status) => {
    for (let k = 0; k < n; k++, step++) {
      const at = step;
      const stamp = cached(`step|${size}|${status}|${at}`, half, ratio, (ctx) =>
        drawStep(ctx, half, radius, status, at, scale),
      );
      pixels.stamp(stamp, x, y);
    }
  });
  const badge = badgeOf(mark);
  if (badge !== "none") {
    pixels.stamp(
      cached(`badge|${size}|${badge}`, half, ratio, (ctx) =>
        drawBadge(ctx, half, radius, badge, scale),
      ),
      x,
      y,
    );
  }
}

function drawDisc(ctx: CanvasRenderingContext2D, c: number, radius: number, scale: number) {
  ctx.beginPath();
  ctx.arc(c, c, radius, 0, 2 * Math.PI);
  ctx.fillStyle = "#0f172a";
  ctx.fill();
  ctx.lineWidth = 1.5 * scale;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
}

/** One step of the ring, clockwise from the top. */
function drawStep(
  ctx: CanvasRenderingContext2D,
  c: number,
  radius: number,
  status: number,
  step: number,
  scale: number,
) {
  const width = (2 * Math.PI) / RING_STEPS;
  const start = -Math.PI / 2 + step * width;
  ctx.beginPath();
  ctx.arc(
    c,
    c,
    radius - (RING_PX / 2 + 1.5) * scale,
    start - STEP_OVERLAP,
    start + width + STEP_OVERLAP,
  );
  ctx.lineWidth = RING_PX * scale;
  ctx.lineCap = "butt";
  ctx.strokeStyle = STATUS_COLOURS[VEHICLE_STATUSES[status]!];
  ctx.stroke();
}

function drawBadge(
  ctx: CanvasRenderingContext2D,
  c: number,
  radius: number,
  badge: Exclude<Badge, "none">,
  scale: number,
) {
  const r = BADGE_PX * scale;
  const bx = c + radius * 0.72;
  const by = c - radius * 0.72;
  ctx.beginPath();
  if (badge === "critical") {
    ctx.arc(bx, by, r, 0, 2 * Math.PI);
  } else {
    ctx.moveTo(bx, by - r * 1.1);
    ctx.lineTo(bx + r * 1.1, by + r * 0.8);
    ctx.lineTo(bx - r * 1.1, by + r * 0.8);
    ctx.closePath();
  }
  ctx.fillStyle = badge === "critical" ? "#dc2626" : "#f59e0b";
  ctx.fill();
  ctx.lineWidth = 1.5 * scale;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
  ctx.fillStyle = badge === "critical" ? "#ffffff" : "#1c1917";
  ctx.font = `800 ${Math.round(11 * scale)}px ui-sans-serif, system-ui, sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText("!", bx, by + (badge === "critical" ? 0.5 : 1.5) * scale);
}

/** The clusters' counts, over their stamps (text is the one thing drawn every frame). */
export function drawClusterCounts(
  ctx: CanvasRenderingContext2D,
  marks: readonly ClusterMark[],
  scale = 1,
) {
  if (marks.length === 0) return;
  ctx.fillStyle = "#ffffff";
  ctx.font = `700 ${Math.round(12 * scale)}px ui-sans-serif, system-ui, sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  for (const { x, y, count } of marks) {
    ctx.fillText(count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count), x, y);
  }
}
