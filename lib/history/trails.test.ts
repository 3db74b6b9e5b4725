import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/database";
import { dayOf, historyQueries, PARTITIONED_TABLES } from "@/lib/db/history";
import { createTestDatabase } from "@/e2e/support/test-database";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { Position } from "@/lib/fleet/types";
import { missingPieces, RecordedTrails } from "./trails";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 3, 19, 0, 0);

describe("missingPieces", () => {
  it("is nothing when the recording covers the window", () => {
    expect(missingPieces(T0, T0 + HOUR, [{ from: T0 - 1, to: T0 + HOUR }], [])).toEqual([]);
  });

  it("cuts the time before the recording started at hour boundaries", () => {
    expect(
      missingPieces(T0 - HOUR, T0 + HOUR, [{ from: T0 + 600_000, to: T0 + HOUR }], []),
    ).toEqual([
      { from: T0 - HOUR, to: T0 },
      { from: T0, to: T0 + 600_000 },
    ]);
  });

  it("fills an outage between two spans, but not one still going on, nor a few seconds", () => {
    const recorded = [
      { from: T0, to: T0 + 600_000 },
      { from: T0 + 600_020, to: T0 + 900_000 },
      { from: T0 + 1_200_000, to: T0 + 1_500_000 },
    ];
    expect(missingPieces(T0, T0 + 1_800_000, recorded, [])).toEqual([
      { from: T0 + 900_000, to: T0 + 1_200_000 },
    ]);
  });

  it("leaves out what was claimed already", () => {
    expect(
      missingPieces(
        T0 - HOUR,
        T0 + HOUR,
        [{ from: T0, to: T0 + HOUR }],
        [{ from: T0 - HOUR, to: T0 - 1_800_000 }],
      ),
    ).toEqual([{ from: T0 - 1_800_000, to: T0 }]);
  });
});

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

/** FleetUp's /gpsdata as a test double: counts the asks, answers a fix a minute. */
function fakeGps(fail = false) {
  const asks: Array<{ deviceId: string; from: number; to: number; priority?: string }> = [];
  return {
    asks,
    gpsHistory: async (deviceId: string, from: number, to: number, priority?: string) => {
      asks.push({ deviceId, from, to, priority });
      if (fail) throw new Error("FleetUp is down");
      const fixes: Position[] = [];
      for (let t = Math.ceil(from / 60_000) * 60_000; t <= to; t += 60_000) {
        fixes.push({ deviceId, lat: 33 + (t - T0) / 1e9, lng: -112, speedKph: 30, fixTime: t });
      }
      return fixes;
    },
  };
}

async function recordedFrom(start: number, end: number) {
  const history = historyQueries(handle.db);
  await history.startCoverage(start, end);
  const key = (await history.deviceKeys([{ deviceId: "A" }], start)).get("A")!;
  await history.ensurePartitions("history_positions", [dayOf(start)]);
  await history.insertPositions([
    {
      t: start + 5_000,
      key,
      lat: 3345000,
      lng: -11207000,
      ageS: null,
      speedDkph: 0,
      heading: null,
      status: 2,
    },
  ]);
}

function trails(source: ReturnType<typeof fakeGps>, now: { t: number }) {
  return new RecordedTrails({
    database: async () => handle.db,
    source,
    historyDays: 7,
    thresholds: DEFAULT_STATUS_THRESHOLDS,
    now: () => now.t,
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("recorded trails", () => {
  it("never asks FleetUp for a time the recording covers", async () => {
    await recordedFrom(T0 - 2 * HOUR, T0);
    const source = fakeGps();
    const trail = await trails(source, { t: T0 }).get("A");
    expect(source.asks).toEqual([]);
    expect(trail.points).toEqual([]); // its one fix is older than the hour
    expect(trail.backfilling).toBeUndefined();
  });

  it("asks once, at background priority, for the time before the recording began", async () => {
    await recordedFrom(T0, T0 + 1_800_000);
    const source = fakeGps();
    const now = { t: T0 + 1_800_000 };
    const first = await trails(source, now).get("A");
    expect(first.backfilling).toBe(true);
    expect(source.asks).toEqual([
      { deviceId: "A", from: T0 - HOUR, to: T0, priority: "background" },
    ]);
    await settle();
    now.t += 5_000; // another instance, later: the span is claimed and stored
    const again = await trails(source, now).get("A");
    expect(source.asks).toHaveLength(1);
    expect(again.backfilling).toBeUndefined();
    // The stored fixes of the last hour from before the recording (one a minute), then the
    // recorded one.
    const asked = again.points.filter(([, , t]) => t <= T0);
    expect(asked.length).toBe(30);
    expect(asked.every(([, , t]) => t >= now.t - HOUR && t % 60_000 === 0)).toBe(true);
    expect(again.points.at(-1)).toEqual([33.45, -112.07, T0 + 5_000]);
  });

  it("asks again for a span whose ask failed, but only after ten minutes", async () => {
    await recordedFrom(T0, T0 + 1_800_000);
    const now = { t: T0 + 1_800_000 };
    const failing = fakeGps(true);
    await trails(failing, now).get("A");
    await settle();
    now.t += 60_000;
    await trails(failing, now).get("A");
    expect(failing.asks).toHaveLength(1);
    now.t += 10 * 60_000;
    const working = fakeGps();
    await trails(working, now).get("A");
    expect(working.asks.map((ask) => ask.from)).toEqual([T0 - HOUR]);
  });

  it("lets many people opening one vehicle at once share one read and one ask", async () => {
    await recordedFrom(T0, T0 + 1_800_000);
    const source = fakeGps();
    const shared = trails(source, { t: T0 + 1_800_000 });
    await Promise.all(Array.from({ length: 200 }, () => shared.get("A")));
    expect(source.asks).toHaveLength(1);
  });
});
