/**
 * The dispatch map's figures, in one run:
 *
 * - nearest-N: the N nearest vehicles to a point among 50,000 (the k-d tree of
 *   components/fleet/nearest.ts), all statuses and "only idle or stopped", against a linear scan
 *   of every vehicle measured in the same run; plus building the index (once per fleet update);
 * - weight: the JavaScript the map page (/, signed in, until the map has drawn the fleet) loads
 *   beyond what the sign-in page loads, gzip-compressed as the server sends it (level 6), and the
 *   outline map it fetches as data;
 * - LCP and total blocking time of the map page with 1,000 simulated vehicles (fresh cache each
 *   time, TBT = long-task time over 50 ms from first paint until the fleet is drawn and 2 s
 *   more), against the sign-in page in the same run.
 *
 *   npx next build && npm run bench -- dispatch-map
 *
 * Starts the simulator (1,000 vehicles, the tests' pinned day) and the production server itself
 * on BENCH_PORT (3400).
 */
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { LiveVehicle } from "../lib/fleet/live";
import { startNextServer } from "../scripts/lib/next-server";
import { spawnSimulator } from "../scripts/lib/simulator-process";
import { pinnedDayArgs } from "../e2e/support/simulator";
import { NearestIndex } from "../components/fleet/nearest";
import { syntheticFleet } from "../components/bench/synthetic-fleet";
import { viewerContext } from "./support/browser";
import { printRows, type BenchRow } from "./table";

const PORT = Number(process.env.BENCH_PORT ?? 3400);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLEET = Number(process.env.BENCH_NEAREST_VEHICLES ?? 50_000);
const QUERIES = Number(process.env.BENCH_NEAREST_QUERIES ?? 1_000);
const LIMIT = 10;
const MAP_VEHICLES = Number(process.env.BENCH_MAP_VEHICLES ?? 1_000);
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
const BENCH = "dispatch-map";
/** Which parts to run (all by default): nearest, weight, vitals. */
const PARTS = (process.env.BENCH_PARTS ?? "nearest,weight,vitals").split(",");

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const max = (values: number[]) => Math.max(...values);

/** The N nearest by checking every vehicle: what the index saves. */
function linearNearest(vehicles: readonly LiveVehicle[], lat: number, lng: number, n: number) {
  const r = Math.PI / 180;
  const cosLat = Math.cos(lat * r);
  const scored = vehicles.map((v) => {
    const a =
      Math.sin(((v.lat - lat) * r) / 2) ** 2 +
      cosLat * Math.cos(v.lat * r) * Math.sin(((v.lng - lng) * r) / 2) ** 2;
    return { v, d: a };
  });
  scored.sort((x, y) => x.d - y.d);
  return scored.slice(0, n);
}

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function nearestRows(): BenchRow[] {
  const vehicles = syntheticFleet(FLEET, Date.now());
  const builds = Array.from({ length: 7 }, () => timed(() => new NearestIndex(vehicles)));
  const index = new NearestIndex(vehicles);
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const points = Array.from({ length: QUERIES }, () => [
    33.2 + random() * 0.55,
    -112.4 + random() * 0.8,
  ]);
  // Warm the code paths before timing.
  for (const [lat, lng] of points.slice(0, 50)) index.nearest({ lat: lat!, lng: lng!, limit: 10 });
  const all = points.map(([lat, lng]) =>
    timed(() => index.nearest({ lat: lat!, lng: lng!, limit: LIMIT })),
  );
  const filtered = points.map(([lat, lng]) =>
    timed(() =>
      index.nearest({ lat: lat!, lng: lng!, limit: LIMIT, statuses: ["idle", "stopped"] }),
    ),
  );
  const linear = points
    .slice(0, 50)
    .map(([lat, lng]) => timed(() => linearNearest(vehicles, lat!, lng!, LIMIT)));
  const size = `${FLEET.toLocaleString("en")} vehicles`;
  const baseline = { baseline: median(linear), baselineName: "linear scan, median" };
  return [
    {
      bench: BENCH,
      case: `nearest ${LIMIT}, ${size}`,
      metric: "median ms",
      value: median(all),
      ...baseline,
    },
    { bench: BENCH, case: `nearest ${LIMIT}, ${size}`, metric: "max ms", value: max(all) },
    {
      bench: BENCH,
      case: `nearest ${LIMIT} idle or stopped, ${size}`,
      metric: "median ms",
      value: median(filtered),
      ...baseline,
    },
    {
      bench: BENCH,
      case: `nearest ${LIMIT} idle or stopped, ${size}`,
      metric: "max ms",
      value: max(filtered),
    },
    {
      bench: BENCH,
      case: `nearest index build, ${size}`,
      metric: "median ms",
      value: median(builds),
      note: "once per fleet update, only while a nearest list is open",
    },
  ];
}

type Loaded = { js: Map<string, number>; data: Map<string, number> };

/** Every script (and JSON data) a page loads, by URL, with its gzip size. */
function collect(page: Page): Loaded {
  const loaded: Loaded = { js: new Map(), data: new Map() };
  page.on("response", async (response) => {
    const url = new URL(response.url());
    const type = response.headers()["content-type"] ?? "";
    const isJs = url.pathname.endsWith(".js") || type.includes("javascript");
    const isData = url.pathname.startsWith("/basemap/");
    if (!isJs && !isData) return;
    const body = await response.body().catch(() => undefined);
    if (!body) return;
    (isJs ? loaded.js : loaded.data).set(url.pathname, gzipSync(body, { level: 6 }).length);
  });
  return loaded;
}

const kb = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0) / 1024;

