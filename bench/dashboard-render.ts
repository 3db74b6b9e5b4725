/**
 * The map's vehicle layer against a naive baseline (one react-leaflet <Marker> per vehicle), in
 * headless Chromium, in the same run: first render and a full update (every vehicle moves) at
 * 1,000, 10,000 and 50,000 vehicles; time until painted, the longest task (Long Tasks API: only
 * tasks over 50 ms are reported, so "-" means none over 50 ms) and DOM elements added per vehicle.
 *
 *   npx next build && npx tsx bench/dashboard-render.ts [sizes=1000,10000,50000] [updates=3]
 *
 * Starts the simulator and the production server itself (the bench page needs a signed-in
 * person, like every page), on ports BENCH_PORT (3400) and a free one. BENCH_MODES picks layers:
 * canvas (every vehicle drawn), canvas-clustered (the dashboard's setting), markers (baseline).
 */
import { spawn } from "node:child_process";
import { chromium, type Browser, type Page } from "@playwright/test";
import { spawnSimulator, stopProcess } from "../scripts/lib/simulator-process";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SIZES = (process.argv[2] ?? "1000,10000,50000").split(",").map(Number);
const UPDATES = Number(process.argv[3] ?? 3);
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

async function signIn(browser: Browser) {
  const context = await browser.newContext({
    baseURL: BASE,
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("viewer@demo.local");
  await page.getByLabel("Password").fill("fleet-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.close();
  return context;
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

const ms = (value: number) => (value >= 50 ? `${Math.round(value)}` : "-");
const fmt = (value: number) => `${Math.round(value)}`;

async function main() {
  const sim = await spawnSimulator(["--vehicles", "5"]);
  const server = await startServer(sim.url);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  const rows: string[][] = [];
  try {
    const context = await signIn(browser);
    for (const n of SIZES) {
      for (const mode of MODES) {
        const page = await context.newPage();
        const { first, updates, before } = await runCase(page, mode, n);
        await page.close().catch(() => undefined);
        if (first === "timeout") {
          rows.push([
            mode,
            n.toLocaleString("en"),
            `did not finish in ${CAP_MS / 1000} s`,
            "",
            "",
            "",
            "",
            "",
          ]);
          continue;
        }
        const done = updates.filter((u): u is M => u !== "timeout");
        const worstPaint = Math.max(...done.map((u) => u.toPaintMs));
        const median = done.map((u) => u.toPaintMs).sort((a, b) => a - b)[
          Math.floor(done.length / 2)
        ];
        const worstTask = Math.max(0, ...done.map((u) => u.longestTaskMs));
        rows.push([
          mode,
          n.toLocaleString("en"),
          fmt(first.toPaintMs),
          ms(first.longestTaskMs),
          done.length < updates.length
            ? `did not finish in ${CAP_MS / 1000} s`
            : `${fmt(median ?? 0)} (max ${fmt(worstPaint)})`,
          done.length ? ms(worstTask) : "",
          ((first.domNodes - before) / n).toFixed(3),
          String(done.reduce((sum, u) => sum + u.longTasks, 0)),
        ]);
        console.error(`done: ${mode} ${n}`);
      }
    }
  } finally {
    await browser.close();
    await stopProcess(server);
    await sim.stop();
  }
  const header = [
    "layer",
    "vehicles",
    "first render to paint ms",
    "first: longest task ms",
    `full update to paint ms (median of ${UPDATES})`,
    "update: longest task ms",
    "DOM elements per vehicle",
    "update long tasks",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const row of rows) console.log(line(row));
  console.log("\n'-' = no task over 50 ms (the Long Tasks API reports only those).");
}

await main();
