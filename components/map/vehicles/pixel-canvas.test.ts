import { describe, expect, it, vi } from "vitest";
import { blend, blendOverOpaque, PixelCanvas, stampFromPixels } from "./pixel-canvas";

/** A little-endian RGBA word (as the canvas buffer holds it). */
const rgba = (r: number, g: number, b: number, a: number) =>
  (r | (g << 8) | (b << 16) | (a << 24)) >>> 0;
const channels = (word: number) => [
  word & 255,
  (word >>> 8) & 255,
  (word >>> 16) & 255,
  word >>> 24,
];

describe("edge pixels blended onto an opaque one", () => {
  it("agree with source-over to within one step per channel, and stay opaque", () => {
    const below = [rgba(255, 255, 255, 255), rgba(22, 163, 74, 255), rgba(15, 23, 42, 255)];
    const sources = [rgba(37, 99, 235, 0), rgba(217, 119, 6, 255), rgba(255, 255, 255, 255)];
    for (const under of below) {
      for (const source of sources) {
        for (const alpha of [1, 64, 128, 200, 254]) {
          const fast = channels(blendOverOpaque(source, alpha, under) >>> 0);
          const exact = channels(blend(source, alpha, under) >>> 0);
          expect(fast[3]).toBe(255);
          fast
            .slice(0, 3)
            .forEach((value, i) => expect(Math.abs(value - exact[i]!)).toBeLessThanOrEqual(1));
        }
      }
    }
  });
});

describe("stamps copied into the frame", () => {
  const SIDE = 9;
  /** A disc of opaque pixels with soft edges, a transparent hole in its middle row and colours
   * that differ per pixel, so a pixel copied to the wrong place shows. */
  function symbolPixels(seed: number): Uint8ClampedArray {
    const data = new Uint8ClampedArray(SIDE * SIDE * 4);
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const d = Math.hypot(x - 4, y - 4);
        const alpha = y === 4 && x === 3 ? 0 : d <= 3 ? 255 : d <= 4.5 ? 90 : 0;
        const at = 4 * (y * SIDE + x);
        data.set(
          [(seed + 7 * x) & 255, (seed + 13 * y) & 255, (seed * 3 + x * y) & 255, alpha],
          at,
        );
      }
    }
    return data;
  }

  /** Source-over of every pixel in turn, as the frame promises (edges over opaque: the fast blend). */
  function reference(width: number, height: number, draws: [Uint8ClampedArray, number, number][]) {
    const out = new Int32Array(width * height);
    for (const [data, x0, y0] of draws) {
      const words = new Int32Array(data.buffer);
      for (let k = 0; k < SIDE * SIDE; k++) {
        const alpha = data[4 * k + 3]!;
        if (alpha === 0) continue;
        const i = (y0 + Math.floor(k / SIDE)) * width + x0 + (k % SIDE);
        const below = out[i]!;
        out[i] =
          alpha === 255 || below === 0
            ? words[k]!
            : below >>> 24 === 255
              ? blendOverOpaque(words[k]!, alpha, below)
              : blend(words[k]!, alpha, below);
      }
    }
    return out;
  }

  it("put each pixel where the symbol has it, opaque rows copied as runs and edges blended", () => {
    vi.stubGlobal(
      "ImageData",
      class {
        data: Uint8ClampedArray;
        constructor(width: number, height: number) {
          this.data = new Uint8ClampedArray(width * height * 4);
        }
      },
    );
    const [a, b] = [symbolPixels(40), symbolPixels(170)];
    const canvas = new PixelCanvas();
    canvas.begin(40, 30);
    // Centred at (x, y): the top-left corner is (x + 0.5 - half) rounded down, half = 4.
    canvas.stamp(stampFromPixels(a, SIDE), 10, 10);
    canvas.stamp(stampFromPixels(b, SIDE), 13, 12);
    const ctx = { putImageData: vi.fn() };
    canvas.end(ctx as unknown as CanvasRenderingContext2D);
    const image = ctx.putImageData.mock.calls[0]![0] as { data: Uint8ClampedArray };
    const pixels = new Int32Array(image.data.buffer);
    expect(Array.from(pixels)).toEqual(
      Array.from(
        reference(40, 30, [
          [a, 6, 6],
          [b, 9, 8],
        ]),
      ),
    );
    vi.unstubAllGlobals();
  });
});