async function waitForFleet(page: Page, count: number) {
  await page.waitForFunction(
    (n) =>
      Number(
        document.querySelector("[data-testid=fleet-map]")?.getAttribute("data-rendered-vehicles"),
      ) >= n,
    count,
    { timeout: 60_000 },
  );
}

async function weightRows(browser: Browser, base: string, vehicles: number): Promise<BenchRow[]> {
  const anonymous = await browser.newContext({ baseURL: base });
  const signInPage = await anonymous.newPage();
  const signInLoad = collect(signInPage);
  await signInPage.goto("/sign-in", { waitUntil: "networkidle" });
  await anonymous.close();

  const context = await viewerContext(browser, base);
  const fresh = await browser.newContext({
    baseURL: base,
    storageState: await context.storageState(),
  });
  await context.close();
  const mapPage = await fresh.newPage();
  const mapLoad = collect(mapPage);
  await mapPage.goto("/", { waitUntil: "networkidle" });
  await waitForFleet(mapPage, vehicles);
  await mapPage.waitForLoadState("networkidle");
  await fresh.close();

  const over = kb(mapLoad.js) - kb(signInLoad.js);
  return [
    {
      bench: BENCH,
      case: "map page (/) over sign-in page",
      metric: "JS KB gzip",
      value: over,
      note: `map page ${kb(mapLoad.js).toFixed(1)} KB in ${mapLoad.js.size} scripts, sign-in ${kb(signInLoad.js).toFixed(1)} KB; target ≤ 120`,
    },
    {
      bench: BENCH,
      case: "outline map, loaded as data",
      metric: "KB gzip",
      value: kb(mapLoad.data),
      note: [...mapLoad.data.keys()].join(", "),
    },
  ];
}

type Vitals = { lcp: number; tbt: number; drawnAt: number };

const OBSERVE = `
  window.__vitals = { lcp: 0, fcp: 0, tasks: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__vitals.lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === "first-contentful-paint") window.__vitals.fcp = entry.startTime;
    }
  }).observe({ type: "paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__vitals.tasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
`;

async function vitals(
  browser: Browser,
  base: string,
  storageState: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined,
  path: string,
  ready: (page: Page) => Promise<void>,
): Promise<Vitals> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1440, height: 900 },
    storageState,
  });
  const page = await context.newPage();
  await page.addInitScript(OBSERVE);
  await page.goto(path);
  await ready(page);
  const drawnAt = await page.evaluate(() => performance.now());
  await page.waitForTimeout(2000);
  const result = await page.evaluate((until) => {
    const v = (window as unknown as { __vitals: { lcp: number; fcp: number; tasks: number[][] } })
      .__vitals;
    const tbt = v.tasks
      .filter(([start]) => start! >= v.fcp && start! <= until)
      .reduce((sum, [, duration]) => sum + Math.max(0, duration! - 50), 0);
    return { lcp: v.lcp, tbt };
  }, drawnAt + 2000);
  await context.close();
  return { ...result, drawnAt };
}

async function vitalRows(browser: Browser, base: string, vehicles: number): Promise<BenchRow[]> {
  const context = await viewerContext(browser, base);
  const state = await context.storageState();
  await context.close();
  const map: Vitals[] = [];
  const signIn_: Vitals[] = [];
  for (let run = 0; run < PAGE_RUNS; run++) {
    signIn_.push(
      await vitals(browser, base, undefined, "/sign-in", (page) =>
        page.getByRole("button", { name: "Sign in" }).waitFor(),
      ),
    );
    map.push(await vitals(browser, base, state, "/", (page) => waitForFleet(page, vehicles)));
  }
  const size = `${vehicles.toLocaleString("en")} vehicles`;
  const of = (list: Vitals[], key: keyof Vitals) => list.map((v) => v[key]);
  const runs = `median of ${PAGE_RUNS}, fresh cache`;
  return [
    {
      bench: BENCH,
      case: `map page, ${size}`,
      metric: "LCP ms",
      value: median(of(map, "lcp")),
      baseline: median(of(signIn_, "lcp")),
      baselineName: "sign-in page",
      note: runs,
    },
    {
      bench: BENCH,
      case: `map page, ${size}`,
      metric: "total blocking time ms",
      value: median(of(map, "tbt")),
      baseline: median(of(signIn_, "tbt")),
      baselineName: "sign-in page",
      note: `${runs}; max ${Math.round(max(of(map, "tbt")))}`,
    },
    {
      bench: BENCH,
      case: `map page, ${size}`,
      metric: "fleet drawn at ms",
      value: median(of(map, "drawnAt")),
      note: "from navigation start",
    },
  ];
}

async function main() {
  const rows: BenchRow[] = PARTS.includes("nearest") ? nearestRows() : [];
  console.error("done: nearest");
  const sim = await spawnSimulator([...pinnedDayArgs(), "--vehicles", String(MAP_VEHICLES)]);
  const server = await startNextServer({
    port: PORT,
    env: {
      SIMULATOR_URL: sim.url,
      FLEETUP_MODE: "simulator",
      USERS_FILE: "test-results/bench-dispatch/users.json",
      DISPLAYS_FILE: "test-results/bench-dispatch/displays.json",
      POLL_POSITIONS_S: "2",
    },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    if (PARTS.includes("weight")) {
      rows.push(...(await weightRows(browser, server.url, MAP_VEHICLES)));
      console.error("done: weight");
    }
    if (PARTS.includes("vitals")) {
      rows.push(...(await vitalRows(browser, server.url, MAP_VEHICLES)));
      console.error("done: LCP and TBT");
    }
  } finally {
    await browser.close();
    await server.stop();
    await sim.stop();
  }
  printRows(rows);
}

await main();
