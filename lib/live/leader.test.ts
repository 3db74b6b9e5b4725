import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { Alert, Position } from "@/lib/fleet/types";
import { FleetState } from "./fleet-state";
import { newRunAfterTakeover, takeOver } from "./leader";
import { FleetMirror } from "./mirror";

const NOW = Date.UTC(2026, 2, 3, 19);

describe("newRunAfterTakeover", () => {
  it("continues the versions when the new leader holds the latest one published", () => {
    expect(newRunAfterTakeover(5_000, 5_000, NOW)).toBeUndefined();
  });

  it("starts a new run above every version used when Redis lost which was the latest", () => {
    expect(newRunAfterTakeover(5_000, undefined, NOW)).toBe(NOW);
  });

  it("starts a new run when the predecessor published versions this instance never received", () => {
    expect(newRunAfterTakeover(5_000, 5_004, NOW)).toBe(NOW);
    expect(newRunAfterTakeover(NOW + 10, NOW + 12, NOW)).toBe(NOW + 13);
  });
});

describe("takeOver (a follower becomes the poller)", () => {
  const intervals = parseEnv({}).live.intervals;
  const T0 = Date.UTC(2026, 10, 28, 12);
  const fix = (lat: number): Position => ({ deviceId: "a", lat, lng: -112, fixTime: T0 });
  const speeding = (id: string, time: number): Alert => ({
    id,
    deviceId: "a",
    type: "speeding",
    severity: "warning",
    time,
  });

  /** The old leader's first `polls` versions, and a follower's mirror that got `received` of them. */
  function handOver(polls: number, received = polls) {
    const old = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
    old.startAt(T0 - 60_000);
    const mirror = new FleetMirror(() => T0);
    mirror.load(old.snapshot(T0));
    for (let poll = 0; poll < polls; poll += 1) {
      const delta = old.succeeded({ feed: "positions", positions: [fix(33 + poll / 100)] }, T0);
      if (poll < received) mirror.apply(delta);
    }
    return { old, mirror, state: new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS) };
  }

  it("continues the versions when it holds the latest: its first poll is the next version, with the fleet already shown", () => {
    const { old, mirror, state } = handOver(3);
    const held = mirror.currentVersion;
    expect(takeOver(mirror, state, { archived: [], latest: old.currentVersion, now: T0 })).toBe(
      "continued",
    );
    expect(mirror.currentVersion).toBe(held);
    expect(state.vehicle("a")?.lat).toBe(33.02);
    const next = state.succeeded({ feed: "positions", positions: [fix(34)] }, T0 + 1_000);
    expect(next.version).toBe(held + 1);
    expect(mirror.apply(next)).toBe("applied");
  });

  it("starts a new run above every version used when it missed some, and its mirror loads it whole", () => {
    const { old, mirror, state } = handOver(3, 2);
    const latest = old.currentVersion;
    expect(takeOver(mirror, state, { archived: [], latest, now: T0 })).toBe("new run");
    expect(mirror.currentVersion).toBeGreaterThan(latest);
    expect(state.currentVersion).toBe(mirror.currentVersion);
    expect(mirror.vehicle("a")?.lat).toBe(33.01);
    const next = state.succeeded({ feed: "positions", positions: [fix(34)] }, T0 + 1_000);
    expect(mirror.apply(next)).toBe("applied");
  });

  it("numbers the versions of a deployment's first leader from the clock", () => {
    const state = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
    const mirror = new FleetMirror(() => T0);
    expect(takeOver(mirror, state, { archived: [], latest: undefined, now: T0 })).toBe("first");
    expect(mirror.currentVersion).toBe(T0);
    expect(state.currentVersion).toBe(T0);
  });

  it("keeps the archived alerts beyond the snapshot's, so FleetUp's next answer raises none of them again", () => {
    const { old, mirror, state } = handOver(1);
    const archived = [speeding("old-1", T0 - 3_600_000), speeding("old-2", T0 - 1_800_000)];
    takeOver(mirror, state, { archived, latest: old.currentVersion, now: T0 });
    const answer = state.succeeded({ feed: "alerts", alerts: archived }, T0 + 1_000);
    expect(answer.alerts ?? []).toEqual([]);
  });
});
