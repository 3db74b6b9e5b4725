import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/database";
import { DAY_MS, dayOf, historyQueries, PARTITIONED_TABLES } from "@/lib/db/history";
import { createTestDatabase } from "@/e2e/support/test-database";
import type { FeedName } from "@/lib/fleet/live";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { Position, Trip } from "@/lib/fleet/types";
import { FleetState } from "@/lib/live/fleet-state";
import { Recorder } from "./recorder";
import { fenceEvent } from "./rows";

const intervals: Record<FeedName, number> = {
  positions: 10_000,
  trips: 30_000,
  alerts: 30_000,
  fences: 600_000,
  devices: 600_000,
};
const T0 = Date.UTC(2026, 2, 3, 19, 0, 0);

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());
beforeEach(async () => {
  const history = historyQueries(handle.db);
  for (const table of PARTITIONED_TABLES) {
    for (const day of await history.partitionDays(table)) await history.dropPartition(table, day);
  }
  await handle.db.execute(
    sql.raw("truncate history_devices, history_coverage, history_backfills restart identity"),
  );
});

const fix = (id: string, lat: number, t: number, speedKph = 40): Position => ({
  deviceId: id,
  lat,
  lng: -112.07,
  speedKph,
  headingDeg: 90,
  fixTime: t,
});

/** A poller's state and a recorder fed by it, at a clock the test moves. */
function rig(options: { historyDays?: number; rowsPerStatement?: number } = {}) {
  let now = T0;
  const state = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
  const recorder = new Recorder({
    database: async () => handle.db,
    vehicles: () => state.snapshot(now).vehicles,
    vehicle: (id) => state.vehicle(id),
    trips: () => state.snapshot(now).trips,
    positionsIntervalMs: intervals.positions,
    writeDelayMs: 0,
    historyDays: options.historyDays ?? 7,
    rowsPerStatement: options.rowsPerStatement,
    now: () => now,
  });
  return {
    recorder,
    at(t: number) {
      now = t;
    },
    poll(positions: Position[]) {
      recorder.observe(state.succeeded({ feed: "positions", positions }, now));
    },
    trips(trips: Trip[]) {
      recorder.observe(state.succeeded({ feed: "trips", trips }, now));
    },
    async track(id: string, from = T0 - DAY_MS, to = T0 + DAY_MS) {
      await recorder.drained();
      const history = historyQueries(handle.db);
      const [device] = await history.findDevices([id]);
      return device ? history.track(device.key, from, to) : [];
    },
  };
}

describe("the recorder", () => {
  it("records each fix once, a standing vehicle not again, and a keyframe of everyone once a day", async () => {
    const r = rig();
    r.poll([fix("A", 33.1, T0 - 5_000), fix("B", 33.2, T0 - 600_000, 0)]);
    r.at(T0 + 10_000);
    r.poll([fix("A", 33.10001, T0 + 8_000), fix("B", 33.2, T0 - 600_000, 0)]);
    r.at(T0 + 20_000);
    r.poll([fix("A", 33.10001, T0 + 8_000), fix("B", 33.2, T0 - 600_000, 0)]);
    const a = await r.track("A");
    const b = await r.track("B");
    // A: its first fix, the day's keyframe (taken with the first poll), its second fix.
    expect(a.map((row) => [row.t - T0, row.lat, row.ageS])).toEqual([
      [-5_000, 3310000, null],
      [0, 3310000, 5],
      [8_000, 3310001, null],
    ]);
    // B never moved: its fix, and the keyframe saying how old that fix was.
    expect(b.map((row) => [row.t - T0, row.ageS, row.status])).toEqual([
      [-600_000, null, 2],
      [0, 600, 2],
    ]);
    r.at(T0 + DAY_MS);
    r.poll([fix("A", 33.10001, T0 + 8_000), fix("B", 33.2, T0 - 600_000, 0)]);
    expect((await r.track("B")).map((row) => row.t - T0)).toEqual([-600_000, 0, DAY_MS]);
  });

  it("records status changes, trip starts and ends, and alerts as events", async () => {
    const r = rig();
    r.poll([fix("A", 33.1, T0)]);
    const trip: Trip = { id: "A:1", deviceId: "A", startTime: T0 - 60_000, distanceM: 100 };
    r.trips([trip]);
    r.at(T0 + 10_000);
    r.poll([fix("A", 33.11, T0 + 10_000, 0)]);
    r.trips([]);
    await r.recorder.drained();
    const events = await historyQueries(handle.db).events(T0 - DAY_MS, T0 + DAY_MS);
    expect(events.map((e) => [e.kind, e.ref, e.t - T0])).toEqual([
      ["trip_start", "A:1", -60_000],
      ["status", "A", 10_000],
      ["trip_end", "A:1", 10_000],
    ]);
    expect(events[1]!.data).toMatchObject({ from: "moving", to: "stopped" });
    expect(events[2]!.data).toMatchObject({ distanceM: 100, end: [33.11, -112.07] });
  });

  it("records fence entries and exits with the poll's positions (two vehicles in one fence at once too)", async () => {
    const r = rig();
    r.poll([fix("A", 33.1, T0), fix("B", 33.2, T0)]);
    r.recorder.addEvents([
      fenceEvent("fence_enter", { fenceId: "F-1", fenceName: "Depot", deviceId: "A" }, T0),
      fenceEvent("fence_enter", { fenceId: "F-1", fenceName: "Depot", deviceId: "B" }, T0),
    ]);
    expect(await r.track("A")).toHaveLength(1); // its fix (the day's keyframe is the same row)
    const events = await historyQueries(handle.db).events(T0 - DAY_MS, T0 + DAY_MS);
    expect(events.map((e) => [e.kind, e.deviceId, e.data])).toEqual([
      ["fence_enter", "A", { fenceId: "F-1", fenceName: "Depot" }],
      ["fence_enter", "B", { fenceId: "F-1", fenceName: "Depot" }],
    ]);
    expect(r.recorder.stats.failures).toBe(0);
  });

  it("covers each recorded poll with a span, and starts a new span after a gap", async () => {
    const r = rig();
    for (const t of [0, 10_000, 20_000, 90_000, 100_000]) {
      r.at(T0 + t);
      r.poll([fix("A", 33.1, T0 + t)]);
    }
    await r.recorder.drained();
    expect(await historyQueries(handle.db).coverage(0, T0 + DAY_MS)).toEqual([
      { from: T0, to: T0 + 20_000 },
      { from: T0 + 90_000, to: T0 + 100_000 },
    ]);
  });

  it("writes a poll in statements of a few rows, and keeps only HISTORY_DAYS whole days", async () => {
    const r = rig({ historyDays: 2, rowsPerStatement: 10 });
    const fleet = (t: number) =>
      Array.from({ length: 25 }, (_, i) => fix(`V${i}`, 33 + i / 100, t));
    r.poll(fleet(T0 - 3 * DAY_MS)); // older than two days: not kept
    r.poll(fleet(T0 - DAY_MS));
    await r.recorder.drained();
    // 25 fixes and 25 keyframes: five statements of ten.
    expect(r.recorder.stats.statementMs).toHaveLength(5);
    expect(r.recorder.stats.rows).toBe(50);
    r.at(T0 + 3 * DAY_MS);
    r.poll(fleet(T0 + 3 * DAY_MS));
    await r.recorder.drained();
    const days = await historyQueries(handle.db).partitionDays("history_positions");
    expect(Math.min(...days)).toBeGreaterThanOrEqual(dayOf(T0 + 3 * DAY_MS) - 2);
  });
});
