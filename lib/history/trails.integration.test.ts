import { afterAll, describe, expect, it } from "vitest";
import { historyQueries } from "@/lib/db/history";
import { createTestDatabase } from "@/e2e/support/test-database";
import type { FeedName } from "@/lib/fleet/live";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import { createFleetUpClient } from "@/lib/fleetup";
import { simConfig, startTestSimulator, type TestSimulator } from "@/e2e/support/test-sim";
import { FleetState } from "@/lib/live/fleet-state";
import { Scheduler } from "@/lib/live/scheduler";
import { fleetUpSource } from "@/lib/live/source";
import { Recorder } from "./recorder";
import { RecordedTrails } from "./trails";

const intervals: Record<FeedName, number> = {
  positions: 1_000,
  trips: 2_000,
  alerts: 2_000,
  fences: 60_000,
  devices: 60_000,
};

const until = async (done: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return done();
};

/** One deployment: the poller, its recording and its trails, on its own simulator and database. */
async function deployment() {
  const sim = await startTestSimulator(["--rate-limit", "50", "--vehicles", "20"]);
  const handle = await createTestDatabase();
  const source = fleetUpSource(
    createFleetUpClient(simConfig(sim.url, { maxRequestsPerSecond: 50 })),
  );
  const state = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
  const recorder = new Recorder({
    database: async () => handle.db,
    vehicles: () => state.snapshot(Date.now()).vehicles,
    vehicle: (id) => state.vehicle(id),
    trips: () => [],
    positionsIntervalMs: intervals.positions,
    historyDays: 7,
  });
  const scheduler = new Scheduler(source, state, (delta) => recorder.observe(delta), {
    intervals,
    backfillMs: 3_600_000,
  });
  const trails = new RecordedTrails({
    database: async () => handle.db,
    source,
    historyDays: 7,
    thresholds: DEFAULT_STATUS_THRESHOLDS,
  });
  return { sim, handle, state, recorder, scheduler, trails };
}

type Deployment = Awaited<ReturnType<typeof deployment>>;

/**
 * "Trails come from the recording": two deployments side by side, the same fleet, the same
 * schedule; on one a single person opens 20 vehicles' trails, on the other 200 people each open
 * one of those 20. FleetUp (the simulator, counting every request by path) sees the same calls
 * from both, within one poll: the polls, and one /gpsdata ask per span the recording did not
 * cover (the hour before it began), never one per person and never one for a recorded time.
 */
describe("trails with 1 and with 200 people", { timeout: 90_000 }, () => {
  const running: Deployment[] = [];
  afterAll(async () => {
    for (const d of running) {
      d.scheduler.stop();
      d.recorder.stop();
      await d.handle.close();
      await d.sim.stop();
    }
  });

  it("cost FleetUp the same calls, and no trail asks for a recorded time", async () => {
    const [one, many] = await Promise.all([deployment(), deployment()]);
    running.push(one, many);
    const sims: TestSimulator[] = [one.sim, many.sim];
    await Promise.all(sims.map((sim) => sim.resetStats()));
    one.scheduler.start();
    many.scheduler.start();
    const recorded = async (d: Deployment) =>
      (await historyQueries(d.handle.db).coverage(0, Date.now() + 60_000)).some(
        (span) => span.to > span.from,
      );
    expect(await until(async () => (await recorded(one)) && (await recorded(many)), 20_000)).toBe(
      true,
    );
    const vehicles = one.state.vehicleIds().slice(0, 20);
    expect(vehicles).toHaveLength(20);

    const open = async () => {
      await Promise.all([
        // One person opening 20 vehicles (as a dashboard with 20 tabs would, all at once)…
        Promise.all(vehicles.map((id) => one.trails.get(id))),
        // …and 200 people, each opening one of them.
        Promise.all(Array.from({ length: 200 }, (_, i) => many.trails.get(vehicles[i % 20]!))),
      ]);
    };
    await open();
    // Every span asked from FleetUp has arrived and been stored, on both.
    const backfilled = async (d: Deployment) =>
      (
        await Promise.all(
          vehicles.map((id) => d.trails.track(id, Date.now() - 3_600_000, Date.now())),
        )
      ).every((track) => !track.backfilling);
    expect(
      await until(async () => (await backfilled(one)) && (await backfilled(many)), 40_000),
    ).toBe(true);
    // Opened again a few polls later: the trails come from the database alone.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await open();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    one.scheduler.stop();
    many.scheduler.stop();

    const [a, b] = await Promise.all(sims.map((sim) => sim.stats()));
    const paths = new Set([...Object.keys(a!.byPath), ...Object.keys(b!.byPath)]);
    const count = (stats: typeof a, path: string) =>
      Object.values(stats!.byPath[path] ?? {}).reduce((sum, n) => sum + n, 0);
    for (const path of paths) {
      // Within one poll: the two schedules may be one tick apart when they stop.
      expect(Math.abs(count(a, path) - count(b, path)), path).toBeLessThanOrEqual(1);
    }
    // The hour before the recording began, cut at the hour: one or two asks per vehicle, on both.
    const asks = count(a, "/gpsdata");
    expect(asks).toBeGreaterThanOrEqual(20);
    expect(asks).toBeLessThanOrEqual(40);
    expect(count(b, "/gpsdata")).toBe(asks);

    // No span asked from FleetUp overlaps what the recording covered.
    for (const d of [one, many]) {
      const history = historyQueries(d.handle.db);
      const [first] = await history.coverage(0, Date.now() + 60_000);
      for (const id of vehicles) {
        for (const claim of await history.backfills(id, 0, Date.now() + 60_000)) {
          expect(claim.state).toBe("done");
          expect(claim.to).toBeLessThanOrEqual(first!.from);
        }
      }
    }
  });
});
