import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures/auth";
import { openDashboard, otherVehicleRow, simFleet } from "./support/dashboard";

/**
 * The dashboard on a phone (390×844, touch) and a tablet (1024×768): every vehicle is drawn,
 * every panel can be reached, a vehicle can be picked on the map and in the list, and nothing
 * scrolls sideways.
 */
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true };

async function noSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    body: document.body.scrollWidth,
  }));
  expect(widths.scroll, "document scroll width").toBeLessThanOrEqual(widths.client);
  expect(widths.body, "body scroll width").toBeLessThanOrEqual(widths.client);
}

/** Each tab of the panel shows its own content. */
async function everyPanelReachable(page: Page, panel: Locator) {
  const tabs = panel.getByRole("group", { name: "Show" });
  const content: [RegExp, Locator][] = [
    [/^Vehicles/, panel.getByRole("listbox", { name: /^Vehicles/ })],
    [/^Alerts/, panel.getByRole("list", { name: "Alerts, newest first" })],
    [/^Trips/, panel.getByRole("list", { name: "Ongoing trips" })],
    [/^Fences/, panel.getByRole("list", { name: "Fences" })],
  ];
  for (const [name, shown] of content) {
    const tab = tabs.getByRole("button", { name });
    if ((await tab.getAttribute("aria-pressed")) !== "true") await tab.tap();
    await expect(tab).toHaveAttribute("aria-pressed", "true");
    await expect(shown).toBeVisible();
    await noSidewaysScroll(page);
  }
}

/** Where the map draws a vehicle, read from the selected-vehicle ring, in page coordinates. */
async function drawnAt(page: Page, map: Locator, vehicleId: string) {
  const ring = page.getByTestId("selected-vehicle-marker");
  await expect(ring).toHaveAttribute("data-vehicle-id", vehicleId);
  const box = (await map.boundingBox())!;
  return {
    x: box.x + Number(await ring.getAttribute("data-x")),
    y: box.y + Number(await ring.getAttribute("data-y")),
  };
}

/** A parked vehicle near the middle of the fleet, so it is on screen at the first fit. */
async function centralParkedVehicle() {
  const { vehicles } = await simFleet();
  const online = vehicles.filter((v) => v.online);
  const mid = {
    lat: online.reduce((sum, v) => sum + v.lat, 0) / online.length,
    lng: online.reduce((sum, v) => sum + v.lng, 0) / online.length,
  };
  const parked = online.filter((v) => v.speed === 0);
  parked.sort(
    (a, b) =>
      Math.hypot(a.lat - mid.lat, a.lng - mid.lng) - Math.hypot(b.lat - mid.lat, b.lng - mid.lng),
  );
  return { vehicles, target: parked[0]! };
}

