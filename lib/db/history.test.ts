import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./database";
import {
  DAY_MS,
  dayOf,
  historyQueries,
  PARTITIONED_TABLES,
  type HistoryQueries,
  type PositionRow,
} from "./history";
import { createTestDatabase } from "@/e2e/support/test-database";

let handle: DatabaseHandle;
let history: HistoryQueries;
const T0 = Date.UTC(2026, 2, 3, 19, 0, 0);
const day = dayOf(T0);

beforeAll(async () => {
  handle = await createTestDatabase();
  history = historyQueries(handle.db);
});
afterAll(() => handle.close());

async function reset() {
  for (const table of PARTITIONED_TABLES) {
    for (const d of await history.partitionDays(table)) await history.dropPartition(table, d);
  }
  await handle.db.execute(
    sql.raw("truncate history_devices, history_coverage, history_backfills restart identity"),
  );
}

const row = (key: number, t: number, lat: number, lng: number, status = 0): PositionRow => ({
  t,
  key,
  lat,
  lng,
  ageS: null,
  speedDkph: 400,
  heading: 90,
  status,
});

describe("recorded positions", () => {
  beforeEach(reset);

  it("stores a day only once its partition exists, and forgets it by dropping the partition", async () => {
    const [a] = (await history.deviceKeys([{ deviceId: "A", name: "Van 1" }], T0)).values();
    await expect(history.insertPositions([row(a!, T0, 3345000, -11207000)])).rejects.toThrow();
    await history.ensurePartitions("history_positions", [day, day + 1]);
    await history.ensurePartitions("history_positions", [day]); // again: nothing happens
    await history.insertPositions([
      row(a!, T0, 3345000, -11207000),
      row(a!, T0 + DAY_MS, 3345100, -11207000),
    ]);
    expect(await history.partitionDays("history_positions")).toEqual([day, day + 1]);
    await history.dropPartition("history_positions", day);
    expect(await history.partitionDays("history_positions")).toEqual([day + 1]);
    expect((await history.track(a!, T0 - 1000, T0 + DAY_MS)).map((p) => p.t)).toEqual([
      T0 + DAY_MS,
    ]);
  });

  it("keeps the same device under the same key, and a name given later", async () => {
    const first = await history.deviceKeys([{ deviceId: "A" }, { deviceId: "B" }], T0);
    const again = await history.deviceKeys([{ deviceId: "B", name: "Truck 2" }], T0 + 1000);
    expect(again.get("B")).toBe(first.get("B"));
    expect(await history.findDevices(["B"])).toEqual([
      { key: first.get("B"), deviceId: "B", name: "Truck 2" },
    ]);
  });

  it("answers a track from `from` to `to`, led by where the vehicle was at `from`", async () => {
    await history.ensurePartitions("history_positions", [day]);
    const keys = await history.deviceKeys([{ deviceId: "A" }, { deviceId: "B" }], T0);
    const a = keys.get("A")!;
    const b = keys.get("B")!;
    await history.insertPositions([
      row(a, T0, 1, 1),
      row(a, T0 + 10_000, 2, 2),
      row(a, T0 + 20_000, 3, 3),
      row(a, T0 + 30_000, 4, 4),
      row(b, T0 + 15_000, 9, 9),
    ]);
    // A row stored twice (a backfill overlapping the recording) is kept once.
    await history.insertPositions([row(a, T0 + 20_000, 3, 3)]);
    const track = await history.track(a, T0 + 15_000, T0 + 30_000);
    expect(track.map((p) => [p.t - T0, p.lat])).toEqual([
      [10_000, 2],
      [20_000, 3],
      [30_000, 4],
    ]);
    expect(track[0]).toMatchObject({ speedDkph: 400, heading: 90, status: 0, ageS: null });
  });

  it("knows where every device was at a time, and what changed after it", async () => {
    await history.ensurePartitions("history_positions", [day - 1, day]);
    const keys = await history.deviceKeys(
      [{ deviceId: "A", name: "Van 1" }, { deviceId: "B" }, { deviceId: "C" }],
      T0,
    );
    const [a, b, c] = ["A", "B", "C"].map((id) => keys.get(id)!);
    await history.insertPositions([
      row(a!, T0 - 60_000, 1, 1),
      row(a!, T0 + 10_000, 2, 2),
      // B's keyframe of the day: its fix is an hour old.
      { ...row(b!, T0 - 3_600_000, 5, 5, 2), ageS: 7_200 },
      row(c!, T0 + 5_000, 7, 7),
    ]);
    const at = await history.fleetAt(T0);
    expect(at.map((p) => [p.deviceId, p.lat, p.ageS]).sort()).toEqual([
      ["A", 1, null],
      ["B", 5, 7_200],
    ]);
    expect(at.find((p) => p.deviceId === "A")?.name).toBe("Van 1");
    const changes = await history.fleetChanges(T0, T0 + 60_000, 10);
    expect(changes.map((p) => [p.key, p.t - T0])).toEqual([
      [c, 5_000],
      [a, 10_000],
    ]);
    expect(await history.fleetChanges(T0, T0 + 60_000, 1)).toHaveLength(1);
  });

  it("keeps positions to 1e-5 degrees and reports its size", async () => {
    await history.ensurePartitions("history_positions", [day]);
    const [a] = (await history.deviceKeys([{ deviceId: "A" }], T0)).values();
    await history.insertPositions([row(a!, T0, -3345678, 17999999)]);
    const [stored] = await history.track(a!, T0, T0);
    expect([stored!.lat / 1e5, stored!.lng / 1e5]).toEqual([-33.45678, 179.99999]);
    expect(await history.sizeBytes()).toBeGreaterThan(0);
  });
});

