/**
 * Benchmarks of the live fleet service (not part of `npm test`; run `npm run bench`). Needs a
 * production build (`npm run build`). Each figure is measured against a baseline in the same run:
 *
 * 1. snapshot requests per second, against a plain node:http server serving the same bytes;
 * 2. 1,000 concurrent stream clients: server memory per stream and p99 delivery delay;
 * 3. bytes per delta against the number of changed vehicles;
 * 4. stream delivery with a database write every poll at 10,000 vehicles, against the same run
 *    without writes.
 */
import { request as httpRequest, createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parseEnv } from "../lib/env";
import { FleetState } from "../lib/live/fleet-state";
import { DEFAULT_STATUS_THRESHOLDS } from "../lib/fleet/status";
import type { Position } from "../lib/fleet/types";
import { startNextServer } from "../scripts/lib/next-server";
import { PROJECT_ROOT, spawnSimulator } from "../scripts/lib/simulator-process";
import { measureStreams, signIn, type StreamRun } from "./support/streams";
import { printRows, type BenchRow } from "./table";

const VEHICLES = Number(process.env.BENCH_VEHICLES ?? 1000);
const PORT = Number(process.env.BENCH_PORT ?? 3390);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
/** The bench's streams all share one session: lift the per-session and per-instance limits. */
const STREAM_LIMITS = {
  STREAMS_PER_SESSION: String(STREAMS),
  STREAMS_MAX: String(Math.max(2000, STREAMS * 2)),
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

async function snapshotThroughput(base: string, cookie: string) {
  const bytes = Buffer.from(
    await (await fetch(`${base}/api/fleet/snapshot`, { headers: { cookie } })).arrayBuffer(),
  );
  const gz = gzipSync(bytes);
  const plain = createServer((req, res) => {
    const gzip = /gzip/.test(req.headers["accept-encoding"] ?? "");
    res.writeHead(200, {
      "content-type": "application/json",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    res.end(gzip ? gz : bytes);
  });
  await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
  const headers = { cookie, "accept-encoding": "gzip" };
  const ours = await load(`${base}/api/fleet/snapshot`, headers, 32, 5);
  const baseline = await load(plainUrl, headers, 32, 5);
  plain.close();
  rows.push({
    bench: "snapshot",
    case: `${VEHICLES} vehicles, ${(bytes.length / 1024).toFixed(0)} KiB (gzip ${(gz.length / 1024).toFixed(0)} KiB), 32 connections`,
    metric: "requests/s",
    value: ours.rps,
    baseline: baseline.rps,
    baselineName: "plain node:http, same bytes",
  });
  const etag =
    (await fetch(`${base}/api/fleet/snapshot`, { headers: { cookie } })).headers.get("etag") ?? "";
  const notModified = await load(
    `${base}/api/fleet/snapshot`,
    { cookie, "if-none-match": etag },
    32,
    3,
  );
  rows.push({
    bench: "snapshot",
    case: "If-None-Match (304)",
    metric: "requests/s",
    value: notModified.rps,
  });
  // The framework's floor on this machine: the cheapest route, no session, a tiny body.
  const floor = await load(`${base}/api/health`, {}, 32, 3);
  rows.push({
    bench: "snapshot",
    case: "GET /api/health (framework floor)",
    metric: "requests/s",
    value: floor.rps,
  });
}

async function streams(base: string, cookie: string, serverPid: number) {
  const run = await measureStreams(base, cookie, serverPid, STREAMS, 12);
  rows.push({
    bench: "stream",
    case: `${run.connected}/${STREAMS} clients connected`,
    metric: "server memory per stream (KiB)",
    value: run.memoryPerStreamKiB,
  });
  for (const [metric, value] of [
    ["p50 delivery delay (ms)", run.p50],
    ["p99 delivery delay (ms)", run.p99],
  ] as const) {
    rows.push({ bench: "stream", case: `${run.deliveries} deliveries in 12 s`, metric, value });
  }
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
            SIMULATOR_URL: sim.url,
            FLEETUP_MODE: "simulator",
            ...STREAM_LIMITS,
            USERS_FILE: join(work, "users.json"),
            DATABASE_DIR: join(work, `db-${mode.replace(/ /g, "-")}`),
            POLL_POSITIONS_S: String(pollS),
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

/** In-process: delta size as a function of how many of 10,000 vehicles changed. */
function deltaBytes() {
  /** The production schedule: lib/env.ts's defaults. */
  const intervals = parseEnv({}).live.intervals;
  const fleet = (moved: number, t: number): Position[] =>
    Array.from({ length: 10_000 }, (_, index) => ({
      deviceId: `DEV${String(index).padStart(6, "0")}`,
      lat: 33.4 + index * 1e-5 + (index < moved ? 0.001 * t : 0),
      lng: -112 + index * 1e-5,
      speedKph: index < moved ? 40 : 0,
      headingDeg: 90,
      fixTime: 1_800_000_000_000 + (index < moved ? t * 10_000 : 0),
    }));
  const state = new FleetState(intervals, DEFAULT_STATUS_THRESHOLDS);
  state.succeeded({ feed: "positions", positions: fleet(0, 0) }, 1_800_000_000_000);
  const full = JSON.stringify(state.snapshot(1_800_000_000_000)).length;
  let t = 1;
  for (const changed of [0, 1, 10, 100, 1000, 10_000]) {
    const delta = state.succeeded(
      { feed: "positions", positions: fleet(changed, t) },
      1_800_000_000_000 + t * 10_000,
    );
    t += 1;
    const json = JSON.stringify(delta);
    rows.push({
      bench: "delta",
      case: `${changed} of 10,000 vehicles changed`,
      metric: "delta bytes",
      value: json.length,
      baseline: full,
      baselineName: "full snapshot bytes",
      note: `gzip ${gzipSync(json).length}`,
    });
  }
}

/** `npx tsx bench/live-service.ts [snapshot] [stream] [delta] [db-writes]`: all by default. */
async function main() {
  const only = process.argv.slice(2);
  const wanted = (name: string) => only.length === 0 || only.includes(name);
  if (wanted("delta")) deltaBytes();
  if (wanted("snapshot") || wanted("stream")) {
    const sim = await spawnSimulator(["--vehicles", String(VEHICLES)]);
    const server = await startNextServer({
      port: PORT,
      env: {
        SIMULATOR_URL: sim.url,
        FLEETUP_MODE: "simulator",
        ...STREAM_LIMITS,
        USERS_FILE: "test-results/bench-users.json",
        DATABASE_DIR: "test-results/bench-db",
        POLL_POSITIONS_S: "2",
      },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const cookie = await signIn(server.url);
      if (wanted("snapshot")) await snapshotThroughput(server.url, cookie);
      if (wanted("stream")) await streams(server.url, cookie, server.process.pid!);
    } finally {
      await server.stop();
      await sim.stop();
    }
  }
  if (wanted("db-writes")) await databaseWrites();
  printRows(rows);
}

void main();
