/**
 * Draws one frame of the vehicle layer: vehicles (or clusters) inside the view, labels when
 * zoomed in, the selected vehicle on top with its highlight ring, and a hit grid for clicks.
 */
import L from "leaflet";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { StatusThresholds } from "@/lib/fleet/status";
import { ITEM, STRIDE } from "../clusters/cluster-core";
import {
  clusterRadius,
  drawClusterCounts,
  stampCluster,
  type ClusterMark,
} from "../clusters/cluster-symbol";
import { DrawnItems, type Hit } from "./drawn-items";
import { worldX, worldY } from "../core/mercator";
import type { PixelCanvas } from "./pixel-canvas";
import { stampFor, SYMBOL_PX } from "./vehicle-symbols";

export type Sprite = {
  v: LiveVehicle;
  wx: number;
  wy: number;
  generation: number;
  /** Where the vehicle is in the layer's order. */
  at: number;
};

export type Painted = {
  /** The cluster or vehicle drawn under a point of the map's container, if any. */
  hitTest(x: number, y: number): Hit | undefined;
  /** The clusters drawn, in container pixels. */
  clusters: readonly ClusterMark[];
  /** The container's top-left corner as a layer point (where the canvas sits). */
  topLeft: L.Point;
};

export const LABELS_FROM_ZOOM = 15;
const MAX_LABELS = 400;
const MARGIN = SYMBOL_PX;

type Frame = {
  map: L.Map;
  canvas: HTMLCanvasElement;
  highlight: HTMLDivElement;
  pixels: PixelCanvas;
  order: readonly Sprite[];
  selected?: Sprite;
  clusters?: { items: Float64Array; order: readonly Sprite[] };
  now: number;
  /** The server's status settings (fading); absent until a snapshot brought them. */
  thresholds?: StatusThresholds;
  dark: boolean;
  /** Symbols, labels and clusters drawn this many times their normal size (wall screens). */
  symbolScale: number;
};

/** Vehicles stamped between two checks of the time budget (see VehicleCanvasLayer.draw). */
const STEP = 1024;
/** Clusters stamped between two checks of the time budget (the first frame rasterizes many). */
const CLUSTER_STEP = 1;

/**
 * A generator, so a frame of many vehicles can be painted over several tasks: it yields every
 * STEP vehicles, and touches the canvas only at the end (the old picture stays until the new one
 * is complete). It yields "present" just before it touches the canvas: the caller goes on from
 * there inside an animation frame, so the new picture is shown by the paint that follows.
 */
