/**
 * Benchmarks of the recorded history (not part of `npm test`; run `npm run bench history`).
 * Targets from issue 16, each measured against a baseline in the same run:
 *
 * 1. one vehicle's 24 h replay load (the API's read of track, events and fence stays) ≤ 200 ms,
 *    against the same read of one hour;
 * 2. whole-fleet-at-time for 1,000 vehicles (where everyone was, and five minutes of fixes after)
 *    ≤ 200 ms, against one vehicle's frame;
 * 3. database size per vehicle-day, for a vehicle moving all day (a fix every 10 s);
 * 4. recording at 10,000 vehicles (needs `npm run build`): stream p99 delivery delay with the
 *    recording on, within 10 % of the same server and fleet with HISTORY_DAYS=0.
 *
 * 1 to 3 run in process on an embedded database in memory; 4 runs the production server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { Database } from "../lib/db/database";
import { DAY_MS, dayOf, historyQueries, type PositionRow } from "../lib/db/history";
import { migrate } from "../lib/db/migrate";
import * as schema from "../lib/db/schema";
import { DEFAULT_STATUS_THRESHOLDS } from "../lib/fleet/status";
import { fleetFrames, vehicleHistory } from "../lib/history/replay";
import { RecordedTrails } from "../lib/history/trails";
import { startNextServer } from "../scripts/lib/next-server";
import { spawnSimulator } from "../scripts/lib/simulator-process";
import { measureStreams, signIn, type StreamRun } from "./support/streams";
import { printRows, type BenchRow } from "./table";

const FLEET = Number(process.env.BENCH_HISTORY_FLEET ?? 1000);
const FLEET_HOURS = Number(process.env.BENCH_HISTORY_FLEET_HOURS ?? 1);
const RUNS = Number(process.env.BENCH_HISTORY_RUNS ?? 15);
const FIX_MS = 10_000;
const ROWS_PER_STATEMENT = 500;
const HOUR_MS = 3_600_000;
const rows: BenchRow[] = [];

const names = { vehicle: () => undefined, fences: [] };

function quantiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: q(0.5), p95: q(0.95) };
}

async function timed(runs: number, work: () => Promise<unknown>) {
  await work(); // warm: plans cached, pages read
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return quantiles(samples);
}

/** A vehicle driving all the time: a new fix every 10 s, a few metres on from the last. */
function drive(key: number, from: number, to: number): PositionRow[] {
  const out: PositionRow[] = [];
  for (let t = from, i = 0; t <= to; t += FIX_MS, i += 1) {
    out.push({
      t,
      key,
      lat: 3_340_000 + key * 37 + (i % 500) * 11,
      lng: -11_210_000 + key * 29 + Math.floor(i / 500) * 13,
      ageS: null,
      speedDkph: 400 + (i % 30),
      heading: (i * 7) % 360,
      status: 0,
    });
  }
  return out;
}

async function insert(db: Database, all: PositionRow[]) {
  const history = historyQueries(db);
  for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) {
    await history.insertPositions(all.slice(i, i + ROWS_PER_STATEMENT));
  }
}

