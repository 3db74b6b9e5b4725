import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures/auth";
import { feedIndicator, openDashboard, otherVehicleRow, simFleet } from "./support/dashboard";
import { openWall } from "./support/wall";

/**
 * Never blank: a broken panel keeps the map, a broken wall reloads itself, an unknown address is
 * the app's own 404, and the app installs (manifest and icons, reachable signed out). The render
 * errors are forced with ?fault=, which the e2e server allows (E2E_FAULTS=1 in
 * playwright.config.ts; without it the parameter does nothing, lib/faults.test.ts).
 */

function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}

test.describe("a render error", () => {
  test("in the alerts panel leaves the map, the list and the other panels working", async ({
    dispatcherPage: page,
  }) => {
    const errors = consoleErrors(page);
    const map = await openDashboard(page, "?fault=panel");
    const { vehicles } = await simFleet();
    const side = page.getByRole("complementary", { name: "Details, alerts and trips" });
    const broken = side
      .getByRole("alert")
      .filter({ hasText: "The alerts panel could not be shown." });
    await expect(broken).toBeVisible();
    // The map still draws the whole fleet, live.
    await expect(map).toHaveAttribute("data-rendered-vehicles", String(vehicles.length));
    await expect(feedIndicator(page)).toHaveAttribute("data-feed-state", "live");
    const logged = () =>
      errors.filter((line) => line.includes("[panel] alerts panel: render error"));
    await expect.poll(() => logged().length).toBe(1);
    expect(logged()[0]).toContain('Forced render error "panel"');

    // "Try again" renders the panel again: the fault is still armed, so it breaks again.
    await broken.getByRole("button", { name: "Try again" }).click();
    await expect.poll(() => logged().length).toBe(2);
    await expect(broken).toBeVisible();

    // Another tab is another panel; the vehicle list and the detail still work.
    await side.getByRole("button", { name: /^Trips/ }).click();
    await expect(side.getByTestId("panel-error")).toHaveCount(0);
    const { id, row } = await otherVehicleRow(page.getByRole("listbox", { name: /^Vehicles/ }));
    await row.click();
    await expect(page.getByTestId("vehicle-detail")).toHaveAttribute("data-vehicle-id", id);
    await expect(page.getByTestId("selected-vehicle-marker")).toHaveCount(1);
    await expect(map).toHaveAttribute("data-rendered-vehicles", String(vehicles.length));
    await side.getByRole("button", { name: /^Alerts/ }).click();
    await expect(broken).toBeVisible();
  });

  test("on the wall says so and reloads the page, waiting longer while it repeats", async ({
    dispatcherPage: page,
  }) => {
    const errors = consoleErrors(page);
    await page.goto("/wall?fault=wall&errorReload=2");
    const screen = page.getByTestId("wall-error");
    await expect(screen).toContainText(/Something went wrong — reloading in [12] s/);
    expect(errors.some((line) => line.includes("[wall] render error"))).toBe(true);

    // The page loads again by itself; the second error waits twice as long.
    const reload = await page.waitForRequest(
      (request) => request.isNavigationRequest() && new URL(request.url()).pathname === "/wall",
      { timeout: 15_000 },
    );
    expect(new URL(reload.url()).searchParams.get("fault")).toBe("wall");
    await expect(screen).toContainText(/Something went wrong — reloading in [34] s/);
    const streak = await page.evaluate(() =>
      window.sessionStorage.getItem("fleet-live-wall-error-reloads"),
    );
    expect(JSON.parse(streak!)).toMatchObject({ count: 1 });

    // Without the error, the same tab shows the wall again.
    await openWall(page, "?errorReload=2");
    await expect(screen).toHaveCount(0);
  });
});

test.describe("an unknown address", () => {
  test("answers 404 with the app's page, signed out", async ({ page }) => {
    for (const path of ["/no-such-page", "/wall/settings", "/admin"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      expect(new URL(page.url()).pathname, path).toBe(path);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Go to the map" })).toHaveAttribute("href", "/");
    }
    // A real page still asks for a sign-in first.
    await page.goto("/admin/displays");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fdisplays/);
  });

  test("answers 404 with the app's page, signed in", async ({ viewerPage: page }) => {
    for (const path of ["/no-such-page", "/vehicles/123", "/admin/displays"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
    await page.getByRole("link", { name: "Go to the map" }).click();
    await expect(page.getByTestId("fleet-map")).toBeVisible();
  });
});

/** Width and height from a PNG's header. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

/** Fetches an image without cookies; `type` is its exact media type, or a pattern for one. */
async function expectImage(request: APIRequestContext, href: string, type: string | RegExp) {
  const response = await request.get(href);
  expect(response.status(), href).toBe(200);
  const mediaType = response.headers()["content-type"]?.split(";")[0]?.trim();
  if (typeof type === "string") expect(mediaType, href).toBe(type);
  else expect(mediaType, href).toMatch(type);
  return response.body();
}

test("the app installs: a manifest linked from the page, its icons served, all signed out", async ({
  page,
  request,
}) => {
  await page.goto("/sign-in");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBeTruthy();
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const manifest = (await response.json()) as {
    name: string;
    short_name: string;
    start_url: string;
    display: string;
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({ name: "Fleet Live", start_url: "/", display: "standalone" });
  expect(manifest.short_name.length).toBeGreaterThan(0);
  expect(manifest.short_name.length).toBeLessThanOrEqual(12);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

  const pngs: string[] = [];
  for (const icon of manifest.icons) {
    const body = await expectImage(request, icon.src, icon.type);
    if (icon.type === "image/png") {
      expect(pngSize(body), icon.src).toBe(icon.sizes);
      pngs.push(`${icon.sizes} ${icon.purpose ?? "any"}`);
    }
  }
  expect(pngs).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));

  // Theme colours for light and dark, and the icons a browser or a home screen asks for.
  const themes = page.locator('meta[name="theme-color"]');
  await expect(themes).toHaveCount(2);
  await expect(
    page.locator('meta[name="theme-color"][media="(prefers-color-scheme: dark)"]'),
  ).toHaveAttribute("content", /^#[0-9a-f]{6}$/i);
  const icons = await page
    .locator('link[rel="icon"]')
    .evaluateAll((links) => links.map((link) => link.getAttribute("href")!));
  expect(icons).toContain("/favicon.ico");
  for (const icon of icons) await expectImage(request, icon, /^image\//);
  const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute("href");
  expect(pngSize(await expectImage(request, apple!, "image/png"))).toBe("180x180");
});
