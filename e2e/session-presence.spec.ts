import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "@playwright/test";
import { startNextServer, type RunningServer } from "../scripts/lib/next-server";
import {
  DEMO_PASSWORD,
  demoEmail,
  expect,
  signInThroughForm,
  test,
  watchForCspViolations,
  type DemoRole,
} from "./fixtures/auth";
import { E2E_PORT } from "./support/servers";
import { spawnTestSimulator, type SpawnedSimulator } from "./support/simulator";

/**
 * A session that lasts the shift (docs/sign-in.md, Sessions): a visible dashboard receiving the
 * live feed keeps its session without any input; a hidden one idles out after SESSION_IDLE_S,
 * its stream flowing all along; before that, "Are you still there?" offers "Stay signed in".
 * Against a server of its own with the shortest idle window the settings allow, so the suite's
 * shared server keeps its production-like 30 minutes.
 */
const PORT = Number(process.env.E2E_PRESENCE_PORT ?? E2E_PORT + 61);
const WORK = join("test-results", "session-presence");
const IDLE_S = 60;
/** presenceTiming(60): reports every 10 s while visible, warns 15 s before the end. */
const WARN_BEFORE_S = 15;

test.describe.configure({ mode: "serial", timeout: 300_000 });

let sim: SpawnedSimulator;
let server: RunningServer;

test.beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  sim = await spawnTestSimulator(["--vehicles", "5"]);
  server = await startNextServer({
    port: PORT,
    env: {
      SIMULATOR_URL: sim.url,
      FLEETUP_MODE: "simulator",
      POLL_POSITIONS_S: "2",
      DATABASE_DIR: join(WORK, "db"),
      USERS_FILE: join(WORK, "users.json"),
      DISPLAYS_FILE: join(WORK, "displays.json"),
      SESSION_IDLE_S: String(IDLE_S),
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await sim?.stop();
});

/**
 * Playwright keeps every page visible and active, a page behind another one too (by design:
 * microsoft/playwright#2286; checked here in headless Chromium), so a hidden tab is emulated:
 * `document.visibilityState` and `document.hidden` say what the test sets, and
 * `visibilitychange` fires, as when a person switches tabs or minimises the window. Everything
 * else (timers, the stream, the server) runs for real.
 */
async function emulateVisibility(page: Page) {
  await page.context().addInitScript(() => {
    let hidden = false;
    Object.defineProperty(Document.prototype, "visibilityState", {
      configurable: true,
      get: () => (hidden ? "hidden" : "visible"),
    });
    Object.defineProperty(Document.prototype, "hidden", { configurable: true, get: () => hidden });
    (window as unknown as { setHidden: (value: boolean) => void }).setHidden = (value) => {
      hidden = value;
      document.dispatchEvent(new Event("visibilitychange"));
    };
  });
}

const hide = (page: Page) =>
  page.evaluate(() => (window as unknown as { setHidden: (v: boolean) => void }).setHidden(true));

/** A dashboard signed in as `role` in a browser context of its own (a session of its own). */
async function dashboard(browser: Browser, role: DemoRole, violations: string[]): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  await watchForCspViolations(context, violations);
  const page = await context.newPage();
  await emulateVisibility(page);
  await signInThroughForm(page, demoEmail(role), DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.locator("[data-feed-state]")).toHaveAttribute("data-feed-state", "live", {
    timeout: 30_000,
  });
  return page;
}

/** What the server says of the page's own session cookie, without counting as activity. */
const fleetStatus = async (page: Page) =>
  (await page.context().request.get("/api/fleet/snapshot")).status();

const seconds = (s: number) => s * 1000;

test("a visible dashboard outlives SESSION_IDLE_S without input; a hidden one is signed out; the warning's Stay signed in keeps it", async ({
  browser,
  cspViolations,
}) => {
  // The three run side by side (about two minutes rather than four), each its own session.
  await Promise.all([
    test.step("visible and receiving the feed, no input: still signed in after SESSION_IDLE_S", async () => {
      const page = await dashboard(browser, "viewer", cspViolations);
      await page.waitForTimeout(seconds(IDLE_S + 20));
      expect(new URL(page.url()).pathname).toBe("/");
      await expect(page.getByRole("alertdialog")).toHaveCount(0);
      expect(await fleetStatus(page)).toBe(200);
      await page.context().close();
    }),

    test.step("hidden, the stream still flowing: signed out after SESSION_IDLE_S", async () => {
      const page = await dashboard(browser, "dispatcher", cspViolations);
      await hide(page);
      const hiddenAt = Date.now();
      // The stream alone does not count: half-way, the hidden page still receives the feed.
      await page.waitForTimeout(seconds(IDLE_S / 2));
      await expect(page.locator("[data-feed-state]")).toHaveAttribute("data-feed-state", "live");
      await page.waitForURL((url) => url.pathname === "/sign-in", {
        timeout: seconds(IDLE_S + 30),
      });
      // Not before the idle window (the last report may have come 10 s before hiding).
      expect(Date.now() - hiddenAt).toBeGreaterThanOrEqual(seconds(IDLE_S - 15));
      expect(await fleetStatus(page)).toBe(401);
      await page.context().close();
    }),

    test.step("hidden: the warning appears before the end; Stay signed in and Escape keep the session", async () => {
      const page = await dashboard(browser, "admin", cspViolations);
      await hide(page);
      const warning = page.getByRole("alertdialog", { name: "Are you still there?" });
      const stay = warning.getByRole("button", { name: "Stay signed in" });

      await expect(warning).toBeVisible({ timeout: seconds(IDLE_S) });
      await expect(warning).toContainText(/signed out in 0:\d\d/);
      await expect(stay).toBeFocused();
      await stay.click();
      await expect(warning).toBeHidden();

      // Kept for another idle window; still hidden, so the warning comes again: Escape answers it.
      await expect(warning).toBeVisible({ timeout: seconds(IDLE_S) });
      await expect(stay).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(warning).toBeHidden();

      // Past the end the warning announced, the session is still there.
      await page.waitForTimeout(seconds(WARN_BEFORE_S + 5));
      expect(new URL(page.url()).pathname).toBe("/");
      expect(await fleetStatus(page)).toBe(200);
      await page.context().close();
    }),
  ]);
});
