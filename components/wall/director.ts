/**
 * Where the wall's camera looks, and which alert holds it: a small store outside React (read
 * with useSyncExternalStore), so timers and queues do not live in effects.
 *
 * - A new alert (see AttentionQueue) holds the camera for `focusS` seconds on its vehicle, its
 *   fence or its position; then the next queued alert, or back to the current view.
 * - With saved views, the camera moves through "the whole fleet" and each view every `rotateS`
 *   seconds (paused while an alert holds it). Without, it fits the whole fleet again every five
 *   minutes, so vehicles that drove off the edge come back into view.
 */
import type { Alert, AlertSeverity } from "@/lib/fleet/types";
import type { CameraRequest } from "@/components/map/core/camera";
import { AttentionQueue } from "./attention";
import type { WallView } from "./wall-params";

export const REFIT_MS = 5 * 60_000;
const FOCUS_ZOOM = 15;

export type DirectorState = {
  attention?: Alert;
  /** Alerts waiting for the camera after the current one. */
  queued: number;
  camera?: CameraRequest;
  /** The view the rotation is on (the whole fleet first), for the screen to name. */
  viewName: ViewName;
};

/** What names a view: the whole fleet, a place (its name, or where it is), or a fence. */
export type ViewName =
  | { kind: "fleet" }
  | { kind: "place"; name?: string; center: [number, number] }
  | { kind: "fence"; id: string; name?: string };

type CameraAsk = CameraRequest extends infer R
  ? R extends unknown
    ? Omit<R, "seq">
    : never
  : never;

export type DirectorOptions = {
  views: readonly WallView[];
  rotateS: number;
  focusS: number;
  minSeverity?: AlertSeverity;
};

export class WallDirector {
  private state: DirectorState = { queued: 0, viewName: { kind: "fleet" } };
  private readonly listeners = new Set<() => void>();
  private readonly queue: AttentionQueue;
  private seq = 0;
  private viewIndex = 0;
  private releaseTimer?: ReturnType<typeof setTimeout>;
  private cycleTimer?: ReturnType<typeof setInterval>;
  private fenceNames: ReadonlyMap<string, string> = new Map();

  constructor(private readonly options: DirectorOptions) {
    this.queue = new AttentionQueue(options.minSeverity);
  }

  get = () => this.state;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start() {
    const rotating = this.options.views.length > 0;
    this.cycleTimer = setInterval(
      () => this.nextView(),
      rotating ? this.options.rotateS * 1000 : REFIT_MS,
    );
  }

  stop() {
    clearInterval(this.cycleTimer);
    clearTimeout(this.releaseTimer);
  }

  /** Names for fence views. */
  setFenceNames(names: ReadonlyMap<string, string>) {
    this.fenceNames = names;
  }

  /** The screen's alert log changed (or arrived first). */
  observe(alerts: readonly Alert[], now: number) {
    this.queue.observe(alerts, now);
    if (!this.state.attention) this.focusNext();
    else this.set({ queued: this.queue.size });
  }

  private focusNext() {
    const alert = this.options.focusS > 0 ? this.queue.take() : undefined;
    if (!alert) return;
    this.set({ attention: alert, queued: this.queue.size, camera: this.ask(focusOn(alert)) });
    this.releaseTimer = setTimeout(() => this.release(), this.options.focusS * 1000);
  }

  private release() {
    this.set({ attention: undefined, queued: this.queue.size });
    this.focusNext();
    if (!this.state.attention) this.set({ camera: this.ask(this.currentView()) });
  }

  private nextView() {
    if (this.state.attention) return;
    const count = this.options.views.length + 1;
    this.viewIndex = (this.viewIndex + 1) % count;
    this.set({ camera: this.ask(this.currentView()), viewName: this.viewName() });
  }

  private currentView(): CameraAsk | undefined {
    const view = this.options.views[this.viewIndex - 1];
    if (!view) return { kind: "fit-all" };
    if (view.kind === "fence") return { kind: "fence", id: view.fenceId };
    return { kind: "view", center: view.center, zoom: view.zoom };
  }

  private viewName(): ViewName {
    const view = this.options.views[this.viewIndex - 1];
    if (!view) return { kind: "fleet" };
    if (view.kind === "place") return { kind: "place", name: view.name, center: view.center };
    return { kind: "fence", id: view.fenceId, name: this.fenceNames.get(view.fenceId) };
  }

  private ask(request: CameraAsk | undefined): CameraRequest | undefined {
    if (!request) return this.state.camera;
    this.seq += 1;
    return { ...request, seq: this.seq } as CameraRequest;
  }

  private set(patch: Partial<DirectorState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function focusOn(alert: Alert): CameraAsk | undefined {
  if (alert.deviceId) return { kind: "vehicle", id: alert.deviceId };
  if (alert.fenceId) return { kind: "fence", id: alert.fenceId };
  if (alert.position) return { kind: "view", center: alert.position, zoom: FOCUS_ZOOM };
  return undefined;
}
