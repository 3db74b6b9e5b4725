/**
 * Vehicles are copied into one pixel buffer and put on the canvas in one call. Measured in
 * headless Chromium without a GPU, this is ten times faster than a path or a drawImage per
 * vehicle (10,000 vehicles: about 40 ms against 150 to 700 ms), and it is no slower with one.
 * A stamp is a symbol's non-transparent pixels; opaque ones are copied, edge pixels blended.
 */
export type Stamp = {
  /** Half the stamp's side, device pixels: where its centre is. */
  half: number;
  dx: Int16Array;
  dy: Int16Array;
  /** Colour as the buffer stores it (little-endian RGBA read as one number). */
  colour: Int32Array;
  alpha: Uint8Array;
  /** The first `opaque` pixels are fully opaque (copied); the rest are edges (blended). */
  opaque: number;
  /**
   * The opaque pixels as runs along a row: where each run starts in the pixels above, then
   * `opaque`. A run is copied as one stretch of the buffer (measured: about half the time of
   * looking up where each pixel goes).
   */
  runs: Int32Array;
  /**
   * For the buffer width last used: `dy * width + dx` of each pixel (`values`) and of each run's
   * first pixel (`runs`), so placing a pixel is one add.
   */
  offsets?: { width: number; values: Int32Array; runs: Int32Array };
};

/** One canvas every stamp is drawn on in turn: a new canvas per stamp costs more than drawing it. */
let scratch: CanvasRenderingContext2D | undefined;

function scratchContext(side: number): CanvasRenderingContext2D {
  if (!scratch || scratch.canvas.width < side) {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = Math.max(side, scratch?.canvas.width ?? 0);
    scratch = canvas.getContext("2d", { willReadFrequently: true })!;
  }
  return scratch;
}

export function rasterizeStamp(
  cssPx: number,
  ratio: number,
  opacity: number,
  draw: (ctx: CanvasRenderingContext2D) => void,
): Stamp {
  const side = Math.ceil(cssPx * ratio);
  const ctx = scratchContext(side);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, side, side);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.globalAlpha = opacity;
  draw(ctx);
  ctx.restore();
  return stampFromPixels(ctx.getImageData(0, 0, side, side).data, side);
}

/** A stamp from a square of `side` × `side` RGBA pixels (straight alpha, as a canvas gives them). */
export function stampFromPixels(data: Uint8ClampedArray, side: number): Stamp {
  const words = new Int32Array(data.buffer, data.byteOffset, side * side);
  // Opaque pixels first, in rows, so copying them is a few tight loops without a branch.
  const opaque: number[] = [];
  const edge: number[] = [];
  const runs: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const a = data[4 * i + 3]!;
    if (a === 255) {
      // A run ends where a row ends or a pixel that is not opaque comes between.
      if (i % side === 0 || opaque[opaque.length - 1] !== i - 1) runs.push(opaque.length);
      opaque.push(i);
    } else if (a > 0) edge.push(i);
  }
  runs.push(opaque.length);
  const all = [...opaque, ...edge];
  return {
    half: Math.floor(side / 2),
    dx: Int16Array.from(all, (i) => i % side),
    dy: Int16Array.from(all, (i) => Math.floor(i / side)),
    colour: Int32Array.from(all, (i) => words[i]!),
    alpha: Uint8Array.from(all, (i) => data[4 * i + 3]!),
    opaque: opaque.length,
    runs: Int32Array.from(runs),
  };
}

export class PixelCanvas {
  private image?: ImageData;
  private pixels = new Int32Array(0);
  private width = 0;
  private height = 0;

  /** Starts a frame of `width` × `height` device pixels, all transparent. */
  begin(width: number, height: number) {
    if (!this.image || this.width !== width || this.height !== height) {
      this.image = new ImageData(width, height);
      this.pixels = new Int32Array(this.image.data.buffer);
      this.width = width;
      this.height = height;
    } else {
      this.pixels.fill(0);
    }
  }

