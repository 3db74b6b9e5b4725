/**
 * Which drawn item is under the pointer: a grid of screen cells, each listing the items drawn
 * in it, so a click looks at a handful of items instead of every vehicle.
 */
export class HitGrid {
  private readonly cells = new Map<number, number[]>();

  constructor(private readonly cellPx = 32) {}

  clear() {
    this.cells.clear();
  }

  private key(cx: number, cy: number) {
    return (cx + 1024) * 4096 + (cy + 1024);
  }

  add(item: number, x: number, y: number) {
    const key = this.key(Math.floor(x / this.cellPx), Math.floor(y / this.cellPx));
    const cell = this.cells.get(key);
    if (cell) cell.push(item);
    else this.cells.set(key, [item]);
  }

  /** The nearest item within `radius` px of (x, y), with the later-drawn (topmost) one winning ties. */
  nearest(
    x: number,
    y: number,
    radius: number,
    position: (item: number) => readonly [number, number],
  ): number | undefined {
    let best: number | undefined;
    let bestD2 = radius * radius;
    const x0 = Math.floor((x - radius) / this.cellPx);
    const x1 = Math.floor((x + radius) / this.cellPx);
    const y0 = Math.floor((y - radius) / this.cellPx);
    const y1 = Math.floor((y + radius) / this.cellPx);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        for (const item of this.cells.get(this.key(cx, cy)) ?? []) {
          const [ix, iy] = position(item);
          const d2 = (ix - x) ** 2 + (iy - y) ** 2;
          if (d2 < bestD2 || (d2 === bestD2 && best !== undefined && item > best)) {
            best = item;
            bestD2 = d2;
          }
        }
      }
    }
    return best;
  }
}
