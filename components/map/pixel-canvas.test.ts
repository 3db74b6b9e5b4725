import { describe, expect, it } from "vitest";
import { blend, blendOverOpaque } from "./pixel-canvas";

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
