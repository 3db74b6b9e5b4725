/**
 * Vehicle symbols. Shape as well as colour tells the status, for colour-blind eyes: moving is a
 * dot with a heading arrow, idle a dot with a white centre, stopped a square, offline a small
 * grey dot; the older the fix, the fainter the symbol (four steps, see fixAgeLevel, by the
 * server's thresholds). Each variant is drawn once with canvas paths and kept as a pixel stamp
 * (see PixelCanvas), which is what the layer copies per vehicle.
 */
import type { LiveVehicle } from "@/lib/fleet/live";
import {
  fixAgeLevel,
  fixAgeMs,
  VEHICLE_STATUSES,
  type StatusThresholds,
  type VehicleStatus,
} from "@/lib/fleet/status";
import { rasterizeStamp, type Stamp } from "./pixel-canvas";

/** The same colours as the --color-status-* tokens in app/globals.css. */
export const STATUS_COLOURS: Record<VehicleStatus, string> = {
  moving: "#16a34a",
  idle: "#d97706",
  stopped: "#2563eb",
  offline: "#6b7280",
};

/** The box a symbol (with its arrow) fits in, CSS pixels. */
export const SYMBOL_PX = 28;
const HEADING_STEPS = 24;
/** Opacity per fix age level: current, old, older, past offline. */
const AGE_OPACITY = [1, 0.6, 0.42, 0.3] as const;
/** A plain object: looked up once per vehicle per frame, faster than a Map. */
const STATUS_INDEX = Object.fromEntries(VEHICLE_STATUSES.map((status, i) => [status, i])) as Record<
  VehicleStatus,
  number
>;

export function headingBucket(headingDeg: number | undefined): number {
  if (headingDeg === undefined) return -1;
  const normalised = ((headingDeg % 360) + 360) % 360;
  return Math.round(normalised / (360 / HEADING_STEPS)) % HEADING_STEPS;
}

function drawSymbol(ctx: CanvasRenderingContext2D, status: VehicleStatus, bucket: number) {
  const c = SYMBOL_PX / 2;
  ctx.fillStyle = STATUS_COLOURS[status];
  ctx.strokeStyle = "#ffffff";
  ctx.lineWidth = 2;
  if (status === "moving" && bucket >= 0) {
    ctx.save();
    ctx.translate(c, c);
    ctx.rotate((bucket * 2 * Math.PI) / HEADING_STEPS);
    ctx.beginPath();
    ctx.moveTo(0, -13);
    ctx.lineTo(5.5, -5);
    ctx.lineTo(-5.5, -5);
    ctx.closePath();
    ctx.fillStyle = "#14532d";
    ctx.fill();
    ctx.restore();
    ctx.fillStyle = STATUS_COLOURS[status];
  }
  ctx.beginPath();
  if (status === "stopped") ctx.rect(c - 5.5, c - 5.5, 11, 11);
  else ctx.arc(c, c, status === "offline" ? 5 : 6.5, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  if (status === "idle") {
    ctx.beginPath();
    ctx.arc(c, c, 2.5, 0, 2 * Math.PI);
    ctx.fillStyle = "#ffffff";
    ctx.fill();
  }
}

const stamps = new Map<number, Stamp>();

/**
 * The stamp for a vehicle now: its status, heading (when moving) and its fix's age level by the
 * server's thresholds (none yet: not faded). `ratio` is device pixels per CSS pixel times the
 * layer's symbol scale.
 */
export function stampFor(
  v: LiveVehicle,
  now: number,
  ratio: number,
  thresholds: StatusThresholds | undefined,
): Stamp {
  const status = STATUS_INDEX[v.status];
  const age = thresholds ? fixAgeLevel(fixAgeMs(v.fixTime, now), thresholds) : 0;
  const bucket = v.status === "moving" ? headingBucket(v.headingDeg) : -1;
  const shape = (status * AGE_OPACITY.length + age) * (HEADING_STEPS + 1) + bucket + 1;
  const key = shape * 64 + Math.min(63, Math.round(ratio * 4));
  let stamp = stamps.get(key);
  if (!stamp) {
    stamp = rasterizeStamp(SYMBOL_PX, ratio, AGE_OPACITY[age], (ctx) =>
      drawSymbol(ctx, v.status, bucket),
    );
    stamps.set(key, stamp);
  }
  return stamp;
}
