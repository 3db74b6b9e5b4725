import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/lib/db/database";
import { fenceOccupancyQueries } from "@/lib/db/fence-occupancy";
import type { EventRow } from "@/lib/db/history";
import { createTestDatabase, emptyTables } from "@/e2e/support/test-database";
import type { FeedName } from "@/lib/fleet/live";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { Alert, Fence, Position } from "@/lib/fleet/types";
import { FleetState } from "@/lib/live/fleet-state";
import { OccupancyMonitor } from "./occupancy";

const intervals: Record<FeedName, number> = {
  positions: 10_000,
  trips: 30_000,
  alerts: 30_000,
  fences: 600_000,
  devices: 600_000,
};
const T0 = Date.UTC(2026, 2, 3, 19, 0, 0);
const DEPOT: Fence = {
  id: "F1",
  name: "Central Depot",
  kind: "circle",
  center: [33.45, -112.07],
  radiusM: 300,
};
const ZONE: Fence = {
  id: "F2",
  name: "Restricted - Zone",
  kind: "polygon",
  points: [
    [33.5, -112.2],
    [33.5, -112.1],
    [33.6, -112.1],
    [33.6, -112.2],
  ],
};
const YARD: Fence = { id: "F3", name: "Yard (no shape)", kind: "unknown" };
const INSIDE = 33.45;
const OUTSIDE = 33.47;

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());
beforeEach(() => emptyTables(handle.db));

const fix = (id: string, lat: number, t: number, lng = -112.07): Position => ({
  deviceId: id,
  lat,
  lng,
  speedKph: 0,
  fixTime: t,
});

function rig(state = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS)) {
  let now = T0;
  const raised: Alert[] = [];
  const events: EventRow[] = [];
  const monitor = new OccupancyMonitor({
    database: async () => handle.db,
    fences: () => state.snapshot(now).fences,
    vehicles: () => state.snapshot(now).vehicles,
    vehicle: (id) => state.vehicle(id),
    raise: (alerts) => raised.push(...alerts),
    onEvents: (rows) => events.push(...rows),
    keepDays: 7,
    now: () => now,
  });
  const feed = (update: Parameters<FleetState["succeeded"]>[0]) =>
    monitor.observe(state.succeeded(update, now));
  feed({ feed: "fences", fences: [DEPOT, ZONE, YARD] });
  return {
    state,
    monitor,
    raised,
    events,
    at(t: number) {
      now = t;
    },
    async poll(positions: Position[]) {
      feed({ feed: "positions", positions });
      await monitor.settled();
    },
    async alerts(alerts: Alert[]) {
      feed({ feed: "alerts", alerts });
      await monitor.settled();
    },
  };
}

const stays = () => fenceOccupancyQueries(handle.db).visitsSince(0);

describe("fence occupancy", () => {
  it("opens a stay when a vehicle is seen inside a fence and closes it when seen outside", async () => {
    const r = rig();
    await r.poll([fix("A", OUTSIDE, T0)]);
    r.at(T0 + 10_000);
    await r.poll([fix("A", INSIDE, T0 + 9_000)]);
    expect(await stays()).toMatchObject([
      { fenceId: "F1", deviceId: "A", enteredAt: T0 + 9_000, exitedAt: null },
    ]);
    r.at(T0 + 20_000);
    await r.poll([fix("A", OUTSIDE, T0 + 19_000)]);
    expect(await stays()).toMatchObject([{ enteredAt: T0 + 9_000, exitedAt: T0 + 19_000 }]);
    expect(r.events.map((e) => [e.kind, e.t - T0, e.data.fenceName])).toEqual([
      ["fence_enter", 9_000, "Central Depot"],
      ["fence_exit", 19_000, "Central Depot"],
    ]);
  });

  it("marks a stay in a restricted zone as such", async () => {
    const r = rig();
    await r.poll([fix("A", 33.55, T0, -112.15)]);
    expect(await stays()).toMatchObject([{ fenceId: "F2", restricted: true }]);
  });

  it("raises one 'dwell exceeded' alert past the fence's limit, not again after a new leader", async () => {
    await fenceOccupancyQueries(handle.db).setDwellLimit("F1", 600, "admin@example.com", T0);
    const r = rig();
    await r.poll([fix("A", INSIDE, T0)]);
    r.at(T0 + 590_000);
    await r.poll([fix("A", INSIDE, T0)]);
    expect(r.raised).toEqual([]);
    r.at(T0 + 610_000);
    await r.poll([fix("A", INSIDE, T0)]);
    expect(r.raised).toMatchObject([
      {
        deviceId: "A",
        type: "dwell_exceeded",
        severity: "warning",
        fenceId: "F1",
        fenceName: "Central Depot",
        time: T0 + 610_000,
        message: "A has been in Central Depot for 10 min (limit 10 min)",
      },
    ]);
    expect(r.raised[0]!.id).toMatch(/^[A-Za-z0-9._-]+$/);
    r.at(T0 + 700_000);
    await r.poll([fix("A", INSIDE, T0)]);
    expect(r.raised).toHaveLength(1);
    // A new leader carries on from the stored stays: same stay, already alerted.
    const next = rig(r.state);
    next.at(T0 + 800_000);
    await next.poll([fix("A", INSIDE, T0)]);
    expect(next.raised).toEqual([]);
    expect(await stays()).toHaveLength(1);
  });

  it("takes a fence without a shape from FleetUp's fence alerts", async () => {
    const r = rig();
    const alert = (type: string, t: number): Alert => ({
      id: `${type}-${t}`,
      deviceId: "A",
      type,
      severity: "info",
      time: t,
      fenceId: "F3",
      fenceName: YARD.name,
    });
    await r.alerts([alert("fence_enter", T0 - 60_000)]);
    expect(await stays()).toMatchObject([{ fenceId: "F3", source: "fleetup", exitedAt: null }]);
    await r.poll([fix("A", OUTSIDE, T0)]); // positions say nothing about a shapeless fence
    expect(await stays()).toMatchObject([{ exitedAt: null }]);
    await r.alerts([alert("fence_exit", T0 + 60_000)]);
    expect(await stays()).toMatchObject([{ exitedAt: T0 + 60_000 }]);
  });

  it("reconciles with FleetUp's alerts: an earlier entry, and a crossing between two polls", async () => {
    const r = rig();
    const alert = (type: string, t: number, device = "A"): Alert => ({
      id: `${type}-${device}-${t}`,
      deviceId: device,
      type,
      severity: "info",
      time: t,
      fenceId: "F1",
      fenceName: DEPOT.name,
    });
    await r.poll([fix("A", INSIDE, T0), fix("B", OUTSIDE, T0)]);
    await r.alerts([
      alert("fence_enter", T0 - 4_000),
      alert("fence_enter", T0 - 8_000, "B"),
      alert("fence_exit", T0 - 2_000, "B"),
    ]);
    expect(await stays()).toMatchObject([
      { deviceId: "B", enteredAt: T0 - 8_000, exitedAt: T0 - 2_000, source: "fleetup" },
      { deviceId: "A", enteredAt: T0 - 4_000, exitedAt: null, source: "positions" },
    ]);
  });
});
