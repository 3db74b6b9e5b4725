import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { initialWork } from "@/lib/fleet/alert-work";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { Position } from "@/lib/fleet/types";
import { FleetState } from "./fleet-state";
import { FleetMirror } from "./mirror";

/** The production schedule: lib/env.ts's defaults. */
const intervals = parseEnv({}).live.intervals;
const T0 = Date.UTC(2026, 10, 28, 12);
const fix = (deviceId: string, lat: number): Position => ({
  deviceId,
  lat,
  lng: -112,
  fixTime: T0,
});

describe("FleetMirror", () => {
  it("rebuilds the leader's snapshot from its deltas", () => {
    const leader = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
    const mirror = new FleetMirror(() => T0 + 3);
    for (const [index, positions] of [[fix("a", 33)], [fix("a", 33.1), fix("b", 34)]].entries()) {
      expect(mirror.apply(leader.succeeded({ feed: "positions", positions }, T0 + index))).toBe(
        "applied",
      );
    }
    const expected = leader.snapshot(T0 + 3);
    expect(mirror.snapshot()).toMatchObject({ version: expected.version, stale: false });
    expect(mirror.snapshot().vehicles).toEqual(expected.vehicles);
  });

  it("serves its own status thresholds, then those of the leader that derived every status", () => {
    const own = parseEnv({ STATUS_OLD_FIX_S: "60" }).live.thresholds;
    const leaders = parseEnv({ STATUS_OLD_FIX_S: "20", STATUS_OFFLINE_AFTER_S: "90" }).live;
    const mirror = new FleetMirror(() => T0, own);
    expect(mirror.snapshot().thresholds).toEqual(own);
    mirror.load(new FleetState(intervals, leaders.thresholds).snapshot(T0));
    expect(mirror.snapshot().thresholds).toEqual({
      movingKph: 3,
      oldFixAfterMs: 20_000,
      offlineAfterMs: 90_000,
    });
  });

  it("ignores a delta it already holds and reports a gap when one was missed", () => {
    const leader = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
    const mirror = new FleetMirror();
    const first = leader.succeeded({ feed: "positions", positions: [fix("a", 33)] }, T0);
    leader.succeeded({ feed: "positions", positions: [fix("a", 33.1)] }, T0 + 1);
    const third = leader.succeeded({ feed: "positions", positions: [fix("a", 33.2)] }, T0 + 2);
    expect(mirror.apply(first)).toBe("applied");
    expect(mirror.apply(first)).toBe("old");
    expect(mirror.apply(third)).toBe("gap");
    expect(mirror.vehicle("a")?.lat).toBe(33);
    mirror.load(leader.snapshot(T0 + 2));
    expect(mirror.vehicle("a")?.lat).toBe(33.2);
  });

  it("turns stale by itself when the leader goes quiet for three intervals", () => {
    let now = T0;
    const leader = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
    const mirror = new FleetMirror(() => now);
    mirror.apply(leader.succeeded({ feed: "positions", positions: [fix("a", 33)] }, T0));
    now = T0 + 25_000;
    expect(mirror.staleness().stale).toBe(false);
    now = T0 + 31_000;
    expect(mirror.staleness()).toEqual({
      stale: true,
      reason: "Lost contact with the instance that polls FleetUp",
    });
    mirror.apply(leader.succeeded({ feed: "positions", positions: [fix("a", 33)] }, now));
    expect(mirror.staleness().stale).toBe(false);
  });

  it("serves the alert work the leader publishes, with its alerts", () => {
    const leader = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
    const mirror = new FleetMirror(() => T0);
    const alert = { id: "x", type: "speeding", severity: "warning" as const, time: T0 };
    mirror.apply(leader.succeeded({ feed: "alerts", alerts: [alert] }, T0));
    const work = {
      ...initialWork(alert),
      state: "resolved" as const,
      version: 1,
      resolvedBy: "a@b.c",
    };
    expect(mirror.apply(leader.applyWork([work], T0 + 1)!)).toBe("applied");
    expect(mirror.findAlert("x")).toEqual(alert);
    expect(mirror.alertWorkList()).toEqual([work]);
    expect(mirror.snapshot().alertWork).toEqual([work]);
    const fresh = new FleetMirror(() => T0);
    fresh.load(mirror.snapshot());
    expect(fresh.alertWorkList()).toEqual([work]);
  });
});
