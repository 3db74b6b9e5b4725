import type L from "leaflet";
import { HitGrid } from "./hit-grid";

export type Hit =
  { kind: "vehicle"; id: string } | { kind: "cluster"; latLng: L.LatLng; count: number };

const HIT_RADIUS_PX = 14;

/**
 * What one frame drew and where. The hit grid is built only when someone clicks or hovers
 * after a redraw, so a redraw with nobody pointing costs nothing for it.
 */
export class DrawnItems {
  private xs: number[] = [];
  private ys: number[] = [];
  /** A vehicle's id (no object per vehicle per frame) or a cluster. */
  private hits: (string | Hit)[] = [];
  private grid?: HitGrid;

  add(x: number, y: number, hit: string | Hit) {
    this.xs.push(x);
    this.ys.push(y);
    this.hits.push(hit);
  }

  hitTest(x: number, y: number): Hit | undefined {
    if (!this.grid) {
      this.grid = new HitGrid();
      for (let i = 0; i < this.hits.length; i++) this.grid.add(i, this.xs[i]!, this.ys[i]!);
    }
    const item = this.grid.nearest(x, y, HIT_RADIUS_PX, (i) => [this.xs[i]!, this.ys[i]!]);
    const hit = item === undefined ? undefined : this.hits[item];
    return typeof hit === "string" ? { kind: "vehicle", id: hit } : hit;
  }
}
