/**
 * The map's vehicle layer against a naive baseline (one react-leaflet <Marker> per vehicle), in
 * headless Chromium, in the same run: first render and a full update (every vehicle moves) at
 * 1,000, 10,000 and 100,000 vehicles; time until painted, the longest task (Long Tasks API: only
 * tasks over 50 ms are reported, so 0 means none over 50 ms) and DOM elements added per vehicle.
 * The vehicles of each change are made before it is timed (the stream's work, not the map's).
 *
 * Goals (issue 22): a full update of 10,000 vehicles painted with a median of at most 25 ms;
 * 100,000 vehicles clustered (the dashboard's setting) with no task over 100 ms, first render
 * and updates alike.
 *
 *   npx next build && npx tsx bench/dashboard-render.ts [sizes=1000,10000,100000] [updates=7]
 *
 * Starts the simulator and the production server itself (the bench page needs a signed-in
 * person, like every page), on ports BENCH_PORT (3400) and a free one. BENCH_MODES picks layers:
 * canvas (every vehicle drawn), canvas-clustered (the dashboard's setting), markers (baseline,
 * measured up to MARKERS_MAX vehicles: beyond, one DOM element per vehicle takes minutes).
 */
import { spawn } from "node:child_process";
import { chromium, type Page } from "@playwright/test";
import { spawnSimulator, stopProcess } from "../scripts/lib/simulator-process";
import { viewerContext } from "./support/browser";
import { printRows, type BenchRow } from "./table";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SIZES = (process.argv[2] ?? "1000,10000,100000").split(",").map(Number);
const UPDATES = Number(process.argv[3] ?? 7);
const MARKERS_MAX = 10_000;
const CAP_MS = Number(process.env.BENCH_CAP_MS ?? 90_000);
const MODES = (process.env.BENCH_MODES ?? "canvas,canvas-clustered,markers").split(",");

type M = { toPaintMs: number; longestTaskMs: number; longTasks: number; domNodes: number };

async function startServer(simUrl: string) {
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "--port", String(PORT)],
    {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        SIMULATOR_URL: simUrl,
        FLEETUP_MODE: "simulator",
        DATABASE_DIR: ".data/bench-db",
        USERS_FILE: ".data/bench-users.json",
        // The bench page exists only when asked for (it is 404 in production).
        BENCH_PAGES: "1",
      },
      stdio: "ignore",
    },
  );
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${BASE}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start within 60 s");
}

async function withCap<T>(promise: Promise<T>): Promise<T | "timeout"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<"timeout">(
    (resolve) => (timer = setTimeout(() => resolve("timeout"), CAP_MS)),
  );
  try {
    return await Promise.race([promise, cap]);
  } finally {
    clearTimeout(timer);
  }
}

async function runCase(page: Page, mode: string, n: number) {
  await page.goto(`/bench/map?mode=${mode}&n=${n}`);
  await page.waitForFunction(() => window.fleetBench !== undefined);
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => document.getElementsByTagName("*").length);
  await page.evaluate(() => window.fleetBench!.prepare("first"));
  await page.waitForTimeout(200);
  const first = await withCap(page.evaluate(() => window.fleetBench!.firstRender()));
  if (first === "timeout") return { first, updates: [] as (M | "timeout")[], before };
  const updates: (M | "timeout")[] = [];
  for (let i = 0; i < UPDATES; i++) {
    await page.evaluate(() => window.fleetBench!.prepare("update"));
    await page.waitForTimeout(200);
    const result = await withCap(page.evaluate(() => window.fleetBench!.update()));
    updates.push(result);
    if (result === "timeout") break;
  }
  return { first, updates, before };
}

type Result = Awaited<ReturnType<typeof runCase>>;

const BENCH = "dashboard-render";
const median = (values: number[]) =>
  values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! : NaN;

/** The figures of one layer and size, beside the markers' where they were measured. */
function rowsFor(mode: string, n: number, result: Result, baseline?: Result): BenchRow[] {
  const name = `${mode}, ${n.toLocaleString("en")} vehicles`;
  const row = (metric: string, value: number, extra: Partial<BenchRow> = {}): BenchRow => ({
    bench: BENCH,
    case: name,
    metric,
    value,
    ...extra,
  });
  const cap = `did not finish in ${CAP_MS / 1000} s`;
  const longTask = (value: number) => (value >= 50 ? {} : { note: "none over 50 ms" });
  const updateGoal = n === 10_000 && mode !== "markers" ? { goal: { atMost: 25 } } : {};
  const taskGoal = n >= 100_000 && mode === "canvas-clustered" ? { goal: { atMost: 100 } } : {};
  const vs = (value: number | undefined) =>
    value === undefined || Number.isNaN(value) ? {} : { baseline: value, baselineName: "markers" };
  if (result.first === "timeout") {
    return [
      row("first render to paint, ms", NaN, { note: cap }),
      row(`full update to paint, ms (median of ${UPDATES})`, NaN, { ...updateGoal, note: cap }),
    ];
  }
  const done = result.updates.filter((u): u is M => u !== "timeout");
  const paints = done.map((u) => u.toPaintMs);
  const worstTask = Math.max(0, ...done.map((u) => u.longestTaskMs));
  const baseFirst = baseline?.first === "timeout" ? undefined : baseline?.first;
  const baseDone = baseline?.updates.filter((u): u is M => u !== "timeout") ?? [];
  const domPerVehicle = (result.first.domNodes - result.before) / n;
  return [
    row("first render to paint, ms", result.first.toPaintMs, {
      ...vs(baseFirst?.toPaintMs),
      note: `DOM elements per vehicle ${domPerVehicle.toFixed(3)}`,
    }),
    row("first render: longest task, ms", result.first.longestTaskMs, {
      ...taskGoal,
      ...longTask(result.first.longestTaskMs),
    }),
    row(
      `full update to paint, ms (median of ${UPDATES})`,
      done.length < result.updates.length ? NaN : median(paints),
      {
        ...updateGoal,
        ...vs(baseDone.length ? median(baseDone.map((u) => u.toPaintMs)) : undefined),
        note: done.length < result.updates.length ? cap : `max ${Math.round(Math.max(...paints))}`,
      },
    ),
    row("update: longest task, ms", worstTask, {
      ...taskGoal,
      note:
        worstTask >= 50
          ? `${done.reduce((sum, u) => sum + u.longTasks, 0)} tasks over 50 ms`
          : "none over 50 ms",
    }),
  ];
}

async function main() {
  const sim = await spawnSimulator(["--vehicles", "5"]);
  const server = await startServer(sim.url);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  const rows: BenchRow[] = [];
  try {
    const context = await viewerContext(browser, BASE);
    for (const n of SIZES) {
      const results = new Map<string, Result>();
      for (const mode of MODES) {
        if (mode === "markers" && n > MARKERS_MAX) continue;
        const page = await context.newPage();
        results.set(mode, await runCase(page, mode, n));
        await page.close().catch(() => undefined);
        console.error(`done: ${mode} ${n}`);
      }
      for (const [mode, result] of results) {
        rows.push(
          ...rowsFor(mode, n, result, mode === "markers" ? undefined : results.get("markers")),
        );
      }
    }
  } finally {
    await browser.close();
    await stopProcess(server);
    await sim.stop();
  }
  printRows(rows);
}

await main();
