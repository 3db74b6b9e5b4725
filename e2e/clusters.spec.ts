import { expect, test, type Page } from "@playwright/test";
import { startNextServer, type RunningServer } from "../scripts/lib/next-server";
import {
  DEMO_PASSWORD,
  demoEmail,
  signInThroughForm,
  watchForCspViolations,
} from "./fixtures/auth";
import { dismissSinceLastLook } from "./support/dashboard";
import { E2E_PORT } from "./support/servers";
import { simControl } from "./support/sim-control";
import { spawnTestSimulator, type SpawnedSimulator } from "./support/simulator";

/**
 * Clusters that warn, on a fleet large enough to cluster (1,500 vehicles), with its own
 * simulator and server: the server's status thresholds are short here (a fix is old after 15 s,
 * offline after 60 s), so a vehicle goes offline within the test, and the legend must say so.
 */
const PORT = Number(process.env.E2E_CLUSTER_PORT ?? E2E_PORT + 41);
const VEHICLES = 1_500;
/** Far out in the desert, west of the city: the only vehicles there are the three we put. */
const SPOT = { lat: 33.05, lng: -113.1 };

test.describe.configure({ mode: "serial", timeout: 300_000 });

type SimFleet = {
  vehicles: { devId: string; online: boolean; status: string }[];
  fences: { fenceName: string; polygon: { lat: number; lng: number }[] | null }[];
};

type ClusterHooks = Record<
  "count" | "moving" | "idle" | "stopped" | "offline" | "alert" | "lat" | "lng",
  string
>;

/**
 * Points at the middle of the map (where the view puts the desert spot) and reads the tooltip
 * of the cluster under the pointer: its DOM hooks, and its text.
 */
async function clusterAtCentre(page: Page) {
  const box = (await page.getByTestId("fleet-map").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tooltip = page.getByTestId("cluster-tooltip");
  if (!(await tooltip.isVisible())) return undefined;
  const hooks = (await tooltip.evaluate((tip) => ({
    ...(tip as HTMLElement).dataset,
  }))) as ClusterHooks;
  const near = Math.hypot(Number(hooks.lat) - SPOT.lat, Number(hooks.lng) - SPOT.lng) < 0.01;
  return near ? { ...hooks, text: (await tooltip.textContent()) ?? "" } : undefined;
}

test("a cluster warns of an open critical alert inside it, and shows an offline member in its mix", async ({
  browser,
}) => {
  let sim: SpawnedSimulator | undefined;
  let server: RunningServer | undefined;
  try {
    sim = await spawnTestSimulator(["--vehicles", String(VEHICLES)]);
    server = await startNextServer({
      port: PORT,
      env: {
        SIMULATOR_URL: sim.url,
        FLEETUP_MODE: "simulator",
        POLL_POSITIONS_S: "2",
        POLL_TRIPS_S: "4",
        POLL_ALERTS_S: "4",
        FLEETUP_BREAKER_HALF_OPEN_MS: "2000",
        STATUS_OLD_FIX_S: "15",
        STATUS_OFFLINE_AFTER_S: "60",
        USERS_FILE: "test-results/clusters/users.json",
        DISPLAYS_FILE: "test-results/clusters/displays.json",
      },
    });
    const control = simControl(sim.url);
    const fleet = (await control.fleet()) as unknown as SimFleet;
    const online = fleet.vehicles.filter((v) => v.online);
    const [alerted, companion] = online.filter((v) => v.status === "moving");
    const parked = online.find((v) => v.status === "parked" || v.status === "stopped")!;
    expect(alerted && companion && parked).toBeTruthy();

    // Into the restricted zone (a critical fence alert), then out to the desert with the others.
    const preserve = fleet.fences.find((f) => /restricted/i.test(f.fenceName))!.polygon!;
    const inside = {
      lat: preserve.reduce((sum, p) => sum + p.lat, 0) / preserve.length,
      lng: preserve.reduce((sum, p) => sum + p.lng, 0) / preserve.length,
    };
    await control.move(alerted!.devId, { ...inside, speed: 20 });
    // Driving (reporting every few seconds) and held there; the parked one reports every 5 min.
    const keepFresh = async () => {
      await control.move(alerted!.devId, { ...SPOT, speed: 20 });
      await control.move(companion!.devId, { lat: SPOT.lat + 0.0004, lng: SPOT.lng, speed: 20 });
    };
    await keepFresh();
    await control.move(parked.devId, { lat: SPOT.lat, lng: SPOT.lng + 0.0004, speed: 0 });

    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
    });
    const violations: string[] = [];
    await watchForCspViolations(context, violations);
    const page = await context.newPage();
    await signInThroughForm(page, demoEmail("dispatcher"), DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/");
    // Zoomed out over the desert spot (the city's clusters are at the map's edge).
    await page.goto(`/?at=${SPOT.lat},${SPOT.lng},9`);
    await expect(page.getByTestId("fleet-map")).toHaveAttribute(
      "data-rendered-vehicles",
      String(VEHICLES),
      { timeout: 60_000 },
    );
    // The first visit above was this user's last look: what came since must not cover the map.
    await dismissSinceLastLook(page);
    // The fading steps are the server's: 15 s, three times that, and the offline age.
    await expect(page.getByTestId("legend-fading")).toContainText("(15 s, 45 s, 1 min)");

    // The three make one cluster; the critical alert of one of them puts a badge on it, and
    // hovering it lists the counts.
    await expect
      .poll(async () => (await clusterAtCentre(page))?.alert, { timeout: 60_000 })
      .toBe("critical");
    const before = (await clusterAtCentre(page))!;
    expect(before).toMatchObject({ count: "3", moving: "2", offline: "0" });
    expect(Number(before.stopped) + Number(before.idle)).toBe(1);
    expect(before.text).toContain("3 vehicles");
    expect(before.text).toContain("2 moving");
    expect(before.text).toContain("1 vehicle with a critical alert");

    // The parked one stops reporting for longer than the server's offline age: the mix changes.
    await expect
      .poll(
        async () => {
          await keepFresh();
          return (await clusterAtCentre(page))?.offline;
        },
        { timeout: 120_000, intervals: [5_000] },
      )
      .toBe("1");
    const after = (await clusterAtCentre(page))!;
    expect(after).toMatchObject({ count: "3", moving: "2", offline: "1", stopped: "0", idle: "0" });
    expect(after.text).toContain("2 moving · 1 offline");

    // The keyboard reaches the clusters too: one button walks through them, naming each.
    const cursor = page.getByRole("button", { name: /^Cluster of \d+ vehicles/ });
    await cursor.focus();
    await page.keyboard.press("End");
    await expect(cursor).toHaveAccessibleName(/Cluster (\d+) of \1; arrow keys for the others$/);
    await expect(page.getByRole("tooltip")).toBeVisible();

    // A click on the cluster zooms to its members: close enough that they are drawn one by one.
    const box = (await page.getByTestId("fleet-map").boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page).toHaveURL(/at=33\.05\d*,-113\.\d+,15/);
    await expect.poll(() => clusterAtCentre(page)).toBeUndefined();
    expect(violations).toEqual([]);
    await context.close();
  } finally {
    await server?.stop();
    await sim?.stop();
  }
});