async function inProcess() {
  const pglite = await PGlite.create();
  const db = drizzle(pglite, { schema }) as unknown as Database;
  await migrate(db, { log: () => {} });
  const history = historyQueries(db);
  const end = Math.floor(Date.now() / FIX_MS) * FIX_MS - 60_000;
  const dayStart = end - DAY_MS;
  await history.ensurePartitions("history_positions", [dayOf(dayStart), dayOf(end)]);
  await history.ensurePartitions("history_events", [dayOf(dayStart), dayOf(end)]);
  const coverage = await history.startCoverage(dayStart - HOUR_MS, end);
  await history.extendCoverage(coverage, end);

  const ids = Array.from({ length: FLEET }, (_, i) => ({
    deviceId: `V-${String(i).padStart(5, "0")}`,
    name: `Vehicle ${i}`,
  }));
  const keys = await history.deviceKeys(ids, end);
  const sizeBefore = await history.sizeBytes();
  const fleetFrom = end - FLEET_HOURS * HOUR_MS;
  const allRows: PositionRow[] = [];
  for (const [index, id] of ids.entries()) {
    // The first vehicle drives the whole day; the fleet the last FLEET_HOURS.
    allRows.push(...drive(keys.get(id.deviceId)!, index === 0 ? dayStart : fleetFrom, end));
  }
  // As the recorder writes them: poll after poll, in time order (what the BRIN index on t needs).
  allRows.sort((a, b) => a.t - b.t || a.key - b.key);
  const writeStarted = performance.now();
  await insert(db, allRows);
  const writeMs = performance.now() - writeStarted;
  await pglite.query("vacuum analyze");
  const sizeAfter = await history.sizeBytes();

  let upstreamCalls = 0;
  const trails = new RecordedTrails({
    database: async () => db,
    source: {
      gpsHistory: () => {
        upstreamCalls += 1;
        return Promise.reject(new Error("the bench has no FleetUp"));
      },
    },
    historyDays: 7,
    thresholds: DEFAULT_STATUS_THRESHOLDS,
  });
  const first = ids[0]!.deviceId;
  const day = await timed(RUNS, async () =>
    JSON.stringify(await vehicleHistory(db, trails, names, first, { from: dayStart, to: end })),
  );
  const hour = await timed(RUNS, async () =>
    JSON.stringify(
      await vehicleHistory(db, trails, names, first, { from: end - HOUR_MS, to: end }),
    ),
  );
  const dayBytes = JSON.stringify(
    await vehicleHistory(db, trails, names, first, { from: dayStart, to: end }),
  ).length;
  rows.push({
    bench: "history",
    case: `one vehicle's 24 h (${Math.round(DAY_MS / FIX_MS)} fixes, ${Math.round(dayBytes / 1024)} KiB JSON)`,
    metric: "replay load p50 (ms)",
    value: day.p50,
    baseline: hour.p50,
    baselineName: "the same read of 1 h",
    note: `p95 ${day.p95.toFixed(1)} ms; target ≤ 200 ms; FleetUp calls ${upstreamCalls}`,
  });

  const firstKey = keys.get(first)!;
  const rawDay = await timed(RUNS, () => history.track(firstKey, dayStart, end));
  rows.push({
    bench: "history",
    case: "one vehicle's 24 h: the track query alone",
    metric: "query p50 (ms)",
    value: rawDay.p50,
    baseline: day.p50,
    baselineName: "the whole replay load",
    note: `p95 ${rawDay.p95.toFixed(1)} ms`,
  });

  const at = end - 30 * 60_000;
  const still = { at, span: 1_000 };
  const fleet = await timed(RUNS, async () => JSON.stringify(await fleetFrames(db, names, still)));
  const atTime = await fleetFrames(db, names, still);
  const rawAt = await timed(RUNS, () => history.fleetAt(at));
  rows.push({
    bench: "history",
    case: `whole fleet at a time: ${atTime.start.length} vehicles`,
    metric: "fleet-at-time p50 (ms)",
    value: fleet.p50,
    baseline: rawAt.p50,
    baselineName: "its query alone",
    note: `p95 ${fleet.p95.toFixed(1)} ms; target ≤ 200 ms`,
  });
  const frame = { at, span: 5 * 60_000 };
  const framed = await timed(RUNS, async () => JSON.stringify(await fleetFrames(db, names, frame)));
  const frames = await fleetFrames(db, names, frame);
  rows.push({
    bench: "history",
    case: `a 5-min frame: ${frames.start.length} vehicles + ${frames.changes.length} fixes (all moving)`,
    metric: "frame load p50 (ms)",
    value: framed.p50,
    baseline: fleet.p50,
    baselineName: "fleet at a time",
    note: `p95 ${framed.p95.toFixed(1)} ms; replay asks one every 5 min of replayed time`,
  });

  const bytesPerRow = (sizeAfter - sizeBefore) / allRows.length;
  rows.push({
    bench: "history",
    case: `${allRows.length} positions written (${ROWS_PER_STATEMENT} a statement)`,
    metric: "bytes per vehicle-day, moving all day",
    value: bytesPerRow * (DAY_MS / FIX_MS),
    note: `${bytesPerRow.toFixed(1)} B a fix, tables and indexes; a parked vehicle adds none but a daily keyframe; write ${((allRows.length / writeMs) * 1000).toFixed(0)} rows/s`,
  });
  await pglite.close();
}

/**
 * The production server with a 10,000-vehicle simulated fleet in the day (most vehicles moving,
 * so every poll records thousands of rows), STREAMS clients, HISTORY_DAYS=0 then 7.
 */
async function recording() {
  const vehicles = Number(process.env.BENCH_HISTORY_VEHICLES ?? 10_000);
  const streams = Number(process.env.BENCH_HISTORY_STREAMS ?? 200);
  const seconds = Number(process.env.BENCH_HISTORY_SECONDS ?? 60);
  const pollS = 10;
  const port = Number(process.env.BENCH_PORT ?? 3390);
  const worldTime = process.env.BENCH_HISTORY_WORLD_TIME ?? "2026-03-03T18:00:00Z";
  const work = mkdtempSync(join(tmpdir(), "bench-history-"));
  const sim = await spawnSimulator(["--vehicles", String(vehicles), "--world-time", worldTime]);
  const runs: Partial<Record<"off" | "on", StreamRun>> = {};
  try {
    for (const mode of ["off", "on"] as const) {
      const server = await startNextServer({
        port,
        env: {
          SIMULATOR_URL: sim.url,
          FLEETUP_MODE: "simulator",
          // Every stream is the one signed-in bench session's.
          STREAMS_PER_SESSION: String(streams),
          USERS_FILE: join(work, "users.json"),
          DATABASE_DIR: join(work, `db-${mode}`),
          POLL_POSITIONS_S: String(pollS),
          HISTORY_DAYS: mode === "on" ? "7" : "0",
        },
      });
      try {
        await new Promise((resolve) => setTimeout(resolve, (pollS + 2) * 1000));
        const cookie = await signIn(server.url);
        runs[mode] = await measureStreams(
          server.url,
          cookie,
          server.process.pid!,
          streams,
          seconds,
          pollS,
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    await sim.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const [on, off] = [runs.on!, runs.off!];
  for (const [metric, value, baseline] of [
    ["p50 delivery delay (ms)", on.p50, off.p50],
    ["p99 delivery delay (ms)", on.p99, off.p99],
  ] as const) {
    rows.push({
      bench: "history recording",
      case: `${vehicles} vehicles, ${streams} streams, poll ${pollS} s, ${seconds} s`,
      metric,
      value,
      baseline,
      baselineName: "same run, HISTORY_DAYS=0",
      note: `${on.deliveries} / ${off.deliveries} deliveries; target p99 within 10 %`,
    });
  }
}

async function main() {
  if (process.env.BENCH_HISTORY_IN_PROCESS !== "0") await inProcess();
  if (process.env.BENCH_HISTORY_SERVER !== "0") await recording();
  printRows(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
