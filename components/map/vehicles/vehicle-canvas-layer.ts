/**
 * The vehicles, on one canvas: a Leaflet layer keyed by vehicle id. setVehicles() keeps the
 * latest list; the next task (or animation frame, whichever comes first) compares each vehicle
 * with the one it had (the cache keeps unchanged vehicles as the same objects), projects only
 * those whose fix changed, and redraws, however many updates arrive before it. Work longer than a
 * slice goes on in the following tasks, and the finished picture is put on the canvas inside an
 * animation frame. No DOM element per vehicle: the canvas, one highlight ring, done.
 */
import L from "leaflet";
import type { LiveVehicle } from "@/lib/fleet/live";
import type { StatusThresholds } from "@/lib/fleet/status";
import { ClusterCursor } from "../clusters/cluster-cursor";
import type { MapT } from "../clusters/cluster-text";
import type { AlertLevel } from "../clusters/cluster-core";
import { CLUSTER_MAX_ZOOM, shouldCluster } from "../clusters/cluster-policy";
import type { ClusterMark } from "../clusters/cluster-symbol";
import { ClusterView } from "../clusters/cluster-view";
import { PixelCanvas } from "./pixel-canvas";
import { SpriteStore } from "./sprite-store";
import { paintVehicles, type Painted } from "./vehicle-painter";

export type VehicleLayerOptions = {
  onSelect?: (id: string) => void;
  /** Called after each draw with the number of vehicles on the layer. */
  onRendered?: (count: number) => void;
  /** Called after a draw that shows the latest data (clusters included): for benchmarks. */
  onSettled?: () => void;
  /** The server's clock (for faded old fixes). */
  serverNow?: () => number;
  /** The server's status settings: how old a fix is before it fades. */
  thresholds?: StatusThresholds;
  /** Vehicles with an open warning (1) or critical (2) alert: their clusters show a badge. */
  alerts?: ReadonlyMap<string, AlertLevel>;
  clustering?: boolean;
  dark?: boolean;
  /** Draws symbols, labels and clusters this many times their size (1 by default). */
  symbolScale?: number;
  /** The map namespace's words, for the clusters' names and tooltips. */
  text: MapT;
};

const PANE = "vehicles";
const NO_ALERTS: ReadonlyMap<string, AlertLevel> = new Map();
/** Room left around a cluster's members when a press zooms to them, pixels. */
const CLUSTER_PADDING = L.point(80, 80);
/**
 * Work for at most this long per task, then let the browser handle input and go on in the next
 * task: no task passes 50 ms, and a fleet of 10,000 is taken in and painted in one slice.
 */
const SLICE_MS = 40;
const REFRESH_MS = 15_000;

export class VehicleCanvasLayer extends L.Layer {
  private map?: L.Map;
  private canvas?: HTMLCanvasElement;
  private highlight?: HTMLDivElement;
  private readonly store = new SpriteStore();
  private frame = 0;
  /** A task is posted to go on with the work (see continueSoon). */
  private continuing = false;
  private channel?: MessageChannel;
  private refresh?: ReturnType<typeof setInterval>;
  private selectedId?: string;
  private painted?: Painted;
  /** The latest vehicles, until the store has taken them in. */
  private incoming?: readonly LiveVehicle[];
  private updating?: Generator<void, number, void>;
  /** Something shown changed (view, selection, options, clusters): paint again. */
  private repaint = true;
  private painting?: {
    steps: Generator<"present" | undefined, Painted, void>;
    clustered: boolean;
    /** The picture is complete: it goes on the canvas in the next animation frame. */
    ready: boolean;
  };
  private readonly pixels = new PixelCanvas();
  private readonly clusters = new ClusterView(() => this.scheduleDraw());
  private cursor?: ClusterCursor;
  /** Where the pointer last was over the map (container pixels), to hover anew after a draw. */
  private pointer?: L.Point;

  constructor(private settings: VehicleLayerOptions) {
    super();
  }

  setVehicles(vehicles: readonly LiveVehicle[]) {
    this.incoming = vehicles;
    this.updating = undefined;
    this.startWork();
  }

  setSelected(id: string | undefined) {
    if (id === this.selectedId) return;
    this.selectedId = id;
    this.scheduleDraw();
  }

  setOptions(options: Partial<VehicleLayerOptions>) {
    if (options.alerts !== this.settings.alerts) this.clusters.dirty = true;
    this.settings = { ...this.settings, ...options };
    this.scheduleDraw();
  }

  override onAdd(map: L.Map): this {
    this.map = map;
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.style.zIndex = "450";
    pane.style.pointerEvents = "none";
    this.canvas = L.DomUtil.create("canvas", "fleet-vehicle-canvas", pane);
    this.highlight = L.DomUtil.create("div", "fleet-vehicle-highlight", pane);
    this.highlight.dataset.testid = "selected-vehicle-marker";
    this.highlight.setAttribute("aria-hidden", "true");
    this.highlight.hidden = true;
    this.cursor = new ClusterCursor(
      pane,
      (mark) => this.zoomToCluster(mark),
      () => this.settings.text,
    );
    map.on("moveend zoomend resize viewreset", this.scheduleDraw, this);
    map.on("zoomstart", this.hideWhileZooming, this);
    map.on("click", this.onClick, this);
    map.on("mousemove", this.onHover, this);
    map.on("mouseout", this.onLeave, this);
    this.refresh = setInterval(() => this.scheduleDraw(), REFRESH_MS);
    this.scheduleDraw();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off("moveend zoomend resize viewreset", this.scheduleDraw, this);
    map.off("zoomstart", this.hideWhileZooming, this);
    map.off("click", this.onClick, this);
    map.off("mousemove", this.onHover, this);
    map.off("mouseout", this.onLeave, this);
    clearInterval(this.refresh);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.channel?.port1.close();
    this.channel = undefined;
    this.continuing = false;
    this.canvas?.remove();
    this.highlight?.remove();
    this.cursor?.dispose();
    this.cursor = undefined;
    this.clusters.dispose();
    this.map = undefined;
    return this;
  }

