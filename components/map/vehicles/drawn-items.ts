import type { ClusterMark } from "../clusters/cluster-symbol";
import { HitGrid } from "./hit-grid";

export type Hit = { kind: "vehicle"; id: string } | { kind: "cluster"; mark: ClusterMark };

const HIT_RADIUS_PX = 14;

/**
 * What one frame drew and where. The hit grid is built only when someone clicks or hovers
 * after a redraw, so a redraw with nobody pointing costs nothing for it.
 */
export class DrawnItems {
  private readonly xs: Float32Array;
  private readonly ys: Float32Array;
  /** The vehicles' ids (no object per vehicle per frame). */
  private readonly ids: string[] = [];
  private grid?: HitGrid;
  /** Drawn over the vehicles, a few hundred at most: looked through one by one. */
  private clusters: readonly ClusterMark[] = [];

  /** `capacity`: at most how many vehicles this frame can draw. */
  constructor(capacity: number) {
    this.xs = new Float32Array(capacity);
    this.ys = new Float32Array(capacity);
  }

  add(x: number, y: number, id: string) {
    const at = this.ids.length;
    this.xs[at] = x;
    this.ys[at] = y;
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