export function* paintVehicles(frame: Frame): Generator<"present" | undefined, Painted, void> {
  const { map, canvas, highlight, now, symbolScale, thresholds } = frame;
  const size = map.getSize();
  const ratio = window.devicePixelRatio || 1;
  const stampRatio = ratio * symbolScale;
  const margin = MARGIN * symbolScale;
  const width = Math.round(size.x * ratio);
  const height = Math.round(size.y * ratio);
  const topLeft = map.containerPointToLayerPoint([0, 0]);
  const scale = 2 ** map.getZoom();
  const origin = map.getPixelOrigin();
  const ox = origin.x + topLeft.x;
  const oy = origin.y + topLeft.y;
  const ctx = canvas.getContext("2d")!;
  const pixels = frame.pixels;
  pixels.begin(width, height);

  const drawn = new DrawnItems(
    (frame.clusters ? frame.clusters.items.length / STRIDE : frame.order.length) + 1,
  );
  const labels: { x: number; y: number; name: string }[] = [];
  const visible = (x: number, y: number) =>
    x > -margin && y > -margin && x < size.x + margin && y < size.y + margin;
  // The selected vehicle goes on top; then the pixels go on the canvas in one call.
  const selected = frame.selected;
  const finishVehicles = () => {
    if (selected) {
      const x = selected.wx * scale - ox;
      const y = selected.wy * scale - oy;
      pixels.stamp(stampFor(selected.v, now, stampRatio, thresholds), x * ratio, y * ratio);
      drawn.add(x, y, selected.v.id);
    }
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = `${size.x}px`;
      canvas.style.height = `${size.y}px`;
    }
    L.DomUtil.setPosition(canvas, topLeft);
    pixels.end(ctx);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  };
  const place = (sprite: Sprite, x: number, y: number) => {
    pixels.stamp(stampFor(sprite.v, now, stampRatio, thresholds), x * ratio, y * ratio);
    drawn.add(x, y, sprite.v.id);
  };

  const clusters: ClusterMark[] = [];
  if (frame.clusters) {
    const { items, order } = frame.clusters;
    for (let k = 0; k < items.length; k += STRIDE) {
      if (k % (STRIDE * STEP) === 0 && k > 0) yield;
      const index = items[k + ITEM.index]!;
      const sprite = index >= 0 ? order[index] : undefined;
      if (sprite) {
        const x = sprite.wx * scale - ox;
        const y = sprite.wy * scale - oy;
        if (visible(x, y)) place(sprite, x, y);
        continue;
      }
      const lng = items[k + ITEM.lng]!;
      const lat = items[k + ITEM.lat]!;
      const x = worldX(lng) * scale - ox;
      const y = worldY(lat) * scale - oy;
      if (!visible(x, y)) continue;
      const count = items[k + ITEM.count]!;
      const s = k + ITEM.statuses;
      clusters.push({
        x,
        y,
        radius: clusterRadius(count, symbolScale),
        lat,
        lng,
        count,
        statuses: [items[s]!, items[s + 1]!, items[s + 2]!, items[s + 3]!],
        warnings: items[k + ITEM.warnings]!,
        criticals: items[k + ITEM.criticals]!,
        bounds: [
          items[k + ITEM.west]!,
          items[k + ITEM.south]!,
          items[k + ITEM.east]!,
          items[k + ITEM.north]!,
        ],
      });
    }
    // Over the vehicles drawn alone (the selected one goes over both).
    for (let c = 0; c < clusters.length; c++) {
      // A cluster is many stamps (and new ones are drawn first): look at the clock often.
      if (c % CLUSTER_STEP === 0 && c > 0) yield;
      const cluster = clusters[c]!;
      stampCluster(pixels, cluster, cluster.x * ratio, cluster.y * ratio, ratio, symbolScale);
    }
    yield "present";
    finishVehicles();
    drawClusterCounts(ctx, clusters, symbolScale);
    drawn.setClusters(clusters);
  } else {
    const withLabels = map.getZoom() >= LABELS_FROM_ZOOM;
    const order = frame.order;
    for (let i = 0; i < order.length; i++) {
      if (i % STEP === 0 && i > 0) yield;
      const sprite = order[i]!;
      const x = sprite.wx * scale - ox;
      const y = sprite.wy * scale - oy;
      if (!visible(x, y)) continue;
      place(sprite, x, y);
      if (withLabels && labels.length < MAX_LABELS) labels.push({ x, y, name: sprite.v.name });
    }
    yield "present";
    finishVehicles();
  }
  drawLabels(ctx, labels, frame.dark, symbolScale);

  if (selected) {
    const x = selected.wx * scale - ox;
    const y = selected.wy * scale - oy;
    L.DomUtil.setPosition(highlight, L.point(x + topLeft.x, y + topLeft.y));
    highlight.hidden = false;
    highlight.dataset.vehicleId = selected.v.id;
    highlight.dataset.lat = selected.v.lat.toFixed(6);
    highlight.dataset.lng = selected.v.lng.toFixed(6);
    highlight.dataset.x = String(Math.round(x));
    highlight.dataset.y = String(Math.round(y));
  } else {
    highlight.hidden = true;
  }

  return { hitTest: (x, y) => drawn.hitTest(x, y), clusters, topLeft };
}

function drawLabels(
  ctx: CanvasRenderingContext2D,
  labels: readonly { x: number; y: number; name: string }[],
  dark: boolean,
  scale: number,
) {
  if (labels.length === 0) return;
  ctx.font = `600 ${Math.round(12 * scale)}px ui-sans-serif, system-ui, sans-serif`;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.lineJoin = "round";
  ctx.lineWidth = 3 * scale;
  ctx.strokeStyle = dark ? "rgba(2, 6, 23, 0.9)" : "rgba(255, 255, 255, 0.95)";
  ctx.fillStyle = dark ? "#f1f5f9" : "#0f172a";
  // A label that would overlap one already placed is skipped: fewer names, all readable.
  const taken = new Set<number>();
  const CELL = 14 * scale;
  const gap = 11 * scale;
  for (const label of labels) {
    const x0 = Math.floor((label.x + gap) / CELL);
    const x1 = Math.floor((label.x + gap + label.name.length * 7 * scale) / CELL);
    const row = Math.floor(label.y / CELL);
    let free = true;
    for (let cx = x0; cx <= x1 && free; cx++) free = !taken.has(cx * 10_000 + row);
    if (!free) continue;
    for (let cx = x0; cx <= x1; cx++) {
      taken.add(cx * 10_000 + row);
      taken.add(cx * 10_000 + row - 1);
      taken.add(cx * 10_000 + row + 1);
    }
    ctx.strokeText(label.name, label.x + gap, label.y);
    ctx.fillText(label.name, label.x + gap, label.y);
  }
}
