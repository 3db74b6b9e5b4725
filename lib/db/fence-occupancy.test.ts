import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./database";
import { fenceOccupancyQueries, type FenceOccupancyQueries } from "./fence-occupancy";
import { lastLookQueries } from "./last-looks";
import { emptyTables, createTestDatabase } from "@/e2e/support/test-database";
import { userQueries } from "./users";

let handle: DatabaseHandle;
let visits: FenceOccupancyQueries;
const T0 = Date.UTC(2026, 2, 3, 19, 0, 0);

beforeAll(async () => {
  handle = await createTestDatabase();
  visits = fenceOccupancyQueries(handle.db);
});
afterAll(() => handle.close());
beforeEach(() => emptyTables(handle.db));

const stay = (deviceId: string, enteredAt: number, exitedAt: number | null = null) => ({
  fenceId: "F1",
  deviceId,
  enteredAt,
  exitedAt,
  source: "positions" as const,
  restricted: false,
});

describe("fence stays", () => {
  it("opens, closes and lists stays; a stay already held is kept as it is", async () => {
    await visits.addVisits([stay("A", T0), stay("B", T0 + 1_000)]);
    await visits.addVisits([stay("A", T0)]);
    await visits.closeVisits([{ fenceId: "F1", deviceId: "A", exitedAt: T0 + 60_000 }]);
    expect((await visits.openVisits()).map((v) => v.deviceId)).toEqual(["B"]);
    expect(await visits.visitsSince(T0 + 30_000)).toEqual([
      { ...stay("A", T0, T0 + 60_000), dwellAlertedAt: null },
      { ...stay("B", T0 + 1_000), dwellAlertedAt: null },
    ]);
    expect(await visits.deviceVisits("A", T0 + 70_000, T0 + 80_000)).toEqual([]);
    expect(await visits.deviceVisits("A", T0 + 50_000, T0 + 80_000)).toHaveLength(1);
  });

  it("marks a stay's dwell alert once, and moves its start to FleetUp's earlier entry", async () => {
    await visits.addVisits([stay("A", T0)]);
    await visits.markDwellAlerted([{ fenceId: "F1", deviceId: "A", enteredAt: T0 }], T0 + 5);
    await visits.markDwellAlerted([{ fenceId: "F1", deviceId: "A", enteredAt: T0 }], T0 + 9);
    await visits.enteredEarlier({ fenceId: "F1", deviceId: "A", enteredAt: T0 }, T0 - 4_000);
    expect(await visits.openVisits()).toEqual([
      { ...stay("A", T0 - 4_000), dwellAlertedAt: T0 + 5 },
    ]);
  });

  it("stores each fence's dwell limit, removes it with null, and prunes old stays", async () => {
    await visits.setDwellLimit("F1", 1_800, "admin@example.com", T0);
    await visits.setDwellLimit("F2", 600, "admin@example.com", T0);
    await visits.setDwellLimit("F2", null, "admin@example.com", T0 + 1);
    expect(await visits.dwellLimits()).toEqual(new Map([["F1", 1_800]]));
    await visits.addVisits([stay("A", T0 - 9e8, T0 - 8e8), stay("B", T0 - 9e8)]);
    await visits.pruneBefore(T0 - 1e8);
    expect((await visits.visitsSince(0)).map((v) => v.deviceId)).toEqual(["B"]);
  });
});

describe("last looks", () => {
  it("remembers a user's latest look, never moving it back, and ignores a stranger", async () => {
    const looks = lastLookQueries(handle.db);
    await userQueries(handle.db).insertNew([
      {
        email: "ann@example.com",
        role: "dispatcher",
        createdAt: new Date(T0),
        updatedAt: new Date(T0),
      },
    ]);
    expect(await looks.find("ann@example.com")).toBeUndefined();
    await looks.record("ann@example.com", T0);
    await looks.record("ann@example.com", T0 - 5_000);
    await looks.record("nobody@example.com", T0);
    expect(await looks.find("ann@example.com")).toBe(T0);
    expect(await looks.find("nobody@example.com")).toBeUndefined();
  });
});
