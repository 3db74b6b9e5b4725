/**
 * Stream clients for the benchmarks: sign in, open many /api/fleet/stream clients, and measure
 * how long each delta took from the server building it to a client reading it.
 */
import { request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";

export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

export async function signIn(base: string): Promise<string> {
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

export type StreamRun = {
  connected: number;
  memoryPerStreamKiB: number;
  deliveries: number;
  p50: number;
  p99: number;
};

/**
 * Opens `count` SSE clients, waits until each has its snapshot, then measures for `seconds` how
 * long each delta took from the server building it (`generatedAt`) to a client reading it.
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
  const requests = Array.from({ length: count }, () => {
    const req = httpRequest(
      `${base}/api/fleet/stream`,
      { headers: { cookie, accept: "text/event-stream" } },
      (res) => {
        // Scans only what arrived since the last look: a 10,000-vehicle snapshot comes in many
        // chunks, and rescanning it from the start each time would make the client the bottleneck.
        let buffer = "";
        let scanned = 0;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf("\n\n", Math.max(0, scanned - 1))) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            scanned = 0;
            const head = block.slice(0, 64);
            if (head.includes("event: snapshot")) snapshots += 1;
            if (head.includes("event: delta")) {
              const generatedAt = Number(/"generatedAt":(\d+)/.exec(block)?.[1]);
              if (generatedAt) delays.push(Date.now() - generatedAt);
            }
          }
          scanned = buffer.length;
        });
      },
    );
    req.on("error", () => {});
    req.end();
    return req;
  });
  const deadline = Date.now() + 120_000;
  while (snapshots < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const connected = rssKiB(serverPid);
  await new Promise((resolve) => setTimeout(resolve, settleS * 1000));
  delays.length = 0;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
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
