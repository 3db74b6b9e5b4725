/**
 * Benchmarks of the live fleet service (not part of `npm test`; run `npm run bench`). Needs a
 * production build (`npm run build`). Each figure is measured against a baseline in the same run:
 *
 * 1. snapshot requests per second, against a plain node:http server serving the same bytes;
 * 2. 1,000 and 10,000 concurrent stream clients: server memory per stream and delivery delay,
 *    against a plain node:http server replaying the same frames to as many clients;
 * 3. bytes per delta against the number of changed vehicles;
 * 4. stream delivery with a database write every poll at 10,000 vehicles, against the same run
 *    without writes.
 */
import { request as httpRequest, createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { decodeSnapshot, encodeDelta, type WireSnapshot } from "../lib/fleet/wire";
import { parseEnv } from "../lib/env";
import { FleetState } from "../lib/live/fleet-state";
import { DEFAULT_STATUS_THRESHOLDS } from "../lib/fleet/status";
import type { Position } from "../lib/fleet/types";
import { startNextServer } from "../scripts/lib/next-server";
import { PROJECT_ROOT, spawnSimulator } from "../scripts/lib/simulator-process";
import { recordFrames, startReplay } from "./support/replay";
import { measureStreams, reconnectStorm, signIn, type StreamRun } from "./support/streams";
import { printRows, type BenchRow } from "./table";
import { simControl } from "../e2e/support/sim-control";

const VEHICLES = Number(process.env.BENCH_VEHICLES ?? 1000);
const PORT = Number(process.env.BENCH_PORT ?? 3390);
/** The stream counts measured; the database-write bench uses the first. */
const STREAM_COUNTS = (process.env.BENCH_STREAMS ?? "1000,10000").split(",").map(Number);
const STREAMS = STREAM_COUNTS[0]!;
const STORM = Number(process.env.BENCH_STORM ?? 1000);
/** The bench's streams all share one session: lift the per-session and per-instance limits. */
const STREAM_LIMITS = {
  STREAMS_PER_SESSION: String(Math.max(...STREAM_COUNTS, STORM)),
  STREAMS_MAX: String(Math.max(2000, ...STREAM_COUNTS, STORM) * 2),
};
const rows: BenchRow[] = [];

/** Requests per second from `connections` keep-alive clients over `seconds`. */
async function load(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
) {
  const { Agent } = await import("node:http");
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let done = 0;
  let failed = 0;
  const deadline = Date.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = httpRequest(url, { agent, headers }, (res: IncomingMessage) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode === 200) done += 1;
          else failed += 1;
          resolve();
        });
      });
      req.on("error", () => {
        failed += 1;
        resolve();
      });
      req.end();
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) await one();
    }),
  );
  agent.destroy();
  return { rps: done / seconds, failed };
}

/** What a browser sends: every coding it can read. */
const BROWSER_CODINGS = "gzip, deflate, br, zstd";

async function snapshotThroughput(base: string, cookie: string) {
  const get = (coding: string) =>
    fetch(`${base}/api/fleet/snapshot`, { headers: { cookie, "accept-encoding": coding } });
  const plainResponse = await get("identity");
  const bytes = Buffer.from(await plainResponse.arrayBuffer());
  const vehicles = decodeSnapshot(JSON.parse(bytes.toString()) as WireSnapshot).vehicles.length;
  const br = brotliCompressSync(bytes);
  const plain = createServer((req, res) => {
    const brotli = /\bbr\b/.test(req.headers["accept-encoding"] ?? "");
    res.writeHead(200, {
      "content-type": "application/json",
      ...(brotli ? { "content-encoding": "br" } : {}),
    });
    res.end(brotli ? br : bytes);
  });
  await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
  const headers = { cookie, "accept-encoding": BROWSER_CODINGS };
  // Each after a second of warming up (JIT, connections, the session verified once).
  const measured = async (url: string, seconds = 5) => {
    await load(url, headers, 32, 1);
    return load(url, headers, 32, seconds);
  };
  const empty = await measured(`${base}/api/bench/empty`);
  const ours = await measured(`${base}/api/fleet/snapshot`);
  const copying = await measured(plainUrl);
  plain.close();
  const coded = Number((await get(BROWSER_CODINGS)).headers.get("content-length") ?? NaN);
  const size = `${vehicles} vehicles, ${(bytes.length / 1024).toFixed(0)} KiB (br ${(br.length / 1024).toFixed(0)} KiB)`;
  rows.push({
    bench: "snapshot",
    case: `${size}, 32 connections, ${ours.failed} failed`,
    metric: "requests/s",
    value: ours.rps,
    baseline: empty.rps,
    baselineName: "empty route handler, same build",
    goal: { atLeast: 0.67, of: "ratio" },
    note: `plain node:http, same bytes: ${copying.rps.toFixed(0)}/s`,
  });
  rows.push({
    bench: "snapshot",
    case: size,
    metric: "bytes per vehicle (wire JSON)",
    value: bytes.length / vehicles,
    goal: { atMost: 100 },
    note: Number.isNaN(coded) ? "" : `br on the wire: ${(coded / vehicles).toFixed(1)}`,
  });
  const etag = (await get(BROWSER_CODINGS)).headers.get("etag") ?? "";
  const notModified = await load(
    `${base}/api/fleet/snapshot`,
    { ...headers, "if-none-match": etag },
    32,
    3,
  );
  rows.push({
    bench: "snapshot",
    case: "If-None-Match (304)",
    metric: "requests/s",
    value: notModified.rps,
    baseline: empty.rps,
    baselineName: "empty route handler, same build",
  });
}

