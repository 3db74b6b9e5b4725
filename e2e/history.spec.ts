import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { fleetPointsAt, type FleetFrames } from "../lib/fleet/history";
import { startNextServer, type RunningServer } from "../scripts/lib/next-server";
import { DEMO_PASSWORD, demoEmail, expect, signInThroughForm, test } from "./fixtures/auth";
import { signedInCookie } from "./support/auth";
import { openDashboard, simFleet } from "./support/dashboard";
import { slope } from "./support/fit";
import { E2E_POLL, E2E_PORT } from "./support/servers";
import { simControl } from "./support/sim-control";
import { spawnTestSimulator, type SpawnedSimulator } from "./support/simulator";
import { fleetSnapshotOf } from "./support/wire";

/**
 * Against a server and simulator of their own (the spec runs in the own-servers lane, beside
 * the shared one): over two minutes of it is waiting for a dwell limit to pass.
 */
const PORT = Number(process.env.E2E_HISTORY_PORT ?? E2E_PORT + 71);
const WORK = join("test-results", "history");

/** Degrees of latitude per metre. */
const LAT_PER_M = 1 / 111_320;

type Place = { lat: number; lng: number };
type Truth = Place & { at: number };
/** When the recording first has a place, and when its next point comes. */
type Recorded = { at: number; next: number };

/** The position the replay draws for its vehicle: the selected ring carries it. */
async function drawn(page: Page) {
  const ring = page.getByTestId("selected-vehicle-marker");
  await expect(ring).toHaveCount(1);
  return {
    lat: Number(await ring.getAttribute("data-lat")),
    lng: Number(await ring.getAttribute("data-lng")),
  };
}