describe("recorded events", () => {
  beforeEach(reset);

  it("stores each event once and answers a device's or everyone's, by kind", async () => {
    await history.ensurePartitions("history_events", [day]);
    const alert = {
      t: T0,
      kind: "alert" as const,
      ref: "AL1",
      deviceId: "A",
      data: { type: "speeding" },
    };
    await history.insertEvents([
      alert,
      {
        t: T0 + 1_000,
        kind: "status",
        ref: "B",
        deviceId: "B",
        data: { from: "moving", to: "offline" },
      },
    ]);
    await history.insertEvents([alert]);
    expect(await history.events(T0 - 1, T0 + 5_000)).toHaveLength(2);
    expect(await history.events(T0 - 1, T0 + 5_000, { deviceId: "A" })).toEqual([alert]);
    const statuses = await history.events(T0 - 1, T0 + 5_000, { kinds: ["status"] });
    expect(statuses.map((e) => e.data)).toEqual([{ from: "moving", to: "offline" }]);
  });
});

describe("coverage and backfill claims", () => {
  beforeEach(reset);

  it("extends a span of recording and answers the spans touching a window", async () => {
    const id = await history.startCoverage(T0, T0);
    await history.extendCoverage(id, T0 + 60_000);
    await history.extendCoverage(id, T0 + 30_000); // never moves back
    await history.startCoverage(T0 + 600_000, T0 + 610_000);
    expect(await history.coverage(T0 + 10_000, T0 + 20_000)).toEqual([
      { from: T0, to: T0 + 60_000 },
    ]);
    expect(await history.coverage(T0 - 1, T0 + 700_000)).toHaveLength(2);
  });

  it("lets one caller claim a span; a failed one may be claimed again after a while", async () => {
    const span = { from: T0 - 3_600_000, to: T0 };
    expect(await history.claimBackfill("A", span, T0, T0 - 600_000)).toBe(true);
    expect(await history.claimBackfill("A", span, T0 + 1, T0 - 600_000)).toBe(false);
    await history.finishBackfill("A", span.from, { state: "failed", points: 0 });
    expect(await history.claimBackfill("A", span, T0 + 2, T0 - 600_000)).toBe(false);
    expect(await history.claimBackfill("A", span, T0 + 700_000, T0 + 100_000)).toBe(true);
    await history.finishBackfill("A", span.from, { state: "done", points: 12 });
    expect(await history.claimBackfill("A", span, T0 + 9e6, T0 + 9e6)).toBe(false);
    expect(await history.backfills("A", T0 - 60_000, T0)).toEqual([
      { ...span, state: "done", askedAt: T0 + 700_000 },
    ]);
  });

  it("prunes spans, claims and devices older than the horizon", async () => {
    await history.startCoverage(T0 - 9 * DAY_MS, T0 - 8 * DAY_MS);
    await history.claimBackfill("A", { from: T0 - 9 * DAY_MS, to: T0 - 8 * DAY_MS }, T0, T0);
    await history.deviceKeys([{ deviceId: "OLD" }], T0 - 8 * DAY_MS);
    await history.deviceKeys([{ deviceId: "NEW" }], T0);
    await history.pruneBefore(T0 - 7 * DAY_MS);
    expect(await history.coverage(0, T0)).toEqual([]);
    expect(await history.backfills("A", 0, T0)).toEqual([]);
    expect((await history.allDevices()).map((d) => d.deviceId)).toEqual(["NEW"]);
  });
});
