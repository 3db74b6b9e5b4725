/**
 * The clusters the vehicle layer draws: rebuilt (in a worker for large fleets) when positions
 * change, asked again when the view changes, and the latest answer kept meanwhile, so a frame
 * never waits for clustering.
 */
import type L from "leaflet";
import { vehicleCode, type AlertLevel } from "./cluster-core";
import { ClusterIndex } from "./cluster-index";
import type { SpriteStore } from "../vehicles/sprite-store";
import type { Sprite } from "../vehicles/vehicle-painter";

export type Clusters = { items: Float64Array; order: readonly Sprite[] };

const NONE: Clusters = { items: new Float64Array(), order: [] };

export class ClusterView {
  private readonly index: ClusterIndex;
  /** The layer order the pending generation was built from, and that of the answer held. */
  private loadedOrder: readonly Sprite[] = [];
  private generation = -1;
  private held?: Clusters;
  private lastQuery = "";
  /** Set when positions, statuses or alerts changed: the next frame rebuilds the index. */
  dirty = true;

  constructor(onAnswer: () => void) {
    this.index = new ClusterIndex((answer) => {
      if (answer.generation !== this.generation) return;
      this.held = { items: answer.items, order: this.loadedOrder };
      onAnswer();
    });
  }

  current(map: L.Map, store: SpriteStore, alerts: ReadonlyMap<string, AlertLevel>): Clusters {
    if (this.dirty) {
      // A vehicle's code is its status; the few with an open alert get the alert's level too.
      let codes = store.statuses;
      if (alerts.size > 0) {
        codes = codes.slice();
        for (const [id, level] of alerts) {
          const sprite = store.get(id);
          if (sprite) codes[sprite.at] = vehicleCode(codes[sprite.at]!, level);
        }
      }
      this.generation = this.index.load(store.positions, codes);
      this.loadedOrder = store.order;
      this.dirty = false;
    }
    const b = map.getBounds().pad(0.5);
    const bbox: [number, number, number, number] = [
      Math.max(-180, b.getWest()),
      Math.max(-85, b.getSouth()),
      Math.min(180, b.getEast()),
      Math.min(85, b.getNorth()),
    ];
    const key = `${this.generation}:${map.getZoom()}:${bbox.map((n) => n.toFixed(4))}`;
    if (key !== this.lastQuery) {
      this.lastQuery = key;
      this.index.query({ bbox, zoom: map.getZoom() });
    }
    return this.held ?? NONE;
  }

  /** Whether the clusters held were built from `order` (the latest data). */
  showing(order: readonly Sprite[]): boolean {
    return !this.dirty && this.held?.order === order;
  }

  dispose() {
    this.index.dispose();
  }
}