/** Scrubs to `t` as a drag of the slider would (it moves in whole seconds from the start). */
async function scrubTo(page: Page, t: number) {
  await page.getByRole("slider", { name: "Replay time" }).evaluate((element, value) => {
    const input = element as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(
      input,
      String(value),
    );
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, t);
}

/** Within the recording's 1e-5° of where the simulator put the vehicle. */
const near = (lat: number, lng: number, point: Place) =>
  Math.abs(lat - point.lat) < 2e-5 && Math.abs(lng - point.lng) < 2e-5;

/**
 * When the recording has the vehicle at each of `places` in turn, after `after`: the fix time of
 * its first point there, and of the point after it; undefined until it has them all. A fix's
 * time is on the simulator's clock, which runs up to 2 s behind the test's (a fix stamped
 * 10:31:43.000 for a move made at 10:31:44.250), so the replay is checked at recorded times.
 */
async function recordedTimes(
  api: APIRequestContext,
  deviceId: string,
  places: Place[],
  after: number,
) {
  const answer = await api.get(`/api/history/vehicles/${deviceId}?from=${after}&to=${Date.now()}`);
  const { points } = (await answer.json()) as { points: [number, number, number][] };
  const times: Recorded[] = [];
  for (const point of places) {
    const from = times.at(-1)?.at ?? after;
    const i = points.findIndex(([t, lat, lng]) => t > from && near(lat, lng, point));
    if (i < 0) return undefined;
    times.push({ at: points[i]![0], next: points[i + 1]?.[0] ?? Infinity });
  }
  return times;
}

/** The replay draws the vehicle where the simulator put it (recorded to 1e-5°). */
async function expectDrawnAt(page: Page, truth: Truth) {
  await expect
    .poll(async () => {
      const at = await drawn(page);
      return Math.max(Math.abs(at.lat - truth.lat), Math.abs(at.lng - truth.lng));
    })
    .toBeLessThan(2e-5);
}

test.describe("recorded history", () => {
  let sim: SpawnedSimulator;
  let server: RunningServer;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    rmSync(WORK, { recursive: true, force: true });
    sim = await spawnTestSimulator();
    server = await startNextServer({
      port: PORT,
      env: {
        SIMULATOR_URL: sim.url,
        FLEETUP_MODE: "simulator",
        POLL_POSITIONS_S: String(E2E_POLL.positionsS),
        POLL_TRIPS_S: String(E2E_POLL.tripsS),
        POLL_ALERTS_S: String(E2E_POLL.alertsS),
        DATABASE_DIR: join(WORK, "db"),
        USERS_FILE: join(WORK, "users.json"),
        DISPLAYS_FILE: join(WORK, "displays.json"),
      },
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    await sim?.stop();
  });

  test("a drive through a fence: replay at 10×, the occupancy board, a dwell limit's alert, and 'since you last looked' after signing in again", async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const control = simControl(sim.url);
    const { vehicles, fences } = await simFleet(control);
    const fence = fences.find((f) => f.kind === "circle" && f.center && f.radiusMeters)!;
    const vehicle = vehicles.find((v) => !v.fenceIds.includes(fence.fenceId) && v.online)!;
    const center = fence.center!;
    const radius = fence.radiusMeters!;
    const outside = (side: 1 | -1) => ({
      lat: center.lat + side * 3 * radius * LAT_PER_M,
      lng: center.lng + 0.0003 * side,
    });
    const inside = { lat: center.lat + 0.3 * radius * LAT_PER_M, lng: center.lng };

    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const admin = await playwrightRequest.newContext({
      baseURL: server.url,
      extraHTTPHeaders: { cookie: await signedInCookie("admin", server.url) },
    });
    try {
      await signInThroughForm(page, demoEmail("admin"), DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname === "/");
      await openDashboard(page, `?v=${vehicle.devId}&panel=fences`);
      const name = vehicle.name;
      // (A server just started may not have the names yet.)
      await expect(page.locator("#vehicle-detail-title")).toHaveText(name, { timeout: 60_000 });
      const board = page.locator(`[data-fence-occupancy="${fence.fenceId}"]`);

      // A server just started records only once it leads: wait until a move is recorded.
      const warmUp = { lat: outside(-1).lat - 0.002, lng: outside(-1).lng };
      const warmedAt = Date.now();
      await control.move(vehicle.devId, { ...warmUp, speed: 20, heading: 0 });
      let warm: Recorded[] | undefined;
      await expect
        .poll(
          async () =>
            (warm = await recordedTimes(admin, vehicle.devId, [warmUp], warmedAt - 2_000)),
          { timeout: 60_000 },
        )
        .toBeDefined();

      // The drive: outside, in (two places), out again; each held for a few polls.
      const truth: Truth[] = [];
      const drive = async (to: { lat: number; lng: number }, holdMs: number) => {
        await control.move(vehicle.devId, { ...to, speed: 20, heading: 0 });
        truth.push({ at: Date.now(), ...to });
        await page.waitForTimeout(holdMs);
      };
      await drive(outside(-1), 8_000);
      await drive(center, 6_000);
      await expect(board.locator(`[data-vehicle-id="${vehicle.devId}"]`)).toContainText(name, {
        timeout: 20_000,
      });
      await drive(inside, 8_000);
      await drive(outside(1), 8_000);

      // The occupancy board: the vehicle has left; the day's visits have an average dwell.
      await expect(board.locator(`[data-vehicle-id="${vehicle.devId}"]`)).toHaveCount(0, {
        timeout: 30_000,
      });
      await expect(board.getByTestId("fence-visits")).toContainText(/[1-9]\d* visits? today/);
      await expect(board.getByTestId("fence-average-dwell")).toContainText("average dwell");
      // Every driven point is in the recording, after the warm-up's.
      let recorded: Recorded[] | undefined;
      await expect
        .poll(
          async () => (recorded = await recordedTimes(admin, vehicle.devId, truth, warm![0]!.at)),
          { timeout: 15_000 },
        )
        .toBeDefined();
      const seen = recorded!;

      // Replay of the last 10 minutes at 10×.
      await page.getByRole("button", { name: "Replay", exact: true }).first().click();
      const replay = page.getByTestId("replay");
      await expect(replay).toBeVisible({ timeout: 15_000 });
      await page.getByRole("button", { name: "Last 10 min" }).click();
      await page.getByRole("group", { name: "Speed" }).getByRole("button", { name: "10×" }).click();
      await expect(page.getByTestId("replay-title")).toHaveText(name);
      // The visit the recording saw is the one driven: in after the first move in, out by the
      // move out.
      const visits = replay.locator('[data-mark="visit"]');
      await expect(visits.first()).toBeAttached({ timeout: 15_000 });
      const spans = await visits.evaluateAll((marks) =>
        marks.map(
          (mark) =>
            [Number(mark.getAttribute("data-from")), Number(mark.getAttribute("data-to"))] as const,
        ),
      );
      expect(
        spans.some(
          ([from, to]) =>
            from >= truth[1]!.at - 3_000 &&
            from <= seen[1]!.at + 5_000 &&
            to >= truth[2]!.at &&
            to <= seen[3]!.at + 5_000,
        ),
        `a visit from the entry (moved ${truth[1]!.at}, recorded ${seen[1]!.at}) to the exit (moved ${truth[3]!.at}, recorded ${seen[3]!.at}) in ${JSON.stringify(spans)}`,
      ).toBe(true);
      await expect(
        page
          .getByRole("button", {
            name: new RegExp(`^In ${fence.fenceName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} at`),
          })
          .first(),
      ).toBeVisible();

      // Play from the start of the range: the time runs at ten times the clock. Ten minutes at
      // 10× is a minute of playing; from a minute before the drive it was 12 s, and a starved
      // machine took 15 s from Play to Pause: the replay ended, and the click meant for Pause
      // landed on Play again.
      const slider = page.getByRole("slider", { name: "Replay time" });
      await scrubTo(page, Number(await slider.getAttribute("min")));
      await page.getByRole("button", { name: "Play", exact: true }).click();
      // The pace is read in the page, from its replay time as it changes: timed from here, a
      // busy machine's action latency counted as playing time (2.9× measured for 10×, once).
      const changes = await replay.evaluate(
        (element) =>
          new Promise<[number, number][]>((resolve) => {
            const seen: [number, number][] = [];
            const observer = new MutationObserver(() =>
              seen.push([performance.now(), Number(element.getAttribute("data-replay-time"))]),
            );
            observer.observe(element, { attributeFilter: ["data-replay-time"] });
            setTimeout(() => {
              observer.disconnect();
              resolve(seen);
            }, 4_000);
          }),
      );
      await page.getByRole("button", { name: "Pause", exact: true }).click();
      await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
      expect(changes.length, "the replay time changes while playing").toBeGreaterThan(2);
      // The slope through every change, not the first and the last: a page update seen late at
      // one end read 12.6× for 10× over 2 s on a busy machine.
      const rate = slope(changes);
      const [[startedAt, startT], [endedAt, endT]] = [changes[0]!, changes.at(-1)!];
      const played = `replay time ${startT} → ${endT} in ${(endedAt - startedAt).toFixed(0)} ms, ${changes.length} changes`;
      // Clear of the 5× and 30× choices.
      expect(rate, played).toBeGreaterThan(7);
      expect(rate, played).toBeLessThanOrEqual(12);

      // Scrub points against the simulator's truth: outside, in the fence, deeper in, out again;
      // each at the slider's first second at or after its recorded time, before the next point.
      const start = Number(await slider.getAttribute("min"));
      const shownAt = ({ at }: { at: number }) => start + Math.ceil((at - start) / 1_000) * 1_000;
      for (const [i, point] of truth.entries()) {
        expect(shownAt(seen[i]!), `point ${i} is shown for a second`).toBeLessThan(seen[i]!.next);
        await scrubTo(page, shownAt(seen[i]!));
        await test.step(`scrub point ${i}`, () => expectDrawnAt(page, point));
      }

      // The link reproduces the replay: same vehicle, time and speed.
      const link = page.url();
      expect(link).toContain(`replay=vehicle:${vehicle.devId}`);
      const again = await context.newPage();
      await again.goto(link);
      await expect(again.getByTestId("replay-title")).toHaveText(name);
      await expect(
        again.getByRole("group", { name: "Speed" }).getByRole("button", { name: "10×" }),
      ).toHaveAttribute("aria-pressed", "true");
      await expectDrawnAt(again, truth[3]!);
      await again.close();

      // The drive as a download: every scrub point is a recorded position in the CSV and on
      // the GeoJSON track.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        replay.getByRole("link", { name: "CSV", exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${vehicle.devId}-.*\\.csv$`));
      const csv = readFileSync(await download.path(), "utf8").split("\r\n");
      expect(csv[0]).toBe("time,kind,latitude,longitude,speed_kmh,heading_deg,status,detail");
      const fixes = csv
        .map((line) => line.split(","))
        .filter((cells) => cells[1] === "position")
        .map((cells) => ({ lat: Number(cells[2]), lng: Number(cells[3]) }));
      for (const point of truth) {
        expect(fixes.some((fix) => near(fix.lat, fix.lng, point))).toBe(true);
      }
      const geoJsonLink = replay.getByRole("link", { name: "GeoJSON", exact: true });
      const geoJson = (await (
        await page.request.get((await geoJsonLink.getAttribute("href"))!)
      ).json()) as {
        features: Array<{ geometry: { type: string; coordinates: unknown } }>;
      };
      const track = geoJson.features.find((f) => f.geometry.type === "LineString");
      const coordinates = track!.geometry.coordinates as [number, number][];
      for (const point of truth) {
        expect(coordinates.some(([lng, lat]) => near(lat, lng, point))).toBe(true);
      }

      // The whole fleet at a moment of the drive: every vehicle drawn, and the fleet's frame has
      // the vehicle where the simulator put it.
      await replay.getByRole("button", { name: "Whole fleet", exact: true }).click();
      await expect(page.getByTestId("replay-title")).toHaveText("Whole fleet");
      const deeperIn = shownAt(seen[2]!);
      await scrubTo(page, deeperIn);
      await expect(replay.getByTestId("fleet-map")).toHaveAttribute(
        "data-rendered-vehicles",
        String(vehicles.length),
        { timeout: 15_000 },
      );
      const frame = (await (
        await page.request.get(`/api/history/fleet/frames?at=${deeperIn}&span=1000`)
      ).json()) as FleetFrames;
      const index = frame.devices.findIndex((device) => device.id === vehicle.devId);
      const there = fleetPointsAt(frame, deeperIn).get(index);
      expect(there && near(there.lat, there.lng, truth[2]!)).toBe(true);

      // Back to live at once: the whole fleet, live.
      await page.getByRole("button", { name: "Back to live" }).click();
      await expect(replay).toHaveCount(0);
      await expect(page.getByTestId("fleet-map")).toHaveAttribute(
        "data-rendered-vehicles",
        String(vehicles.length),
      );

      // An admin sets a one-minute dwell limit on the fence, and signs out.
      await board.getByLabel("Dwell limit (min)").fill("1");
      await board.getByRole("button", { name: "Save limit" }).click();
      await expect(board.getByRole("status")).toHaveText("Saved");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL((url) => url.pathname === "/sign-in");

      // While nobody looks, the vehicle parks in the fence past the limit.
      await control.move(vehicle.devId, { ...center, speed: 0 });
      await expect
        .poll(
          async () => {
            const snapshot = await fleetSnapshotOf(await admin.get("/api/fleet/snapshot"));
            return snapshot.alerts.some(
              (a) =>
                a.type === "dwell_exceeded" &&
                a.deviceId === vehicle.devId &&
                a.fenceId === fence.fenceId,
            );
          },
          { timeout: 150_000, intervals: [5_000] },
        )
        .toBe(true);

      // Back in: the summary lists the alert, one click from the vehicle on the map.
      await signInThroughForm(page, demoEmail("admin"), DEMO_PASSWORD);
      await page.waitForURL((url) => url.pathname === "/");
      // As long as `openDashboard` gives a page to draw and ask (the machine may be starved),
      // then the answer must be the summary.
      const asked = page.getByTestId("since-last-look");
      await expect(asked).toHaveAttribute("data-state", /^(none|shown)$/, { timeout: 45_000 });
      await expect(asked).toHaveAttribute("data-state", "shown");
      const summary = page.getByRole("dialog", { name: /Since you last looked/ });
      await expect(summary).toBeVisible();
      const line = summary
        .getByRole("button")
        .filter({ hasText: "Dwell limit exceeded" })
        .filter({ hasText: name });
      await expect(line.first()).toBeVisible();
      await line.first().click();
      await expect(page.getByTestId("vehicle-detail")).toHaveAttribute(
        "data-vehicle-id",
        vehicle.devId,
      );
    } finally {
      await context.close();
      await admin.dispose();
    }
  });
});
