/**
 * A wall screen left running: does it stay flat? Starts the simulator with its clock sped up (so
 * an hour brings many hours of driving, trips and alerts), the production server with fast
 * polls, and Chromium on /wall through a display link with rotating views and alert focus, then
 * samples the page once a minute after a forced garbage collection: JS heap, DOM nodes, event
 * listeners. Two simulator outages on the way exercise the banner and the reconnects.
 *
 *   SOAK_MINUTES=60 SIM_SPEEDUP=10 npm run bench -- wall-soak
 *
 * Needs a build (`npx next build`). Prints one line per sample and a table comparing the last
 * tenth of the run with the first (after a warm-up minute), plus the heap's fitted slope.
 */
import { chromium, request, type CDPSession } from "@playwright/test";
import { startNextServer } from "../scripts/lib/next-server";
import { spawnSimulator } from "../scripts/lib/simulator-process";
import { slope } from "../e2e/support/fit";
import { simControl } from "../e2e/support/sim-control";
import { printRows, type BenchRow } from "./table";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const SPEEDUP = process.env.SIM_SPEEDUP ?? "10";
const VEHICLES = process.env.SOAK_VEHICLES ?? "300";
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_S ?? 60) * 1000;
const PORT = Number(process.env.SOAK_PORT ?? 3741);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUTAGE_S = 60;

type Sample = {
  minute: number;
  heapMb: number;
  nodes: number;
  listeners: number;
  drawn: number;
  feed: string;
  focused: number;
};

async function metrics(cdp: CDPSession) {
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? NaN;
  return {
    heapMb: value("JSHeapUsedSize") / 1024 / 1024,
    nodes: value("Nodes"),
    listeners: value("JSEventListeners"),
  };
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

async function main() {
  const sim = await spawnSimulator(["--vehicles", VEHICLES, "--speedup", SPEEDUP]);
  const server = await startNextServer({
    port: PORT,
    env: {
      SIMULATOR_URL: sim.url,
      FLEETUP_MODE: "simulator",
      POLL_POSITIONS_S: "2",
      POLL_TRIPS_S: "4",
      POLL_ALERTS_S: "4",
      FLEETUP_BREAKER_HALF_OPEN_MS: "2000",
      DATABASE_DIR: "test-results/wall-soak/db",
      USERS_FILE: "test-results/wall-soak/users.json",
      DISPLAYS_FILE: "test-results/wall-soak/displays.json",
    },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  const control = simControl(sim.url);
  try {
    // An admin makes a display link, as for a real screen.
    const admin = await request.newContext({ baseURL: server.url });
    const { csrfToken } = (await (await admin.get("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    await admin.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: "admin@demo.local", password: "fleet-demo", callbackUrl: "/" },
      maxRedirects: 0,
    });
    const created = await admin.post("/api/admin/displays", {
      data: { name: "Soak screen" },
      headers: { origin: server.url },
    });
    const { display } = (await created.json()) as { display: { link: string } };
    await admin.dispose();

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    let reloads = -1;
    page.on("load", () => (reloads += 1));
    const views = "&view=North@33.62,-112.1,13&view=South@33.36,-112.05,13&rotate=20&focus=8";
    await page.goto(`${display.link}?${views.slice(1)}`);
    await page.getByTestId("fleet-map").waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");

    const samples: Sample[] = [];
    const alertIds = new Set<string>();
    const started = Date.now();
    const outagesAt = [Math.round(MINUTES / 3), Math.round((2 * MINUTES) / 3)];
    const watcher = setInterval(async () => {
      const id = await page
        .getByTestId("wall-attention")
        .getAttribute("data-alert-id", { timeout: 100 })
        .catch(() => null);
      if (id) alertIds.add(id);
    }, 2000);

    for (let minute = 1; minute <= MINUTES; minute++) {
      if (outagesAt.includes(minute)) {
        await control.configure({ faults: { outage: true, outageMode: "refuse" } });
        // Over before the next sample, so every sample but these sees the feed's usual state.
        setTimeout(
          () => void control.resetFaults().catch(() => undefined),
          Math.min(OUTAGE_S * 1000, SAMPLE_MS / 2),
        );
      }
      await new Promise((resolve) =>
        setTimeout(resolve, started + minute * SAMPLE_MS - Date.now()),
      );
      const sample: Sample = {
        minute,
        ...(await metrics(cdp)),
        drawn: Number(await page.getByTestId("fleet-map").getAttribute("data-rendered-vehicles")),
        feed: (await page.getByTestId("wall-feed").getAttribute("data-feed-state")) ?? "?",
        focused: alertIds.size,
      };
      samples.push(sample);
      console.log(
        `minute ${String(minute).padStart(3)}  heap ${sample.heapMb.toFixed(1)} MB  nodes ${sample.nodes}  listeners ${sample.listeners}  drawn ${sample.drawn}  ${sample.feed}  alerts focused ${sample.focused}`,
      );
    }
    clearInterval(watcher);

    // Compare the last tenth with the first tenth after a warm-up minute.
    const window = Math.max(1, Math.round(MINUTES / 10));
    const first = samples.slice(1, 1 + window);
    const last = samples.slice(-window);
    const rows: BenchRow[] = (["heapMb", "nodes", "listeners"] as const).map((metric) => ({
      bench: "wall-soak",
      case: `${MINUTES} min, sim ×${SPEEDUP}, ${VEHICLES} vehicles`,
      metric: `${metric} (last ${window} min mean)`,
      value: mean(last.map((s) => s[metric])),
      baseline: mean(first.map((s) => s[metric])),
      baselineName: `minutes 2–${1 + window}`,
    }));
    const heapPoints = samples.slice(1).map((s): [number, number] => [s.minute, s.heapMb]);
    rows.push(
      {
        bench: "wall-soak",
        case: rows[0]!.case,
        metric: "heap slope MB/hour (fit)",
        value: slope(heapPoints) * 60,
      },
      {
        bench: "wall-soak",
        case: rows[0]!.case,
        metric: "alerts focused / reloads",
        value: alertIds.size,
        note: `${reloads} reloads, feed ${samples.filter((s) => s.feed === "live").length}/${samples.length} samples live`,
      },
    );
    printRows(rows);
  } finally {
    await browser.close();
    await server.stop();
    await sim.stop();
  }
}

await main();
