import type { ClusterMark } from "./cluster-symbol";
import { HitGrid } from "./hit-grid";

export type Hit = { kind: "vehicle"; id: string } | { kind: "cluster"; mark: ClusterMark };

const HIT_RADIUS_PX = 14;

/**
 * What one frame drew and where. The hit grid is built only when someone clicks or hovers
 * after a redraw, so a redraw with nobody pointing costs nothing for it.
 */
export class DrawnItems {
  private xs: number[] = [];
  private ys: number[] = [];
  /** The vehicles' ids (no object per vehicle per frame). */
  private ids: string[] = [];
  private grid?: HitGrid;
  /** Drawn over the vehicles, a few hundred at most: looked through one by one. */
  private clusters: readonly ClusterMark[] = [];

  add(x: number, y: number, id: string) {
    this.xs.push(x);
    this.ys.push(y);
    this.ids.push(id);
  }

  setClusters(clusters: readonly ClusterMark[]) {
    this.clusters = clusters;
  }

  /** The cluster under (x, y), else the vehicle drawn nearest it within a finger's reach. */
  hitTest(x: number, y: number): Hit | undefined {
    let cluster: ClusterMark | undefined;
    let best = Infinity;
    for (const mark of this.clusters) {
      const d2 = (mark.x - x) ** 2 + (mark.y - y) ** 2;
      if (d2 <= mark.radius ** 2 && d2 < best) [cluster, best] = [mark, d2];
    }
    if (cluster) return { kind: "cluster", mark: cluster };
    if (!this.grid) {
      this.grid = new HitGrid();
      for (let i = 0; i < this.ids.length; i++) this.grid.add(i, this.xs[i]!, this.ys[i]!);
    }
    const item = this.grid.nearest(x, y, HIT_RADIUS_PX, (i) => [this.xs[i]!, this.ys[i]!]);
    return item === undefined ? undefined : { kind: "vehicle", id: this.ids[item]! };
  }
}
