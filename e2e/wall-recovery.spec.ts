import { expect, test, type Page } from "@playwright/test";
import type { AlertDetail, AlertPage } from "../lib/fleet/alert-work";
import { startNextServer, type RunningServer } from "../scripts/lib/next-server";
import { signedInCookie } from "./support/auth";
import { spawnTestSimulator, type SpawnedSimulator } from "./support/simulator";
import { DEMO_PASSWORD, demoEmail, signInThroughForm } from "./fixtures/auth";
import { openWall } from "./support/wall";

/**
 * A wall screen left alone through failures, with its own simulator and server so both can be
 * stopped and started again: the banner says DELAYED or OFFLINE with the positions' age while
 * the vehicles stay drawn, and the screen comes back to LIVE by itself, never reloading.
 */
const SIM_PORT = Number(process.env.E2E_WALL_SIM_PORT ?? 4631);
const PORT = Number(process.env.E2E_WALL_PORT ?? 3631);

test.describe.configure({ mode: "serial", timeout: 240_000 });

test("the wall survives a simulator restart and a server restart without reloading; alert work survives the restart", async ({
  browser,
}) => {
  let sim: SpawnedSimulator | undefined;
  let server: RunningServer | undefined;
  const startSim = () => spawnTestSimulator(["--port", String(SIM_PORT), "--vehicles", "20"]);
  const startServer = () =>
    startNextServer({
      port: PORT,
      env: {
        SIMULATOR_URL: `http://127.0.0.1:${SIM_PORT}`,
        FLEETUP_MODE: "simulator",
        POLL_POSITIONS_S: "2",
        POLL_TRIPS_S: "4",
        POLL_ALERTS_S: "4",
        // Its own database, kept across the restart, and the demo key kept beside the users
        // file: the session survives the restart.
        DATABASE_DIR: "test-results/wall-recovery/db",
        USERS_FILE: "test-results/wall-recovery/users.json",
        DISPLAYS_FILE: "test-results/wall-recovery/displays.json",
      },
    });
  try {
    sim = await startSim();
    server = await startServer();
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1920, height: 1080 },
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signInThroughForm(page, demoEmail("viewer"), DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/");
    const map = await openWall(page);
    // A reload would lose this mark.
    await page.evaluate(() => Object.assign(window, { wallMark: "never reloaded" }));
    const drawn = async () => Number(await map.getAttribute("data-rendered-vehicles"));
    const vehicles = await drawn();

    // FleetUp (the simulator) goes away: the banner comes up with the positions' age.
    await sim.stop();
    await expectBanner(page, /DATA (DELAYED|OFFLINE)/);
    await expect(banner(page)).toContainText(/positions \d+ (s|min) old/);
    expect(await drawn()).toBe(vehicles);
    await expect(page.getByTestId("wall-feed")).toHaveAttribute("data-feed-state", "offline", {
      timeout: 40_000,
    });
    expect(await drawn()).toBe(vehicles);
    // The stopped simulator's alerts stay listed, but a restarted simulator numbers its alerts
    // afresh, so the restarted server will never read these back.
    const unassigned = async () => {
      const answer = await page.request.get("/api/alerts?state=unassigned&limit=200");
      return ((await answer.json()) as AlertPage).alerts;
    };
    const gone = new Set((await unassigned()).map((item) => item.alert.id));

    sim = await startSim();
    await expectLive(page);

    // A dispatcher claims one of the restarted simulator's alerts, with a note, before the
    // server restarts (they take a few polls to arrive).
    const dispatcher = await signedInCookie("dispatcher", server.url);
    let claimed: string | undefined;
    await expect
      .poll(
        async () => {
          claimed = (await unassigned()).find(
            (item) => item.work.state === "new" && !gone.has(item.alert.id),
          )?.alert.id;
          return claimed;
        },
        { timeout: 60_000 },
      )
      .toBeTruthy();
    const path = `/api/alerts/${encodeURIComponent(claimed!)}`;
    const claim = await page.request.post(`${path}/claim`, {
      headers: { cookie: dispatcher },
      data: { note: "Calling the driver." },
    });
    expect(claim.status()).toBe(200);

    // Now the server itself restarts. Its versions start afresh: LIVE again means the screen
    // took the new server's data rather than holding on to the old one.
    await server.stop();
    await expectBanner(page, /DATA DELAYED/);
    expect(await drawn()).toBe(vehicles);
    server = await startServer();
    await expectLive(page);
    expect(await drawn()).toBe(vehicles);
    expect(await page.evaluate(() => (window as { wallMark?: string }).wallMark)).toBe(
      "never reloaded",
    );
    expect(pageErrors).toEqual([]);
    // The claim is in the database the restarted server reads, joined again to its alert once
    // its poller has read the alerts back from FleetUp (404 until then).
    const detail = async () => {
      const answer = await page.request.get(path);
      return answer.ok() ? ((await answer.json()) as AlertDetail) : undefined;
    };
    await expect
      .poll(async () => (await detail())?.item.work.claimedBy, { timeout: 30_000 })
      .toBe(demoEmail("dispatcher"));
    expect((await detail())!.history).toMatchObject([
      { action: "claimed", actor: demoEmail("dispatcher"), note: "Calling the driver." },
    ]);
    await context.close();
  } finally {
    await server?.stop();
    await sim?.stop();
  }
});

/** The stale-data banner over the map (Next.js has a role="alert" announcer of its own). */
function banner(page: Page) {
  return page.getByTestId("wall-feed").getByRole("alert");
}

async function expectBanner(page: Page, text: RegExp) {
  await expect(banner(page)).toContainText(text, { timeout: 40_000 });
  await expect(banner(page)).toBeInViewport({ ratio: 1 });
}

async function expectLive(page: Page) {
  await expect(page.getByTestId("wall-feed")).toHaveAttribute("data-feed-state", "live", {
    timeout: 60_000,
  });
  await expect(banner(page)).toHaveCount(0);
}
