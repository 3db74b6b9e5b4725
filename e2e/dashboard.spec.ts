import { expect, test } from "./fixtures/auth";
import { drawnPosition, feedIndicator, openDashboard, sim, simFleet } from "./support/dashboard";

test.describe("the dispatcher dashboard", () => {
  test("draws as many vehicles as the simulator has", async ({ dispatcherPage: page }) => {
    const map = await openDashboard(page);
    const { vehicles } = await simFleet();
    await expect(map).toHaveAttribute("data-rendered-vehicles", String(vehicles.length));
    await expect(feedIndicator(page)).toHaveAttribute("data-feed-state", "live");
  });

  test("a vehicle the simulator moves changes place on the map and in the detail panel", async ({
    dispatcherPage: page,
  }) => {
    const { vehicles } = await simFleet();
    const vehicle = vehicles[3]!;
    await openDashboard(page, `?v=${vehicle.devId}`);
    const detail = page.getByTestId("vehicle-detail");
    await expect(detail).toHaveAttribute("data-vehicle-id", vehicle.devId);
    const before = await drawnPosition(page);
    const target = { lat: before.lat + 0.004, lng: before.lng - 0.005 };
    try {
      await sim.move(vehicle.devId, { ...target, speed: 40, heading: 90 });
      await expect(detail.getByTestId("vehicle-position")).toHaveText(
        `${target.lat.toFixed(5)}, ${target.lng.toFixed(5)}`,
        { timeout: 15_000 },
      );
      const ring = page.getByTestId("selected-vehicle-marker");
      await expect(ring).toHaveAttribute("data-lat", target.lat.toFixed(6));
      await expect(ring).toHaveAttribute("data-lng", target.lng.toFixed(6));
      expect(page.url()).toContain(`v=${vehicle.devId}`);
    } finally {
      await sim.release(vehicle.devId);
    }
  });

  test("a fence-enter alert appears; its detail shows where, and one click selects the vehicle", async ({
    dispatcherPage: page,
  }) => {
    const { vehicles, fences } = await simFleet();
    const fence = fences.find((f) => f.kind === "circle" && f.center)!;
    const vehicle = vehicles.find((v) => !v.fenceIds.includes(fence.fenceId) && v.online)!;
    // Learn the name the dashboard shows for it, then clear the selection.
    await openDashboard(page, `?v=${vehicle.devId}`);
    const name = (await page.locator("#vehicle-detail-title").textContent())!;
    await page.getByRole("button", { name: `Close ${name}` }).click();
    await expect(page.getByTestId("vehicle-detail")).toHaveCount(0);
    try {
      await sim.move(vehicle.devId, { lat: fence.center!.lat, lng: fence.center!.lng, speed: 0 });
      const alert = page
        .locator("[data-alert-id]")
        .filter({ hasText: "Entered fence" })
        .filter({ hasText: fence.fenceName })
        .filter({ hasText: name })
        .first();
      await expect(alert).toBeVisible({ timeout: 20_000 });
      await alert.click();
      const detail = page.getByTestId("alert-detail");
      await expect(detail).toContainText(fence.fenceName);
      await expect(detail.getByTestId("alert-position")).toHaveText(/^\d+\.\d{5}, -\d+\.\d{5}$/);
      await detail.getByRole("button", { name: "Show vehicle" }).click();
      await expect(page.getByTestId("vehicle-detail")).toHaveAttribute(
        "data-vehicle-id",
        vehicle.devId,
      );
      await expect(page).toHaveURL(new RegExp(`v=${vehicle.devId}`));
    } finally {
      await sim.release(vehicle.devId);
    }
  });

  test("an outage turns the feed DELAYED, then OFFLINE with positions kept, then recovers", async ({
    dispatcherPage: page,
  }) => {
    test.setTimeout(120_000);
    const map = await openDashboard(page);
    const indicator = feedIndicator(page);
    await expect(indicator).toHaveAttribute("data-feed-state", "live", { timeout: 15_000 });
    const drawn = await map.getAttribute("data-rendered-vehicles");
    try {
      // "refuse" destroys every FleetUp connection, as a stopped simulator would.
      await sim.configure({ faults: { outage: true, outageMode: "refuse" } });
      await expect(indicator).toHaveAttribute("data-feed-state", "delayed", { timeout: 15_000 });
      await expect(indicator).toContainText(/data \d+ s old/);
      // OFFLINE once positions are 12 poll intervals old: 24 s with the e2e suite's 2 s polls.
      await expect(indicator).toHaveAttribute("data-feed-state", "offline", { timeout: 45_000 });
      await expect(map).toHaveAttribute("data-rendered-vehicles", drawn!);
    } finally {
      await sim.resetFaults();
    }
    await expect(indicator).toHaveAttribute("data-feed-state", "live", { timeout: 30_000 });
    await expect(map).toHaveAttribute("data-rendered-vehicles", drawn!);
  });

  test("the view in the URL (filters, units, layers, selection) survives a reload", async ({
    dispatcherPage: page,
  }) => {
    await openDashboard(page);
    await page.getByRole("button", { name: /^Stopped \d+/ }).click();
    await page.getByRole("button", { name: "mph" }).click();
    await page.getByRole("button", { name: "Fences", exact: true }).click();
    // The list works from the keyboard: focus it, arrow down, Enter selects.
    const list = page.getByRole("listbox", { name: /^Vehicles/ });
    await list.focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const detail = page.getByTestId("vehicle-detail");
    const id = (await detail.getAttribute("data-vehicle-id"))!;
    await expect(list.getByRole("option", { selected: true })).toHaveAttribute(
      "data-vehicle-id",
      id,
    );
    await expect(page).toHaveURL(/status=stopped/);

    // A reload hydrates the whole dashboard again: on a busy CI machine that can outlast the
    // default 10 s, so it gets openDashboard's 30 s.
    await page.reload();
    await expect(page.getByTestId("vehicle-detail")).toHaveAttribute("data-vehicle-id", id, {
      timeout: 30_000,
    });
    await expect(page.getByRole("button", { name: /^Stopped \d+/ })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await expect(page.getByRole("button", { name: "mph" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("button", { name: "Fences", exact: true })).toHaveAttribute(
      "aria-pressed",
      "false",
    );
    await expect(page.getByTestId("vehicle-speed")).toContainText("mph");
  });

  test("a click on a vehicle on the map selects it and scrolls the list to it", async ({
    dispatcherPage: page,
  }) => {
    const { vehicles } = await simFleet();
    // A parked vehicle far down the list (sorted by name), so the list has to scroll to it.
    const parked = vehicles.filter((v) => v.online && v.speed === 0);
    const target = parked.sort((a, b) => b.name.localeCompare(a.name, "en", { numeric: true }))[0]!;
    const map = await openDashboard(page, `?v=${target.devId}`);
    const ring = page.getByTestId("selected-vehicle-marker");
    await expect(ring).toHaveAttribute("data-vehicle-id", target.devId);
    const x = Number(await ring.getAttribute("data-x"));
    const y = Number(await ring.getAttribute("data-y"));
    await page.getByRole("button", { name: /^Close / }).click();
    const list = page.getByRole("listbox", { name: /^Vehicles/ });
    await list.focus();
    await page.keyboard.press("Home");
    await expect(list.locator(`[data-vehicle-id="${target.devId}"]`)).toHaveCount(0);

    await map.click({ position: { x, y } });
    const detail = page.getByTestId("vehicle-detail");
    // Over 5 s once, late in a full run with 215 open alerts on the page (a finding to fix).
    await expect(detail).toBeVisible({ timeout: 15_000 });
    const picked = (await detail.getAttribute("data-vehicle-id"))!;
    const row = list.locator(`[data-vehicle-id="${picked}"]`);
    await expect(row).toBeInViewport();
    await expect(row).toHaveAttribute("aria-selected", "true");
  });

  test("the theme button switches the page to dark (axe: e2e/accessibility.spec.ts)", async ({
    dispatcherPage: page,
  }) => {
    await openDashboard(page, "?theme=light");
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await expect(page).toHaveURL(/theme=dark/);
  });
});