  private scheduleDraw() {
    // A picture half painted from older data or an older view is dropped, never shown.
    this.painting = undefined;
    this.repaint = true;
    this.startWork();
  }

  /**
   * Asks for a frame and, while the page is shown, starts the work in a task now: the picture is
   * made while the browser waits for that frame, and put on the canvas inside it (the frame's
   * turn comes as soon as the task ends if it is due by then). The wait for the frame and the
   * work overlap instead of following each other. A hidden page (no frames) does nothing until
   * it is shown, as before.
   */
  private startWork() {
    this.requestFrame();
    if (this.map && document.visibilityState === "visible") this.continueSoon();
  }

  private requestFrame() {
    if (this.frame || !this.map) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.work(true);
    });
  }

  /** Goes on with the work in a new task (after input and rendering waiting for their turn). */
  private continueSoon() {
    if (this.continuing) return;
    if (!this.channel) {
      this.channel = new MessageChannel();
      this.channel.port1.onmessage = () => {
        this.continuing = false;
        this.work(false);
      };
    }
    this.continuing = true;
    this.channel.port2.postMessage(null);
  }

  private hideWhileZooming() {
    this.painting = undefined;
    if (this.canvas) this.canvas.style.visibility = "hidden";
    if (this.highlight) this.highlight.hidden = true;
    this.cursor?.hide();
  }

  /** Takes in the latest vehicles, then paints; for one slice, then goes on in the next task. */
  private work(inFrame: boolean) {
    const { map, canvas, highlight } = this;
    if (!map || !canvas || !highlight) return;
    const started = performance.now();
    const outOfTime = () => performance.now() - started > SLICE_MS;
    if (this.incoming) {
      this.updating ??= this.store.updating(this.incoming);
      for (;;) {
        const step = this.updating.next();
        if (step.done) {
          this.incoming = undefined;
          this.updating = undefined;
          if (step.value > 0 || this.painted === undefined) {
            this.clusters.dirty = true;
            this.painting = undefined;
            this.repaint = true;
          }
          break;
        }
        if (outOfTime()) return this.continueSoon();
      }
    }
    if (!this.painting) {
      if (!this.repaint) return;
      // A new picture starts with a fresh slice.
      if (outOfTime()) return this.continueSoon();
      this.repaint = false;
      const clustered = shouldCluster(
        this.store.order.length,
        map.getZoom(),
        this.settings.clustering,
      );
      const steps = paintVehicles({
        map,
        canvas,
        highlight,
        pixels: this.pixels,
        order: this.store.order,
        selected: this.selectedId ? this.store.get(this.selectedId) : undefined,
        clusters: clustered
          ? this.clusters.current(map, this.store, this.settings.alerts ?? NO_ALERTS)
          : undefined,
        now: this.settings.serverNow?.() ?? Date.now(),
        thresholds: this.settings.thresholds,
        dark: this.settings.dark ?? false,
        symbolScale: this.settings.symbolScale ?? 1,
      });
      this.painting = { steps, clustered, ready: false };
    }
    const painting = this.painting;
    for (;;) {
      if (painting.ready && !inFrame) return this.requestFrame();
      const step = painting.steps.next();
      if (step.done) {
        this.painting = undefined;
        this.painted = step.value;
        this.cursor?.sync(step.value.clusters, step.value.topLeft);
        if (this.pointer) this.hoverAt(this.pointer);
        break;
      }
      if (step.value === "present") painting.ready = true;
      else if (outOfTime()) return this.continueSoon();
    }
    canvas.style.visibility = "";
    this.settings.onRendered?.(this.store.order.length);
    const settled = !painting.clustered || this.clusters.showing(this.store.order);
    if (settled) this.settings.onSettled?.();
  }

  private onClick(event: L.LeafletMouseEvent) {
    const hit = this.painted?.hitTest(event.containerPoint.x, event.containerPoint.y);
    if (hit?.kind === "vehicle") this.settings.onSelect?.(hit.id);
    else if (hit) this.zoomToCluster(hit.mark);
  }

  /** Zooms so the cluster's members fill the view, and at least one step closer. */
  private zoomToCluster(mark: ClusterMark) {
    const map = this.map;
    if (!map) return;
    const [west, south, east, north] = mark.bounds;
    const bounds = L.latLngBounds([south, west], [north, east]);
    const fits = map.getBoundsZoom(bounds, false, CLUSTER_PADDING);
    const zoom = Math.min(Math.max(fits, map.getZoom() + 1), CLUSTER_MAX_ZOOM + 1);
    map.setView(bounds.getCenter(), zoom);
  }

  private onHover(event: L.LeafletMouseEvent) {
    this.pointer = event.containerPoint;
    this.hoverAt(event.containerPoint);
  }

  private onLeave() {
    this.pointer = undefined;
    this.cursor?.hover(undefined);
    this.map?.getContainer().classList.remove("fleet-map-hover");
  }

  private hoverAt(point: L.Point) {
    const hit = this.painted?.hitTest(point.x, point.y);
    this.map?.getContainer().classList.toggle("fleet-map-hover", hit !== undefined);
    this.cursor?.hover(hit?.kind === "cluster" ? hit.mark : undefined);
  }
}
