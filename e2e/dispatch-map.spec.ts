import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/auth";
import { openDashboard, sim, simFleet } from "./support/dashboard";
import { fleetSnapshotOf } from "./support/wire";

/**
 * The map answers a dispatcher's questions: who is nearest a point, what ongoing trips look
 * like, and a link that opens the same view. (Clusters, which need a large fleet, are in
 * clusters.spec.ts.)
 */

/** Great-circle distance in metres, written out here independently of the product's code. */
function metres(lat1: number, lng1: number, lat2: number, lng2: number) {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lng2 - lng1) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

/** "231 m", "1.23 km" as metres. */
function parseDistance(text: string): number {
  const match = /^([\d.,]+) (m|km)$/.exec(text.trim());
  if (!match) throw new Error(`not a distance: ${text}`);
  const value = Number(match[1]!.replace(/,/g, ""));
  return match[2] === "km" ? value * 1000 : value;
}

/** Where the map draws the selected vehicle, in the map's own pixels. */
async function selectedAt(page: Page) {
  const ring = page.getByTestId("selected-vehicle-marker");
  await expect(ring).not.toHaveAttribute("hidden");
  return {
    x: Number(await ring.getAttribute("data-x")),
    y: Number(await ring.getAttribute("data-y")),
  };
}

test.describe("the dispatch map", () => {
  test("a right-click near a vehicle lists it first at the right distance; the list filters by status and selects", async ({
    dispatcherPage: page,
  }) => {
    const { vehicles } = await simFleet();
    const vehicle = vehicles.find((v) => v.online)!;
    // Alone in the desert west of the city, so nothing else can be nearer.
    const spot = { lat: 33.62, lng: -112.62 };
    try {
      await sim.move(vehicle.devId, { ...spot, speed: 0 });
      const map = await openDashboard(page, `?v=${vehicle.devId}&at=${spot.lat},${spot.lng},15`);
      const detail = page.getByTestId("vehicle-detail");
      await expect(detail.getByTestId("vehicle-position")).toHaveText(
        `${spot.lat.toFixed(5)}, ${spot.lng.toFixed(5)}`,
        { timeout: 15_000 },
      );
      const name = (await page.locator("#vehicle-detail-title").textContent())!;
      const drawn = await selectedAt(page);
      await page.getByRole("button", { name: `Close ${name}` }).click();
      await expect(detail).toHaveCount(0);

      await map.click({ button: "right", position: { x: drawn.x + 60, y: drawn.y + 35 } });
      const panel = page.getByTestId("nearest-panel");
      // Over 5 s once, late in a full run with 215 open alerts on the page (a finding to fix).
      await expect(panel.getByRole("heading", { name: "Nearest vehicles" })).toBeVisible({
        timeout: 15_000,
      });
      await expect(page).toHaveURL(/near=/);
      const list = panel.getByRole("list", { name: /^Nearest vehicles/ });
      const first = list.getByRole("listitem").first().getByRole("button");
      await expect(first).toHaveAttribute("data-vehicle-id", vehicle.devId);

      const from = {
        lat: Number(await panel.getAttribute("data-lat")),
        lng: Number(await panel.getAttribute("data-lng")),
      };
      const expected = metres(from.lat, from.lng, spot.lat, spot.lng);
      const shown = parseDistance((await first.getByTestId("nearest-distance").textContent())!);
      expect(expected).toBeGreaterThan(100);
      expect(Math.abs(shown - expected) / expected).toBeLessThan(0.01);

      // Only another status: the vehicle leaves the list, and every row has that status.
      const status = (await first.getByText(/^(Moving|Idle|Stopped|Offline)$/).textContent())!;
      const other = status === "Moving" ? "Offline" : "Moving";
      const filters = panel.getByRole("group", { name: "Nearest: only these statuses" });
      await filters.getByRole("button", { name: other, exact: true }).click();
      await expect(list.locator(`[data-vehicle-id="${vehicle.devId}"]`)).toHaveCount(0);
      const rows = list.getByRole("listitem");
      for (const row of await rows.all()) await expect(row).toContainText(other);
      await expect(page).toHaveURL(new RegExp(`nearStatus=${other.toLowerCase()}`));
      // Its own status too: it is the nearest again.
      await filters.getByRole("button", { name: status, exact: true }).click();
      await expect(first).toHaveAttribute("data-vehicle-id", vehicle.devId);

      await first.click();
      await expect(page.getByTestId("vehicle-detail")).toHaveAttribute(
        "data-vehicle-id",
        vehicle.devId,
      );
      await expect(page).toHaveURL(new RegExp(`v=${vehicle.devId}`));
      await panel.getByRole("button", { name: "Close nearest vehicles" }).click();
      await expect(panel).toHaveCount(0);
      await expect(page).not.toHaveURL(/near=/);
    } finally {
      await sim.release(vehicle.devId);
    }
  });

  test("an alert's Nearest lists the vehicles closest to where it happened, closest first", async ({
    dispatcherPage: page,
    apiAs,
  }) => {
    await openDashboard(page);
    const nearestButton = page.getByRole("button", { name: /^Vehicles nearest to where/ });
    const withPosition = page
      .getByRole("list", { name: "Alerts, newest first" })
      .getByRole("listitem")
      .filter({ has: nearestButton });
    await expect(withPosition.first()).toBeVisible({ timeout: 30_000 });
    // By id: new alerts arriving meanwhile move the list.
    const alertId = (await withPosition
      .first()
      .locator("[data-alert-id]")
      .getAttribute("data-alert-id"))!;
    await page
      .getByRole("listitem")
      .filter({ has: page.locator(`[data-alert-id="${alertId}"]`) })
      .getByRole("button", { name: /^Vehicles nearest to where/ })
      .click();
    const api = await apiAs("dispatcher");
    const { alerts } = await fleetSnapshotOf(await api.get("/api/fleet/snapshot"));
    const position = alerts.find((alert) => alert.id === alertId)!.position!;
    const panel = page.getByTestId("nearest-panel");
    // The link keeps a point to five decimals (about a metre).
    const at = async (name: string) => Number(await panel.getAttribute(name)).toFixed(5);
    await expect.poll(() => at("data-lat")).toBe(position[0].toFixed(5));
    expect(await at("data-lng")).toBe(position[1].toFixed(5));
    const distances = panel.getByTestId("nearest-distance");
    await expect(distances).toHaveCount(10);
    const metresShown = (await distances.allTextContents()).map(parseDistance);
    expect(metresShown).toEqual([...metresShown].sort((a, b) => a - b));
  });

  test("a copied link restores the map's centre and zoom, the filters and the selection", async ({
    dispatcherPage: page,
    pageAs,
  }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const { vehicles } = await simFleet();
    const vehicle = vehicles.find((v) => v.online)!;
    // Held still, so it is drawn at the same place when the link is opened.
    const spot = { lat: 33.4581, lng: -112.0412 };
    try {
      await sim.move(vehicle.devId, { ...spot, speed: 0 });
      await openDashboard(page, `?v=${vehicle.devId}`);
      const detail = page.getByTestId("vehicle-detail");
      await expect(detail.getByTestId("vehicle-position")).toHaveText(
        `${spot.lat.toFixed(5)}, ${spot.lng.toFixed(5)}`,
        { timeout: 15_000 },
      );
      const name = (await page.locator("#vehicle-detail-title").textContent())!;
      await page.getByLabel("Search vehicles").fill(name);
      const status = (await detail.getByText(/^(Moving|Idle|Stopped|Offline)$/).textContent())!;
      await page.getByRole("button", { name: new RegExp(`^${status} \\d+`) }).click();
      // A person's own view: one step out, then a drag.
      await page.getByRole("button", { name: "Zoom out" }).click();
      // The zoom animates before the view is written: 5.3 s once on a machine at load 15.
      await expect(page).toHaveURL(/at=[-\d.]+,[-\d.]+,14/, { timeout: 15_000 });
      const zoomedOut = new URL(page.url()).searchParams.get("at");
      const map = page.getByTestId("fleet-map");
      const box = (await map.boundingBox())!;
      await page.mouse.move(box.x + 300, box.y + 300);
      await page.mouse.down();
      await page.mouse.move(box.x + 220, box.y + 260, { steps: 8 });
      await page.mouse.up();
      await expect.poll(() => new URL(page.url()).searchParams.get("at")).not.toBe(zoomedOut);
      const drawn = await selectedAt(page);

      await page.getByRole("button", { name: "Copy link" }).click();
      await expect(
        page.getByRole("status").filter({ hasText: "Link to this view copied" }),
      ).toHaveCount(1);
      const link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toBe(page.url());
      const params = new URL(link).searchParams;
      expect(params.get("v")).toBe(vehicle.devId);
      expect(params.get("status")).toBe(status.toLowerCase());
      expect(params.get("q")).toBe(name);

      const other = await pageAs("viewer");
      await openDashboard(other, new URL(link).search);
      await expect(other.getByTestId("vehicle-detail")).toHaveAttribute(
        "data-vehicle-id",
        vehicle.devId,
      );
      const restored = await selectedAt(other);
      expect(Math.abs(restored.x - drawn.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(restored.y - drawn.y)).toBeLessThanOrEqual(1);
      await expect(other.getByLabel("Search vehicles")).toHaveValue(name);
      await expect(
        other.getByRole("button", { name: new RegExp(`^${status} \\d+`) }),
      ).toHaveAttribute("aria-pressed", "true");
      expect(new URL(other.url()).searchParams.get("at")).toBe(params.get("at"));
    } finally {
      await sim.release(vehicle.devId);
    }
  });

  test("ongoing trips are drawn from their start and tell their duration and distance on hover", async ({
    dispatcherPage: page,
    apiAs,
  }) => {
    const api = await apiAs("dispatcher");
    const snapshot = await fleetSnapshotOf(await api.get("/api/fleet/snapshot"));
    const onTrip = snapshot.trips.find((trip) => trip.start && trip.endTime === undefined)!;
    const vehicle = snapshot.vehicles.find((v) => v.id === onTrip.deviceId)!;
    try {
      // Held where it is (still on its trip), so the pointer finds the end of its line.
      await sim.move(vehicle.id, { lat: vehicle.lat, lng: vehicle.lng, speed: 30 });
      const map = await openDashboard(page, `?v=${vehicle.id}&at=${vehicle.lat},${vehicle.lng},15`);
      await expect(map).toHaveAttribute("data-rendered-trips", "0");
      await page.getByRole("button", { name: "Trips", exact: true }).click();
      await expect(page).toHaveURL(/trips=1/);
      const drawnTrips = async () => {
        const now = await fleetSnapshotOf(await api.get("/api/fleet/snapshot"));
        const ids = new Set(now.vehicles.map((v) => v.id));
        const expected = now.trips.filter(
          (t) => t.start && t.endTime === undefined && ids.has(t.deviceId),
        ).length;
        return Number(await map.getAttribute("data-rendered-trips")) === expected ? expected : -1;
      };
      await expect.poll(drawnTrips, { timeout: 15_000 }).toBeGreaterThan(0);

      const at = await selectedAt(page);
      const box = (await map.boundingBox())!;
      await page.mouse.move(box.x + at.x + 1, box.y + at.y + 1);
      const tooltip = page.getByTestId("trip-tooltip");
      await expect(tooltip).toBeVisible();
      await expect(tooltip).toContainText(
        (await page.locator("#vehicle-detail-title").textContent())!,
      );
      await expect(tooltip).toHaveText(/on the road \d+ (s|min|h)( \d+ min)? · [\d.]+ km$/);

      await page.getByRole("button", { name: "Trips", exact: true }).click();
      await expect(map).toHaveAttribute("data-rendered-trips", "0");
    } finally {
      await sim.release(vehicle.id);
    }
  });

  test("the benchmark page does not exist in a production build", async ({ viewerPage: page }) => {
    const response = await page.goto("/bench/map");
    expect(response?.status()).toBe(404);
  });
});
