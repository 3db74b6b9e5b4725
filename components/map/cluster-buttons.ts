/**
 * The clusters as buttons over the canvas, so a person can hover, focus and press them: each
 * lists its members' statuses and alerts in a tooltip, and pressing it zooms to its members.
 * One button per cluster on screen (a few hundred at most, never one per vehicle), reused from
 * frame to frame. The group is one tab stop: arrow keys, Home and End move between clusters in
 * reading order, Escape hides the tooltip.
 */
import L from "leaflet";
import { VEHICLE_STATUSES } from "@/lib/fleet/status";
import type { ClusterMark } from "./cluster-symbol";
import { clusterWords } from "./cluster-text";

let nextTipId = 0;
/** Rows of this many pixels make the reading order (top to bottom, then left to right). */
const ROW_PX = 40;

export class ClusterButtons {
  private readonly root: HTMLDivElement;
  private readonly tip: HTMLDivElement;
  private readonly buttons: HTMLButtonElement[] = [];
  private marks: ClusterMark[] = [];
  /** The button that takes the group's one tab stop. */
  private active = 0;

  constructor(
    pane: HTMLElement,
    private readonly onPress: (mark: ClusterMark) => void,
    /** False while a press is really the end of a drag of the map. */
    private readonly mayPress: () => boolean,
  ) {
    this.root = L.DomUtil.create("div", "fleet-cluster-buttons", pane);
    this.root.setAttribute("role", "group");
    this.root.setAttribute("aria-label", "Vehicle clusters");
    this.tip = L.DomUtil.create("div", "fleet-cluster-tip", this.root);
    this.tip.id = `fleet-cluster-tip-${++nextTipId}`;
    this.tip.setAttribute("role", "tooltip");
    this.tip.hidden = true;
    this.root.addEventListener("keydown", this.onKey);
  }

  /** Shows these clusters; `topLeft` is the container's corner as a layer point. */
  sync(marks: readonly ClusterMark[], topLeft: L.Point) {
    const focused = this.buttons.indexOf(document.activeElement as HTMLButtonElement);
    const wasAt = focused >= 0 ? this.marks[focused] : undefined;
    this.marks = [...marks].sort(
      (a, b) => Math.round(a.y / ROW_PX) - Math.round(b.y / ROW_PX) || a.x - b.x,
    );
    L.DomUtil.setPosition(this.root, topLeft);
    this.marks.forEach((mark, i) => this.fill(this.buttons[i] ?? this.create(), mark));
    for (let i = this.marks.length; i < this.buttons.length; i++) this.buttons[i]!.hidden = true;
    // Focus stays with the cluster nearest the one focused before (a redraw may reorder them).
    this.active = wasAt ? this.nearest(wasAt) : Math.min(this.active, this.marks.length - 1);
    this.buttons.forEach((button, i) => (button.tabIndex = i === this.active ? 0 : -1));
    if (wasAt && this.active >= 0 && this.active !== focused) this.buttons[this.active]!.focus();
    const tipFor = Number(this.tip.dataset.index ?? -1);
    if (tipFor >= 0) {
      if (tipFor < this.marks.length) this.showTip(tipFor);
      else this.hideTip();
    }
    this.root.style.visibility = "";
  }

  /** While the map zooms (the clusters would be in the wrong places). */
  hide() {
    this.root.style.visibility = "hidden";
    this.hideTip();
  }

  dispose() {
    this.root.removeEventListener("keydown", this.onKey);
    this.root.remove();
  }

  private create(): HTMLButtonElement {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "fleet-cluster";
    button.dataset.testid = "vehicle-cluster";
    const index = () => this.buttons.indexOf(button);
    button.addEventListener("click", (event) => {
      L.DomEvent.stop(event);
      const mark = this.marks[index()];
      if (mark && this.mayPress()) this.onPress(mark);
    });
    button.addEventListener("focus", () => {
      this.active = index();
      this.buttons.forEach((other) => (other.tabIndex = other === button ? 0 : -1));
      this.showTip(index());
    });
    button.addEventListener("mouseenter", () => this.showTip(index()));
    button.addEventListener("blur", () => this.hideTip());
    button.addEventListener("mouseleave", () => {
      if (document.activeElement !== button) this.hideTip();
    });
    this.root.insertBefore(button, this.tip);
    this.buttons.push(button);
    return button;
  }

  private fill(button: HTMLButtonElement, mark: ClusterMark) {
    button.hidden = false;
    const size = 2 * mark.radius;
    button.style.left = `${mark.x - mark.radius}px`;
    button.style.top = `${mark.y - mark.radius}px`;
    button.style.width = button.style.height = `${size}px`;
    button.setAttribute("aria-label", clusterWords(mark).label);
    const data = button.dataset;
    data.count = String(mark.count);
    VEHICLE_STATUSES.forEach((status, i) => (data[status] = String(mark.statuses[i])));
    data.alert = mark.criticals > 0 ? "critical" : mark.warnings > 0 ? "warning" : "none";
    data.lat = mark.lat.toFixed(5);
    data.lng = mark.lng.toFixed(5);
  }

  private showTip(index: number) {
    const mark = this.marks[index];
    const button = this.buttons[index];
    if (!mark || !button) return;
    const words = clusterWords(mark);
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
    this.tip.dataset.index = String(index);
    this.tip.hidden = false;
    for (const other of this.buttons) other.removeAttribute("aria-describedby");
    button.setAttribute("aria-describedby", this.tip.id);
  }

  private hideTip() {
    this.tip.hidden = true;
    delete this.tip.dataset.index;
    for (const button of this.buttons) button.removeAttribute("aria-describedby");
  }

  private nearest(to: ClusterMark): number {
    let best = -1;
    let bestD = Infinity;
    this.marks.forEach((mark, i) => {
      const d = (mark.x - to.x) ** 2 + (mark.y - to.y) ** 2;
      if (d < bestD) [best, bestD] = [i, d];
    });
    return best;
  }

  private readonly onKey = (event: KeyboardEvent) => {
    const count = this.marks.length;
    if (count === 0) return;
    const moves: Record<string, number> = {
      ArrowRight: this.active + 1,
      ArrowDown: this.active + 1,
      ArrowLeft: this.active - 1,
      ArrowUp: this.active - 1,
      Home: 0,
      End: count - 1,
    };
    if (event.key === "Escape") {
      this.hideTip();
      return;
    }
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    this.buttons[Math.max(0, Math.min(count - 1, next))]?.focus();
  };
}
