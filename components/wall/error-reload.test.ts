import { describe, expect, it } from "vitest";
import {
  ERROR_RELOAD_MAX_S,
  ERROR_STREAK_RESET_MS,
  planErrorReload,
  readStreak,
} from "./error-reload";

const NOW = Date.UTC(2026, 2, 3, 12);

describe("a wall screen's reload after a render error", () => {
  it("waits the base delay after a first error", () => {
    expect(planErrorReload(undefined, NOW, 10)).toEqual({
      delayS: 10,
      next: { count: 1, at: NOW },
    });
  });

  it("doubles the wait for each error right after a reload, up to five minutes", () => {
    let streak = undefined as ReturnType<typeof readStreak>;
    const delays: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const plan = planErrorReload(streak, NOW + i * 1000, 10);
      delays.push(plan.delayS);
      streak = plan.next;
    }
    expect(delays).toEqual([10, 20, 40, 80, 160, ERROR_RELOAD_MAX_S, 300, 300]);
  });

  it("starts again once the screen went a quarter of an hour without an error", () => {
    const streak = { count: 5, at: NOW };
    expect(planErrorReload(streak, NOW + ERROR_STREAK_RESET_MS - 1, 10).delayS).toBe(300);
    expect(planErrorReload(streak, NOW + ERROR_STREAK_RESET_MS, 10)).toEqual({
      delayS: 10,
      next: { count: 1, at: NOW + ERROR_STREAK_RESET_MS },
    });
  });

  it("does not trust a streak stamped in the future (a clock set back)", () => {
    expect(planErrorReload({ count: 4, at: NOW + 60_000 }, NOW, 10).delayS).toBe(10);
  });

  it("uses the screen's own base delay", () => {
    expect(planErrorReload(undefined, NOW, 3).delayS).toBe(3);
    expect(planErrorReload({ count: 2, at: NOW }, NOW, 3).delayS).toBe(12);
  });

  it("reads back only a streak it wrote; anything else starts a new one", () => {
    expect(readStreak(JSON.stringify({ count: 2, at: NOW }))).toEqual({ count: 2, at: NOW });
    for (const stored of [null, "", "{", "[]", '{"count":-1,"at":1}', '{"count":1.5,"at":1}']) {
      expect(readStreak(stored), String(stored)).toBeUndefined();
    }
    expect(readStreak('{"count":1,"at":"soon"}')).toBeUndefined();
  });
});
