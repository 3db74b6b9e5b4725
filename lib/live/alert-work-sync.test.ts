import { afterEach, describe, expect, it, vi } from "vitest";
import { initialWork, type AlertWork } from "@/lib/fleet/alert-work";
import { AlertWorkSync, type AlertWorkSource } from "./alert-work-sync";

const T0 = Date.UTC(2026, 2, 3, 19);
const work = (id: string): AlertWork => ({ ...initialWork({ id, time: T0 }), version: 1 });

afterEach(() => vi.useRealTimers());

function source(overrides: Partial<AlertWorkSource> = {}) {
  const calls: string[] = [];
  const fake: AlertWorkSource = {
    since: async (from) => (calls.push(`since ${from}`), [work("a"), work("b")]),
    changedWithin: async (seconds) => (calls.push(`changed ${seconds}`), [work("c")]),
    ...overrides,
  };
  return { fake, calls };
}

describe("AlertWorkSync", () => {
  it("reads the whole window at start, then what changed lately, every period", async () => {
    vi.useFakeTimers();
    const { fake, calls } = source();
    const applied: string[][] = [];
    const sync = new AlertWorkSync(fake, (rows) => applied.push(rows.map((w) => w.alertId)), {
      windowMs: 26 * 3_600_000,
      everyMs: 10_000,
      now: () => T0,
    });
    await sync.start();
    await vi.advanceTimersByTimeAsync(10_000);
    sync.stop();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toEqual([`since ${T0 - 26 * 3_600_000}`, "changed 30"]);
    expect(applied).toEqual([["a", "b"], ["c"]]);
  });

  it("reads the whole window again after a read failed (the database was away)", async () => {
    vi.useFakeTimers();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    let fail = false;
    const { fake, calls } = source({
      changedWithin: async () => {
        calls.push("changed");
        if (fail) throw new Error("gone");
        return [];
      },
    });
    const sync = new AlertWorkSync(fake, () => {}, {
      windowMs: 1000,
      everyMs: 1000,
      now: () => T0,
    });
    await sync.start();
    fail = true;
    await vi.advanceTimersByTimeAsync(1000);
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    sync.stop();
    expect(calls).toEqual([`since ${T0 - 1000}`, "changed", `since ${T0 - 1000}`]);
  });
});
