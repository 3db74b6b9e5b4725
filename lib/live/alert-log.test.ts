import { describe, expect, it } from "vitest";
import type { Alert } from "@/lib/fleet/types";
import { AlertLog } from "./alert-log";

const HOUR = 3_600_000;
const alert = (id: string, time: number): Alert => ({
  id,
  type: "speeding",
  severity: "warning",
  time,
});

describe("AlertLog", () => {
  it("keeps every alert of the last 24 hours, newest first", () => {
    const log = new AlertLog();
    const now = 100 * HOUR;
    log.add([alert("old", now - 23 * HOUR), alert("new", now - HOUR)], now);
    expect(log.recent(10).map((item) => item.id)).toEqual(["new", "old"]);
  });

  it("forgets alerts past the retention", () => {
    const log = new AlertLog(26 * HOUR);
    log.add([alert("a", 0)], HOUR);
    log.add([alert("b", 30 * HOUR)], 30 * HOUR);
    expect(log.recent(10).map((item) => item.id)).toEqual(["b"]);
    expect(log.size).toBe(1);
  });

  it("returns only alerts it has not seen before", () => {
    const log = new AlertLog();
    log.add([alert("a", 1)], 2);
    expect(log.add([alert("a", 1), alert("b", 2)], 3).map((item) => item.id)).toEqual(["b"]);
    expect(log.newestTime()).toBe(2);
  });
});
