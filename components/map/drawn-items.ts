import { HitGrid } from "./hit-grid";

const HIT_RADIUS_PX = 14;

/**
 * Which vehicle one frame drew where (clusters are buttons of their own, see ClusterButtons). The
 * hit grid is built only when someone clicks or hovers after a redraw, so a redraw with nobody
 * pointing costs nothing for it.
 */
export class DrawnItems {
  private xs: number[] = [];
  private ys: number[] = [];
  /** The vehicles' ids (no object per vehicle per frame). */
  private ids: string[] = [];
  private grid?: HitGrid;

  add(x: number, y: number, id: string) {
    this.xs.push(x);
    this.ys.push(y);
    this.ids.push(id);
  }

  /** The id of the vehicle drawn nearest (x, y), within a finger's reach. */
  hitTest(x: number, y: number): string | undefined {
    if (!this.grid) {
      this.grid = new HitGrid();
      for (let i = 0; i < this.ids.length; i++) this.grid.add(i, this.xs[i]!, this.ys[i]!);
    }
    const item = this.grid.nearest(x, y, HIT_RADIUS_PX, (i) => [this.xs[i]!, this.ys[i]!]);
    return item === undefined ? undefined : this.ids[item];
  }
}
