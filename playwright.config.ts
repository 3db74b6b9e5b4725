import { defineConfig, devices } from "@playwright/test";
import { E2E_POLL, E2E_PORT, E2E_SIM_PORT } from "./e2e/support/servers";
import { pinnedDayArgs } from "./e2e/support/simulator";

/**
 * e2e runs the real production build (`next build` runs first in `npm test`) against the real
 * simulator, in Debian's Chromium. Playwright never downloads a browser here.
 */
const PORT = E2E_PORT;
const SIM_PORT = E2E_SIM_PORT;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const CHROMIUM_USE = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

/**
 * Specs that start servers of their own (on ports of their own) and never touch the shared one.
 * They run one after another in a second lane beside the rest: most of their time is spent
 * waiting (a restart, an idle window, a failover), which the shared lane fills.
 */
const OWN_SERVERS = [
  "clusters",
  "database-import",
  "history",
  "multi-instance",
  "security",
  "session-presence",
  "wall-recovery",
].map((name) => `**/${name}.spec.ts`);

/**
 * Specs that check FleetUp's side to the millisecond (never two requests within a second, as the
 * simulator stamps their arrival) run last, alone. With both lanes busy on two cores, a process
 * held off the CPU for a quarter second turned a 1.15 s spacing into 954 ms at the simulator
 * (`redis-restart`, before any restart). Run one alone with `--no-deps`.
 */
const ALONE = ["redis-restart"].map((name) => `**/${name}.spec.ts`);

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  // Two lanes, then the specs that run alone (the projects below), one spec at a time in each.
  workers: 2,
  forbidOnly: true,
  retries: 0,
  // A test's whole budget, not a promise of the product's (those are assertions' timeouts):
  // with both lanes busy on two cores, tests of 10–20 s idle have taken over 60 s.
  timeout: 120_000,
  // Twice Playwright's 5 s for what a page shows: with two lanes on two cores a page sometimes
  // draws late (a signed-in header missed 5 s once). A latency promise states its own timeout.
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // A failed test keeps its trace (every action with the page's DOM) and a screenshot, but
    // no screencast: recording one for every test (the map canvas repaints all the time) took
    // half of the suite's CPU on two cores, 94.7 against 48.8 CPU-seconds for the same specs.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      testIgnore: [...OWN_SERVERS, ...ALONE],
      workers: 1,
      use: CHROMIUM_USE,
    },
    {
      name: "own-servers",
      testMatch: OWN_SERVERS,
      workers: 1,
      use: CHROMIUM_USE,
    },
    {
      name: "alone",
      testMatch: ALONE,
      dependencies: ["chromium", "own-servers"],
      workers: 1,
      use: CHROMIUM_USE,
    },
  ],
  webServer: [
    {
      command: ["node --import tsx sim/cli.ts --port", SIM_PORT, ...pinnedDayArgs()].join(" "),
      // Any answer (even 401 for a missing api key) means the simulator is listening.
      url: `http://127.0.0.1:${SIM_PORT}/`,
      reuseExistingServer: false,
      stdout: "ignore",
      timeout: 30_000,
    },
    {
      command: `node scripts/serve.mjs --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        SIMULATOR_URL: `http://127.0.0.1:${SIM_PORT}`,
        // Production without FleetUp credentials runs on the simulator only when told to.
        FLEETUP_MODE: "simulator",
        // live-service.spec's 100 concurrent clients share one signed-in session.
        STREAMS_PER_SESSION: "200",
        // never-blank.spec forces render errors with ?fault= (lib/faults.ts); no other spec
        // passes that parameter, so nothing else behaves differently.
        E2E_FAULTS: "1",
        POLL_POSITIONS_S: String(E2E_POLL.positionsS),
        POLL_TRIPS_S: String(E2E_POLL.tripsS),
        POLL_ALERTS_S: String(E2E_POLL.alertsS),
        // Its own database, so tests never touch a developer's; in simulator mode the server
        // creates the demo accounts in it, exactly as for `npm run demo`. (The files are the
        // e2e stores from before the database, imported once if a checkout still has them.)
        DATABASE_DIR: ".data/e2e-db",
        USERS_FILE: ".data/e2e-users.json",
        DISPLAYS_FILE: ".data/e2e-displays.json",
      },
      // A first run creates the embedded database before the server answers.
      timeout: 120_000,
    },
  ],
});
