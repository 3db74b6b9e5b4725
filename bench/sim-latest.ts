/**
 * How fast the simulator answers a full latest-positions request with a large fleet.
 * `npx tsx bench/sim-latest.ts [vehicles] [runs]` (defaults 50,000 and 10). Starts the simulator
 * in process, then times POST /gpsdata/device-last-location over real HTTP (the client's
 * fetch and body read included, so client costs count too): the very first request, the first
 * request after a world step (only the records of devices that reported since are serialized
 * again) and repeats within the same step (the cached body). Prints rows for `npm run bench`.
 */
import { startSimulator } from "../sim/server";
import { printRows, type BenchRow } from "./table";

const vehicles = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 10);

const startedAt = performance.now();
const sim = await startSimulator({ port: 0, vehicles, config: { rateLimit: { enabled: false } } });
const startupMs = performance.now() - startedAt;
const rssMb = process.memoryUsage().rss / 1e6; // before the client's own buffers pile up
const headers = { "x-api-key": sim.options.apiKey, "content-type": "application/json" };
const body = JSON.stringify({ acctId: sim.options.acctId });
const tokenResponse = await fetch(`${sim.url}/token`, {
  method: "POST",
  headers,
  body: JSON.stringify({ acctId: sim.options.acctId, secret: sim.options.secret }),
});
const { token } = (await tokenResponse.json()) as { token: string };

/** One request, timed until the whole body has arrived (not parsed: that is the client's cost). */
async function timeOne(): Promise<{ ms: number; cpuMs: number; body: Buffer }> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const response = await fetch(`${sim.url}/gpsdata/device-last-location`, {
    method: "POST",
    headers: { ...headers, authorization: `Bearer ${token}` },
    body,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  // CPU time (server and client, same process) shows the cost when other work shares the machine.
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, body: bytes };
}

const first = await timeOne();
const records = (JSON.parse(first.body.toString("utf8")) as { data: unknown[] }).data.length;
const cold: { ms: number; cpuMs: number }[] = [];
const warm: { ms: number; cpuMs: number }[] = [];
for (let run = 0; run < runs; run++) {
  // Move the world one step on, so the next request must rebuild the response.
  sim.control.advanceClock(sim.options.stepMs);
  cold.push(await timeOne());
  for (let i = 0; i < 3; i++) warm.push(await timeOne());
}
await sim.close();

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

console.log(
  `simulator: ${vehicles} vehicles, started in ${(startupMs / 1000).toFixed(1)} s; ` +
    `response ${records} records, ${(first.body.length / 1e6).toFixed(1)} MB; process RSS ${rssMb.toFixed(0)} MB`,
);
const rows: BenchRow[] = [];
const cases: [string, { ms: number; cpuMs: number }[], string][] = [
  ["first request", [first], "client and server code still cold"],
  ["after a world step", cold, "only reported fixes re-serialized"],
  ["repeat within a step", warm, "cached body"],
];
for (const [name, runs, note] of cases) {
  const base = {
    bench: "sim-latest",
    case: `${vehicles} vehicles, ${name}`,
    note: `${runs.length} runs; ${note}`,
  };
  const wall = runs.map((run) => run.ms);
  rows.push({ ...base, metric: "median ms", value: median(wall) });
  rows.push({ ...base, metric: "max ms", value: Math.max(...wall) });
  rows.push({ ...base, metric: "median cpu ms", value: median(runs.map((run) => run.cpuMs)) });
}
printRows(rows);
