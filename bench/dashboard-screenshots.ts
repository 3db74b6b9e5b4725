/**
 * Screenshots of the dashboard in the light and dark themes at 1440×900, for a person to look
 * at (nothing overlapping, nothing unreadable). Needs a running server with the demo users:
 *
 *   BASE_URL=http://127.0.0.1:3000 npx tsx bench/dashboard-screenshots.ts
 *
 * Writes test-results/dashboard-{light,dark}.png (git-ignored). Uses Debian's Chromium. With
 * SIM_URL (that server's simulator), also dashboard-delayed.png during a simulated outage.
 */
import { chromium } from "@playwright/test";
import { simControl } from "../e2e/support/sim-control";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OUT = process.env.OUT_DIR ?? "test-results";

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      baseURL: BASE_URL,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("dispatcher@demo.local");
    await page.getByLabel("Password").fill("fleet-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    for (const theme of ["light", "dark"] as const) {
      await page.goto(`/?theme=${theme}`);
      await page.locator("[data-testid=fleet-map]:not([data-rendered-vehicles='0'])").waitFor();
      const first = page.locator("[data-vehicle-id]").first();
      await first.click();
      await page.getByTestId("vehicle-detail").waitFor();
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${OUT}/dashboard-${theme}.png` });
      console.log(`${OUT}/dashboard-${theme}.png`);
    }
    if (process.env.SIM_URL) {
      const sim = simControl(process.env.SIM_URL);
      try {
        // Live first: while the page is still connecting the indicator also says DELAYED.
        await page.goto("/?theme=light&panel=trips");
        await page.locator("[data-feed-state=live]").waitFor();
        await sim.configure({ faults: { outage: true, outageMode: "refuse" } });
        await page.locator("[data-feed-state=delayed]").waitFor();
        await page.waitForTimeout(4000);
        await page.screenshot({ path: `${OUT}/dashboard-delayed.png` });
        console.log(`${OUT}/dashboard-delayed.png`);
      } finally {
        await sim.resetFaults();
      }
    }
  } finally {
    await browser.close();
  }
}

await main();
