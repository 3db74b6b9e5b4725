/**
 * Stream clients for the benchmarks: sign in, open many /api/fleet/stream clients, and measure
 * how long each delta took from the server building it to a client reading it.
 */
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { signedInCookie } from "../../e2e/support/auth";

export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** The benches' session: the demo viewer. */
export const signIn = (base: string) => signedInCookie("viewer", base);

export type StreamRun = {
  connected: number;
  memoryPerStreamKiB: number;
  deliveries: number;
  p50: number;
  p99: number;
};

const EVENT = Buffer.from("event: ");
const DELTA = Buffer.from("event: delta\n");
const SNAPSHOT = Buffer.from("event: snapshot\n");
/** Enough of a frame to read its kind and the message's time (`"t":`, early in the data). */
const HEAD_BYTES = 120;

/**
 * Reads a stream's frames without decoding them: finds each "event: " in the raw bytes and reads
 * the kind, the id and the message time `t` from the bytes after it. On purpose not the SSE reader
 * everything else uses (e2e/support/event-stream.ts, which parses every field and decodes every
 * frame): with 10,000 clients in one process, that reading would cost more than the server being
 * measured, and the bench would time its own client. This scanner keeps them cheap enough not
 * to be what is measured.
 */
export class FrameScanner {
  private carry: Buffer | undefined;
  constructor(
    private readonly onFrame: (kind: "delta" | "snapshot", id: number, t: number) => void,
  ) {}

  push(chunk: Buffer): void {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = undefined;
    let at = bytes.indexOf(EVENT);
    while (at >= 0) {
      if (bytes.length - at < HEAD_BYTES && !bytes.includes("\n\n", at)) {
        this.carry = bytes.subarray(Math.max(0, at - 24));
        return;
      }
      const kind = bytes.subarray(at, at + DELTA.length).equals(DELTA)
        ? "delta"
        : bytes.subarray(at, at + SNAPSHOT.length).equals(SNAPSHOT)
          ? "snapshot"
          : undefined;
      if (kind) {
        const head = bytes.toString("latin1", Math.max(0, at - 24), at + HEAD_BYTES);
        const id = Number(/id: (\d+)\n/.exec(head)?.[1]);
        const t = Number(/"t":(\d+)/.exec(head)?.[1]);
        this.onFrame(kind, id, t);
      }
      at = bytes.indexOf(EVENT, at + EVENT.length);
    }
    // A frame's start cut off at the end: keep it for the next chunk.
    const tail = bytes.subarray(Math.max(0, bytes.length - 24));
    const cut = tail.lastIndexOf("\n");
    if (cut >= 0 && cut < tail.length - 1) this.carry = tail.subarray(cut + 1);
  }
}

/**
 * Opens one SSE client on a bare TCP socket; `onFrame` hears each frame, `onStatus` the answer's
 * status. No HTTP parser and no stream machinery on the client's side: with 10,000 clients in
 * one process, what the client spends reading is otherwise most of the delay it measures. The
 * scanner reads the raw bytes; chunked encoding's size lines fall between frames.
 */
export function openStream(
  base: string,
  headers: Record<string, string>,
  onFrame: (kind: "delta" | "snapshot", id: number, t: number) => void,
  onStatus: (status: number) => void = () => {},
): Socket {
  const url = new URL("/api/fleet/stream", base);
  const socket = connect(Number(url.port), url.hostname);
  const lines = Object.entries({ host: url.host, accept: "text/event-stream", ...headers }).map(
    ([name, value]) => `${name}: ${value}\r\n`,
  );
  socket.write(`GET ${url.pathname} HTTP/1.1\r\n${lines.join("")}\r\n`);
  const scanner = new FrameScanner(onFrame);
  let status: number | undefined;
  socket.on("data", (chunk: Buffer) => {
    if (status === undefined) {
      status = Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString("latin1", 0, 16))?.[1] ?? 0);
      onStatus(status);
    }
    scanner.push(chunk);
  });
  socket.on("error", () => {
    if (status === undefined) onStatus((status = 0));
  });
  return socket;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens `count` SSE clients, waits until each has its snapshot, then measures for `seconds` how
 * long each delta took from the server building it (its time `t`) to a client reading it.
 */
export async function measureStreams(
  base: string,
  cookie: string,
  serverPid: number,
  count: number,
  seconds: number,
  /** Time for what the connections queued up to drain before measuring. */
  settleS = 0,
): Promise<StreamRun> {
  const before = rssKiB(serverPid);
  const delays: number[] = [];
  let snapshots = 0;
  const requests: ReturnType<typeof openStream>[] = [];
  for (let opened = 0; opened < count; opened += 1) {
    requests.push(
      openStream(base, { cookie }, (kind, _id, t) => {
        if (kind === "snapshot") snapshots += 1;
        else if (t) delays.push(Date.now() - t);
      }),
    );
    // Opened a few hundred at a time, as screens would, not all in one tick.
    if (opened % 250 === 249) await sleep(50);
  }
  const deadline = Date.now() + 180_000;
  while (snapshots < count && Date.now() < deadline) await sleep(200);
  const connected = rssKiB(serverPid);
  await sleep(settleS * 1000);
  delays.length = 0;
  await sleep(seconds * 1000);
  const sorted = [...delays].sort((a, b) => a - b);
  const p = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  for (const req of requests) req.destroy();
  return {
    connected: snapshots,
    memoryPerStreamKiB: (connected - before) / Math.max(snapshots, 1),
    deliveries: sorted.length,
    p50: p(0.5),
    p99: p(0.99),
  };
}

export type StormRun = {
  clients: number;
  /** From the first request until the last client held the version current when it began. */
  lastCurrentMs: number;
  current: number;
  failed: Record<string, number>;
};

/**
 * A deployment's reconnect storm: `count` screens that held `heldVersion` (a version of the
 * server before) reconnect within the same second. How long until the last has current data, and
 * how many answers were not 200.
 */
export async function reconnectStorm(
  base: string,
  cookie: string,
  count: number,
  currentVersion: number,
  heldVersion: number,
): Promise<StormRun> {
  const failed: Record<string, number> = {};
  let current = 0;
  let lastCurrentAt = 0;
  const started = Date.now();
  const requests: ReturnType<typeof openStream>[] = [];
  // All within one second, in 20 bursts: as screens whose reconnect timers (1 s, jittered) all
  // started when the old server went away. (All in one instant would overflow the listening
  // socket's backlog, 511 connections, and measure the kernel's SYN retries instead.)
  for (let burst = 0; burst < 20; burst += 1) {
    for (let i = burst; i < count; i += 20) {
      let done = false;
      requests.push(
        openStream(
          base,
          { cookie, "last-event-id": String(heldVersion) },
          (_kind, id) => {
            if (done || !(id >= currentVersion)) return;
            done = true;
            current += 1;
            lastCurrentAt = Date.now();
          },
          (status) => {
            if (status !== 200) failed[status] = (failed[status] ?? 0) + 1;
          },
        ),
      );
    }
    await sleep(50);
  }
  const deadline = Date.now() + 60_000;
  const failures = () => Object.values(failed).reduce((sum, n) => sum + n, 0);
  while (current + failures() < count && Date.now() < deadline) await sleep(50);
  for (const req of requests) req.destroy();
  return { clients: count, lastCurrentMs: lastCurrentAt - started, current, failed };
}