async function streams(base: string, cookie: string, serverPid: number, count: number) {
  const run = await measureStreams(base, cookie, serverPid, count, 12);
  // The floor: the same frames copied to as many sockets by a plain node:http server.
  const recording = await recordFrames(base, cookie, 12);
  const work = mkdtempSync(join(tmpdir(), "bench-replay-"));
  const replay = await startReplay(recording, PORT + 7, work);
  let floor: StreamRun;
  try {
    floor = await measureStreams(replay.url, "", replay.process.pid!, count, 12);
  } finally {
    await replay.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const big = count === Math.max(...STREAM_COUNTS);
  const baselineName = "plain node:http, same frames";
  rows.push({
    bench: "stream",
    case: `${run.connected}/${count} clients connected`,
    metric: "server memory per stream (KiB)",
    value: run.memoryPerStreamKiB,
    baseline: floor.memoryPerStreamKiB,
    baselineName,
    goal: { atMost: 20 },
  });
  const perDelta = recording.deltas.length
    ? recording.deltas.reduce((sum, { frame }) => sum + frame.length, 0) / recording.deltas.length
    : 0;
  for (const [metric, value, baseline, goal] of [
    ["p50 delivery delay (ms)", run.p50, floor.p50, undefined],
    ["p99 delivery delay (ms)", run.p99, floor.p99, big ? { atMost: 150 } : undefined],
  ] as const) {
    rows.push({
      bench: "stream",
      case: `${count} streams, ${VEHICLES} vehicles: ${run.deliveries} deliveries in 12 s`,
      metric,
      value,
      baseline,
      baselineName,
      goal,
      note: `deltas of ${(perDelta / 1024).toFixed(1)} KiB; the floor made ${floor.deliveries} deliveries`,
    });
  }
}

async function storm(base: string, cookie: string, simUrl: string) {
  // After a deployment every screen reconnects at once, holding a version of the server before.
  const current = decodeSnapshot(
    (await (
      await fetch(`${base}/api/fleet/snapshot`, { headers: { cookie } })
    ).json()) as WireSnapshot,
  ).version;
  const calls = async () => (await simControl(simUrl).stats()).total;
  const callsBefore = await calls();
  const started = Date.now();
  const storm = await reconnectStorm(base, cookie, STORM, current, current - 100_000);
  const seconds = (Date.now() - started) / 1000;
  const failed = Object.entries(storm.failed).map(([status, n]) => `${n}× ${status}`);
  rows.push({
    bench: "stream",
    case: `reconnect storm: ${STORM} within a second, ${storm.current} current, ${failed.join(", ") || "none failed"}`,
    metric: "until the last has current data (ms)",
    value: storm.current === STORM ? storm.lastCurrentMs : NaN,
    goal: { atMost: 5000 },
    note: `${(await calls()) - callsBefore} FleetUp calls in those ${seconds.toFixed(1)} s (the schedule: positions every 2 s)`,
  });
}

type WriteStats = {
  polls: number;
  rows: number;
  pollWriteMs: number[];
  statementMs: number[];
  failures: number;
};

/**
 * PGlite runs in the server's thread. Does a database write on every poll (10,000 rows, as
 * recorded history of a 10,000-vehicle fleet would write) delay what 1,000 streams receive? The
 * same server and fleet measured without the writes and then with them
 * (bench/support/poll-writes.mjs, loaded into the server only for that run). Two fleets: 10,000
 * vehicles, as the question is asked; and 1,000 vehicles with the same 10,000-row writes, because
 * at 10,000 vehicles the streams alone (2.6 MB first snapshots, about 350 KB per delta even at
 * night, times 1,000) saturate a small machine and drown what the writes add.
 */
async function databaseWrites() {
  const fleets = (process.env.BENCH_DB_FLEETS ?? "1000,10000").split(",").map(Number);
  const pollS = Number(process.env.BENCH_DB_POLL_S ?? 10);
  const seconds = Number(process.env.BENCH_DB_SECONDS ?? 60);
  // The fleet lives a night (3 a.m. in Phoenix): most vehicles are parked, so each poll's delta is
  // as small as it gets; the writes record every vehicle every poll regardless.
  const worldTime = process.env.BENCH_DB_WORLD_TIME ?? "2026-03-03T10:00:00Z";
  for (const vehicles of fleets) {
    const work = mkdtempSync(join(tmpdir(), "bench-db-writes-"));
    const sim = await spawnSimulator(["--vehicles", String(vehicles), "--world-time", worldTime]);
    const runs: Record<string, StreamRun & { writes?: WriteStats }> = {};
    try {
      for (const mode of ["without writes", "with writes"] as const) {
        const statsFile = join(work, "write-stats.json");
        const hook = join(PROJECT_ROOT, "bench", "support", "poll-writes.mjs");
        const server = await startNextServer({
          port: PORT,
          env: {
            ...serverEnv(sim.url, pollS),
            USERS_FILE: join(work, "users.json"),
            DATABASE_DIR: join(work, `db-${mode.replace(/ /g, "-")}`),
            ...(mode === "with writes"
              ? {
                  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${hook}`.trim(),
                  BENCH_POLL_WRITES_STATS: statsFile,
                }
              : {}),
          },
        });
        try {
          await new Promise((resolve) => setTimeout(resolve, (pollS + 2) * 1000));
          const cookie = await signIn(server.url);
          const pid = server.process.pid!;
          const run = await measureStreams(server.url, cookie, pid, STREAMS, seconds, pollS);
          const writes =
            mode === "with writes"
              ? (JSON.parse(readFileSync(statsFile, "utf8")) as WriteStats)
              : undefined;
          runs[mode] = { ...run, writes };
        } finally {
          await server.stop();
        }
      }
    } finally {
      await sim.stop();
      rmSync(work, { recursive: true, force: true });
    }
    databaseWriteRows(vehicles, pollS, seconds, runs["without writes"]!, runs["with writes"]!);
  }
}

function databaseWriteRows(
  vehicles: number,
  pollS: number,
  seconds: number,
  without: StreamRun,
  withWrites: StreamRun & { writes?: WriteStats },
) {
  const label = `${vehicles} vehicles, ${STREAMS} streams, poll ${pollS} s, ${seconds} s`;
  for (const [metric, value, baseline] of [
    ["p50 delivery delay (ms)", withWrites.p50, without.p50],
    ["p99 delivery delay (ms)", withWrites.p99, without.p99],
  ] as const) {
    rows.push({
      bench: "db writes",
      case: `${label}, 10,000-row write every poll`,
      metric,
      value,
      baseline,
      baselineName: "same run without writes",
      note: `${withWrites.deliveries} / ${without.deliveries} deliveries`,
    });
  }
  const writes = withWrites.writes;
  if (!writes) return;
  const statements = [...writes.statementMs].sort((a, b) => a - b);
  rows.push({
    bench: "db writes",
    case: `${vehicles} vehicles: ${writes.polls} polls, ${writes.rows} rows, ${writes.failures} failed`,
    metric: "write per poll (ms, mean)",
    value: writes.pollWriteMs.reduce((sum, ms) => sum + ms, 0) / Math.max(writes.polls, 1),
    note: `${process.env.BENCH_WRITE_ROWS ?? 500} rows per statement`,
  });
  rows.push({
    bench: "db writes",
    case: `${vehicles} vehicles: ${statements.length} statements`,
    metric: "longest statement (ms): the thread held",
    value: statements.at(-1) ?? NaN,
    note: `p50 ${(statements[Math.floor(statements.length / 2)] ?? NaN).toFixed(1)} ms`,
  });
}

/** In-process: a delta's size on the wire against how many of 10,000 vehicles changed. */
function deltaBytes() {
  /** The production schedule: lib/env.ts's defaults. */
  const intervals = parseEnv({}).live.intervals;
  const fleet = (moved: number, t: number): Position[] =>
    Array.from({ length: 10_000 }, (_, index) => ({
      deviceId: `213NW2026${String(index).padStart(6, "0")}`,
      lat: 33.4 + ((index * 37) % 4000) / 10_000 + (index < moved ? 0.001 * t : 0),
      lng: -112.2 + ((index * 53) % 6000) / 10_000,
      speedKph: index < moved ? 40 + (index % 30) : 0,
      headingDeg: index < moved ? (index * 13) % 360 : 0,
      fixTime: 1_800_000_000_000 + (index < moved ? t * 10_000 : 0),
    }));
  const state = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
  state.succeeded({ feed: "positions", positions: fleet(0, 0) }, 1_800_000_000_000);
  let t = 1;
  for (const changed of [1, 10, 100, 1000, 10_000]) {
    const held = new Map(
      state.snapshot(1_800_000_000_000).vehicles.map((vehicle) => [vehicle.id, vehicle]),
    );
    const delta = state.succeeded(
      { feed: "positions", positions: fleet(changed, t) },
      1_800_000_000_000 + t * 10_000,
    );
    t += 1;
    const wire = JSON.stringify(encodeDelta(delta, (id) => held.get(id)));
    rows.push({
      bench: "delta",
      case: `${changed} of 10,000 vehicles moved`,
      metric: "bytes per changed vehicle",
      value: wire.length / changed,
      baseline: JSON.stringify(delta).length / changed,
      baselineName: "as JSON objects",
      goal: changed >= 10 ? { atMost: 60 } : undefined,
      note: `${wire.length} bytes, gzip ${gzipSync(wire).length}`,
    });
  }
}

/** What every bench server runs with: the simulator, the lifted stream limits, a poll interval. */
function serverEnv(simUrl: string, pollS: number): Record<string, string> {
  return {
    SIMULATOR_URL: simUrl,
    FLEETUP_MODE: "simulator",
    ...STREAM_LIMITS,
    POLL_POSITIONS_S: String(pollS),
  };
}

/** Runs `part` against the production server on the simulator's VEHICLES, signed in. */
async function withServer(
  part: (url: string, cookie: string, pid: number, simUrl: string) => Promise<void>,
) {
  const sim = await spawnSimulator(["--vehicles", String(VEHICLES)]);
  const server = await startNextServer({
    port: PORT,
    env: {
      ...serverEnv(sim.url, 2),
      USERS_FILE: "test-results/bench-users.json",
      DATABASE_DIR: "test-results/bench-db",
      BENCH_PAGES: "1",
    },
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await part(server.url, await signIn(server.url), server.process.pid!, sim.url);
  } finally {
    await server.stop();
    await sim.stop();
  }
}

/** `npx tsx bench/live-service.ts [delta] [snapshot] [stream] [storm] [db-writes]`: all by default. */
async function main() {
  const only = process.argv.slice(2);
  const wanted = (name: string) => only.length === 0 || only.includes(name);
  if (wanted("delta")) deltaBytes();
  // A fresh server for each part, so one's memory and load do not weigh on the next.
  if (wanted("snapshot")) await withServer((url, cookie) => snapshotThroughput(url, cookie));
  if (wanted("stream")) {
    for (const count of STREAM_COUNTS) {
      await withServer((url, cookie, pid) => streams(url, cookie, pid, count));
    }
  }
  if (wanted("storm")) await withServer((url, cookie, _pid, simUrl) => storm(url, cookie, simUrl));
  try {
    if (wanted("db-writes")) await databaseWrites();
  } finally {
    // What was measured is printed even when a later part fails.
    printRows(rows);
  }
}

void main();
