/**
 * Benchmarks of the live fleet service (not part of `npm test`; run `npm run bench`). Needs a
 * production build (`npm run build`). Each figure is measured against a baseline in the same run:
 *
 * 1. snapshot requests per second, against a plain node:http server serving the same bytes;
 * 2. 1,000 concurrent stream clients: server memory per stream and p99 delivery delay;
 * 3. bytes per delta against the number of changed vehicles.
 */
import { request as httpRequest, createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { parseEnv } from "../lib/env";
import { FleetState } from "../lib/live/fleet-state";
import { DEFAULT_STATUS_THRESHOLDS } from "../lib/fleet/status";
import type { Position } from "../lib/fleet/types";
import { startNextServer } from "../scripts/lib/next-server";
import { spawnSimulator } from "../scripts/lib/simulator-process";
import { printRows, type BenchRow } from "./table";

const VEHICLES = Number(process.env.BENCH_VEHICLES ?? 1000);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
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

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function signIn(base: string): Promise<string> {
  const jar: string[] = [];
  const csrf = await fetch(`${base}/api/auth/csrf`);
  jar.push(...csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: "viewer@demo.local", password: "fleet-demo" }),
  });
  jar.push(...response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!));
  return jar.join("; ");
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
  const before = rssKiB(serverPid);
  const delays: number[] = [];
  let snapshots = 0;
  const requests = Array.from({ length: STREAMS }, () => {
    const req = httpRequest(
      `${base}/api/fleet/stream`,
      { headers: { cookie, accept: "text/event-stream" } },
      (res) => {
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.includes("event: snapshot")) snapshots += 1;
            const data = /\ndata: (\{"version".*)$/s.exec(block);
            if (block.includes("event: delta") && data?.[1]) {
              const generatedAt = Number(/"generatedAt":(\d+)/.exec(data[1])?.[1]);
              delays.push(Date.now() - generatedAt);
            }
          }
        });
      },
    );
    req.on("error", () => {});
    req.end();
    return req;
  });
  const deadline = Date.now() + 60_000;
  while (snapshots < STREAMS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const connected = rssKiB(serverPid);
  delays.length = 0;
  await new Promise((resolve) => setTimeout(resolve, 12_000));
  const sorted = [...delays].sort((a, b) => a - b);
  const p = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  rows.push({
    bench: "stream",
    case: `${snapshots}/${STREAMS} clients connected`,
    metric: "server memory per stream (KiB)",
    value: (connected - before) / Math.max(snapshots, 1),
  });
  rows.push({
    bench: "stream",
    case: `${delays.length} deliveries in 12 s`,
    metric: "p50 delivery delay (ms)",
    value: p(0.5),
  });
  rows.push({
    bench: "stream",
    case: `${delays.length} deliveries in 12 s`,
    metric: "p99 delivery delay (ms)",
    value: p(0.99),
  });
  for (const req of requests) req.destroy();
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

async function main() {
  deltaBytes();
  const sim = await spawnSimulator(["--vehicles", String(VEHICLES)]);
  const port = 3390;
  const server = await startNextServer({
    port,
    env: {
      SIMULATOR_URL: sim.url,
      USERS_FILE: "test-results/bench-users.json",
      POLL_POSITIONS_S: "2",
    },
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const cookie = await signIn(server.url);
    await snapshotThroughput(server.url, cookie);
    await streams(server.url, cookie, server.process.pid!);
  } finally {
    await server.stop();
    await sim.stop();
  }
  printRows(rows);
}

void main();