  /** Copies `stamp` centred on (x, y), device pixels. */
  stamp(stamp: Stamp, x: number, y: number) {
    const { pixels, width, height } = this;
    const x0 = (x + 0.5 - stamp.half) | 0;
    const y0 = (y + 0.5 - stamp.half) | 0;
    const side = 2 * stamp.half + 1;
    const { dx, dy, colour, alpha } = stamp;
    if (x0 >= 0 && y0 >= 0 && x0 + side < width && y0 + side < height) {
      const { values: offsets, runs: runOffsets } = this.offsetsOf(stamp);
      const base = y0 * width + x0;
      const runs = stamp.runs;
      for (let r = 0, k = 0; r < runOffsets.length; r++) {
        const end = runs[r + 1]!;
        for (let i = base + runOffsets[r]!; k < end; i++, k++) pixels[i] = colour[k]!;
      }
      for (let k = stamp.opaque; k < offsets.length; k++) {
        const i = base + offsets[k]!;
        const below = pixels[i]!;
        pixels[i] =
          below === 0
            ? colour[k]!
            : below >>> 24 === 255
              ? blendOverOpaque(colour[k]!, alpha[k]!, below)
              : blend(colour[k]!, alpha[k]!, below);
      }
      return;
    }
    for (let k = 0; k < dx.length; k++) {
      const px = x0 + dx[k]!;
      const py = y0 + dy[k]!;
      if (px < 0 || py < 0 || px >= width || py >= height) continue;
      const i = py * width + px;
      const below = pixels[i]!;
      pixels[i] =
        alpha[k] === 255 || below === 0 ? colour[k]! : blend(colour[k]!, alpha[k]!, below);
    }
  }

  private offsetsOf(stamp: Stamp): NonNullable<Stamp["offsets"]> {
    const width = this.width;
    if (stamp.offsets?.width === width) return stamp.offsets;
    const { dx, dy } = stamp;
    const values = new Int32Array(dx.length);
    for (let k = 0; k < dx.length; k++) values[k] = dy[k]! * width + dx[k]!;
    const runs = new Int32Array(stamp.runs.length - 1);
    for (let r = 0; r < runs.length; r++) runs[r] = values[stamp.runs[r]!]!;
    return (stamp.offsets = { width, values, runs });
  }

  end(ctx: CanvasRenderingContext2D) {
    if (this.image) ctx.putImageData(this.image, 0, 0);
  }
}

/**
 * Source-over onto an opaque pixel (the usual case: an edge over a symbol drawn before it), in
 * integers: red and blue in one multiply, the result opaque.
 */
export function blendOverOpaque(source: number, a: number, below: number): number {
  const inv = 255 - a;
  const rb = (source & 0xff00ff) * a + (below & 0xff00ff) * inv + 0x800080;
  const g = ((source >>> 8) & 0xff) * a + ((below >>> 8) & 0xff) * inv + 128;
  const red = ((rb + ((rb >>> 8) & 0xff00ff)) >>> 8) & 0xff00ff;
  const green = ((g + (g >>> 8)) >>> 8) << 8;
  return 0xff000000 | red | green;
}

/** Source-over on straight (not premultiplied) RGBA words. */
export function blend(source: number, sa255: number, below: number): number {
  const sa = sa255 / 255;
  const da = (below >>> 24) / 255;
  const oa = sa + da * (1 - sa);
  const k = (da * (1 - sa)) / oa;
  const s = sa / oa;
  const r = (source & 255) * s + (below & 255) * k;
  const g = ((source >>> 8) & 255) * s + ((below >>> 8) & 255) * k;
  const b = ((source >>> 16) & 255) * s + ((below >>> 16) & 255) * k;
  return ((oa * 255 + 0.5) << 24) | ((b + 0.5) << 16) | ((g + 0.5) << 8) | (r + 0.5);
}
