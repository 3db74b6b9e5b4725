/**
 * How a person reaches the clusters without a mouse, and the tooltip that lists a cluster's
 * counts. One button stands for every cluster on screen: Tab reaches it, arrow keys, Home and End
 * move it from cluster to cluster in reading order (it sits over the one it names, with a focus
 * ring), Enter or Space zooms to that cluster's members, Escape hides the tooltip. The mouse uses
 * the canvas itself (the layer's hit test): hovering a cluster shows the same tooltip, a click
 * zooms. Two elements however many clusters there are, so thousands of clusters cost no DOM.
 */
import L from "leaflet";
import { VEHICLE_STATUSES } from "@/lib/fleet/status";
import type { ClusterMark } from "./cluster-symbol";
import { clusterCursorLabel, clusterWords, type MapT } from "./cluster-text";

let nextTipId = 0;
/** Rows of this many pixels make the reading order (top to bottom, then left to right). */
const ROW_PX = 40;

/** The hooks a cluster's element carries (for assistive technology and tests alike). */
function describe(element: HTMLElement, mark: ClusterMark) {
  const data = element.dataset;
  data.count = String(mark.count);
  VEHICLE_STATUSES.forEach((status, i) => (data[status] = String(mark.statuses[i])));
  data.alert = mark.criticals > 0 ? "critical" : mark.warnings > 0 ? "warning" : "none";
  data.lat = mark.lat.toFixed(5);
  data.lng = mark.lng.toFixed(5);
}

export class ClusterCursor {
  private readonly root: HTMLDivElement;
  private readonly button: HTMLButtonElement;
  private readonly tip: HTMLDivElement;
  private marks: ClusterMark[] = [];
  private active = 0;
  /** The cluster the pointer is over, if any. */
  private hovered?: ClusterMark;
  /** Escape hid the tooltip until the focus or the pointer moves on. */
  private dismissed = false;

  constructor(
    pane: HTMLElement,
    private readonly onPress: (mark: ClusterMark) => void,
    /** The map namespace's `t`, read at each use (the page's language may change). */
    private readonly text: () => MapT,
  ) {
    this.root = L.DomUtil.create("div", "fleet-cluster-cursor", pane);
    this.button = L.DomUtil.create("button", "fleet-cluster", this.root);
    this.button.type = "button";
    this.button.dataset.testid = "vehicle-cluster";
    this.button.hidden = true;
    this.tip = L.DomUtil.create("div", "fleet-cluster-tip", this.root);
    this.tip.id = `fleet-cluster-tip-${++nextTipId}`;
    this.tip.dataset.testid = "cluster-tooltip";
    this.tip.setAttribute("role", "tooltip");
    // The map is laid out left to right in every language; its words follow their own direction.
    this.tip.dir = "auto";
    this.tip.hidden = true;
    this.button.addEventListener("keydown", this.onKey);
    this.button.addEventListener("click", this.onClick);
    this.button.addEventListener("focus", this.refreshTip);
    this.button.addEventListener("blur", this.refreshTip);
  }

  /** The clusters of a new frame; `topLeft` is the container's corner as a layer point. */
  sync(marks: readonly ClusterMark[], topLeft: L.Point) {
    const was = this.marks[this.active];
    this.marks = [...marks].sort(
      (a, b) => Math.round(a.y / ROW_PX) - Math.round(b.y / ROW_PX) || a.x - b.x,
    );
    // The cursor stays with the cluster nearest the one it named (a redraw may reorder them).
    this.active = was ? this.nearest(was) : 0;
    L.DomUtil.setPosition(this.root, topLeft);
    this.button.hidden = this.marks.length === 0;
    this.place();
    this.root.style.visibility = "";
  }

  /** The cluster under the pointer (from the layer's hit test), or none. */
  hover(mark: ClusterMark | undefined) {
    if (mark === this.hovered) return;
    if (mark) this.dismissed = false;
    this.hovered = mark;
    this.refreshTip();
  }

  /** While the map zooms (the clusters would be in the wrong places). */
  hide() {
    this.root.style.visibility = "hidden";
  }

  dispose() {
    this.root.remove();
  }

  private place() {
    const mark = this.marks[this.active];
    if (!mark) {
      this.refreshTip();
      return;
    }
    const size = 2 * mark.radius;
    const style = this.button.style;
    style.left = `${mark.x - mark.radius}px`;
    style.top = `${mark.y - mark.radius}px`;
    style.width = style.height = `${size}px`;
    this.button.setAttribute(
      "aria-label",
      clusterCursorLabel(
        clusterWords(mark, this.text()),
        this.active,
        this.marks.length,
        this.text(),
      ),
    );
    describe(this.button, mark);
    this.refreshTip();
  }

  /** The tooltip shows the focused cluster, else the one under the pointer. */
  private readonly refreshTip = () => {
    const focused = document.activeElement === this.button;
    const mark = focused ? this.marks[this.active] : this.hovered;
    if (!mark || this.dismissed) {
      this.tip.hidden = true;
      this.button.removeAttribute("aria-describedby");
      return;
    }
    const words = clusterWords(mark, this.text());
    const title = document.createElement("strong");
    title.textContent = words.title;
    this.tip.replaceChildren(
      title,
      ...words.lines.map((line) => {
        const row = document.createElement("span");
        row.textContent = line;
        return row;
      }),
    );
    this.tip.style.left = `${mark.x}px`;
    this.tip.style.top = `${mark.y + mark.radius + 6}px`;
    describe(this.tip, mark);
    this.tip.hidden = false;
    if (focused) this.button.setAttribute("aria-describedby", this.tip.id);
  };

  private nearest(to: ClusterMark): number {
    let best = 0;
    let bestD = Infinity;
    this.marks.forEach((mark, i) => {
      const d = (mark.x - to.x) ** 2 + (mark.y - to.y) ** 2;
      if (d < bestD) [best, bestD] = [i, d];
    });
    return best;
  }

  private readonly onClick = (event: MouseEvent) => {
    // Keep the click from the map below (it would hit-test the same cluster a second time).
    L.DomEvent.stop(event);
    const mark = this.marks[this.active];
    if (mark) this.onPress(mark);
  };

  private readonly onKey = (event: KeyboardEvent) => {
    const count = this.marks.length;
    if (event.key === "Escape") {
      this.dismissed = true;
      this.refreshTip();
      return;
    }
    const moves: Record<string, number> = {
      ArrowRight: this.active + 1,
      ArrowDown: this.active + 1,
      ArrowLeft: this.active - 1,
      ArrowUp: this.active - 1,
      Home: 0,
      End: count - 1,
    };
    const next = moves[event.key];
    if (next === undefined || count === 0) return;
    event.preventDefault();
    event.stopPropagation();
    this.active = Math.max(0, Math.min(count - 1, next));
    this.dismissed = false;
    this.place();
  };
}