test.describe("on a phone", () => {
  test("the map fills the screen, the sheet reaches every panel, a tap or the list selects", async ({
    pageAs,
  }) => {
    // One long walk through the sheet: about 25 s on an idle machine, twice that under load.
    test.slow();
    const page = await pageAs("dispatcher", PHONE);
    const { vehicles, target } = await centralParkedVehicle();
    const map = await openDashboard(page, `?v=${target.devId}`);
    await expect(map).toHaveAttribute("data-rendered-vehicles", String(vehicles.length));
    await expect(page.getByTestId("feed-indicator")).toBeVisible();
    await expect(page.getByRole("region", { name: "Fleet summary" })).toBeVisible();
    const sheet = page.getByTestId("panel");
    await expect(sheet).toHaveAttribute("data-variant", "sheet");
    await expect(sheet).toHaveAttribute("data-open", "false");
    const mapBox = (await map.boundingBox())!;
    expect(mapBox.width).toBe(390);
    expect(mapBox.height, "the map takes most of the screen").toBeGreaterThan(600);
    await noSidewaysScroll(page);

    // A tap on the vehicle selects it and opens the sheet on its detail.
    const spot = await drawnAt(page, map, target.devId);
    await page.getByRole("button", { name: "Expand panel" }).tap();
    await page
      .getByTestId("vehicle-detail")
      .getByRole("button", { name: /^Close / })
      .tap();
    await page.getByRole("button", { name: "Collapse panel" }).tap();
    await expect(sheet).toHaveAttribute("data-open", "false");
    await expect(page.getByTestId("selected-vehicle-marker")).toBeHidden();
    await page.touchscreen.tap(spot.x, spot.y);
    await expect(sheet).toHaveAttribute("data-open", "true");
    const detail = page.getByTestId("vehicle-detail");
    await expect(detail).toBeVisible();
    const picked = (await detail.getAttribute("data-vehicle-id"))!;
    expect(vehicles.map((v) => v.devId)).toContain(picked);

    await everyPanelReachable(page, sheet);

    // From the list: another vehicle.
    await sheet
      .getByRole("group", { name: "Show" })
      .getByRole("button", { name: /^Vehicles/ })
      .tap();
    const list = sheet.getByRole("listbox", { name: /^Vehicles/ });
    const { id, row } = await otherVehicleRow(list, picked);
    await row.tap();
    await expect(detail).toHaveAttribute("data-vehicle-id", id);
    await expect(page).toHaveURL(new RegExp(`v=${id}`));

    // A long press on the map asks who is nearest that point (the touch screen's right-click).
    await page.getByRole("button", { name: "Collapse panel" }).tap();
    await longPress(page, mapBox.x + 40, mapBox.y + 200);
    await expect(
      page.getByTestId("nearest-panel").getByRole("heading", { name: "Nearest vehicles" }),
    ).toBeVisible({ timeout: 15_000 });
    await noSidewaysScroll(page);

    // The narrowest phone the layout is for, with the menu open.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole("button", { name: "Menu" }).tap();
    await expect(page.getByRole("button", { name: "Dark theme" })).toBeVisible();
    await noSidewaysScroll(page);
  });
});

test.describe("on a tablet", () => {
  test("the map and one panel that folds away; every panel reachable; map and list select", async ({
    pageAs,
  }) => {
    test.slow();
    const page = await pageAs("dispatcher", TABLET);
    const { vehicles, target } = await centralParkedVehicle();
    const map = await openDashboard(page, `?v=${target.devId}`);
    await expect(map).toHaveAttribute("data-rendered-vehicles", String(vehicles.length));
    const panel = page.getByTestId("panel");
    await expect(panel).toHaveAttribute("data-variant", "side");
    await expect(panel).toHaveAttribute("data-open", "true");
    const opened = (await map.boundingBox())!;
    expect(opened.width, "map beside one panel, not a strip").toBeGreaterThan(600);
    await noSidewaysScroll(page);

    // The chosen vehicle's detail fills the panel; a tap on the map chooses.
    const spot = await drawnAt(page, map, target.devId);
    await page
      .getByTestId("vehicle-detail")
      .getByRole("button", { name: /^Close / })
      .tap();
    await page.touchscreen.tap(spot.x, spot.y);
    const detail = page.getByTestId("vehicle-detail");
    await expect(detail).toBeVisible();
    const current = await detail.getAttribute("data-vehicle-id");

    await everyPanelReachable(page, panel);

    const list = panel.getByRole("listbox", { name: /^Vehicles/ });
    await panel
      .getByRole("group", { name: "Show" })
      .getByRole("button", { name: /^Vehicles/ })
      .tap();
    const { id, row } = await otherVehicleRow(list, current);
    await row.tap();
    await expect(detail).toHaveAttribute("data-vehicle-id", id);

    // Folded, the map takes the width; unfolded, the panel comes back as it was.
    await panel.getByRole("button", { name: "Hide panel" }).tap();
    await expect(panel).toHaveAttribute("data-open", "false");
    await expect.poll(async () => (await map.boundingBox())!.width).toBeGreaterThan(950);
    await expect(map).toHaveAttribute("data-rendered-vehicles", String(vehicles.length));
    await panel.getByRole("button", { name: "Show panel" }).tap();
    await expect(detail).toHaveAttribute("data-vehicle-id", id);
    await noSidewaysScroll(page);
  });
});

/** Touch down, hold 800 ms without moving, lift: what a finger does for a context menu. */
async function longPress(page: Page, x: number, y: number) {
  const cdp = await page.context().newCDPSession(page);
  const point = [{ x, y }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: point });
  await page.waitForTimeout(800);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}
