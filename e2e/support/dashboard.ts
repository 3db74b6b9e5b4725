import { expect, type Locator, type Page } from "@playwright/test";
import { dashboard } from "../../lib/i18n/messages/dashboard";
import { simControl, type SimVehicle } from "./sim-control";

export const sim = simControl();

export type SimFence = {
  fenceId: string;
  fenceName: string;
  kind: "circle" | "polygon";
  center: { lat: number; lng: number } | null;
  radiusMeters: number | null;
};

/** The simulator's ground truth, with the fences its control endpoint also reports. */
export async function simFleet(control = sim) {
  return (await control.fleet()) as unknown as {
    vehicles: (SimVehicle & {
      fenceIds: string[];
      speed: number;
      heading: number;
      status: string;
      lastFixTime: string;
    })[];
    fences: SimFence[];
  };
}

/**
 * Opens the dashboard and waits until the map has drawn vehicles. A "since you last looked"
 * summary (earlier tests of the same account leave one) is dismissed, so it covers nothing;
 * `keepSummary` leaves it for a test about it.
 */
export async function openDashboard(page: Page, query = "", { keepSummary = false } = {}) {
  await page.goto(`/${query}`);
  const map = page.getByTestId("fleet-map");
  await expect
    .poll(async () => Number(await map.getAttribute("data-rendered-vehicles")), { timeout: 30_000 })
    .toBeGreaterThan(0);
  if (!keepSummary) await dismissSinceLastLook(page);
  return map;
}

/** Waits for the "since you last looked" summary to be asked for, and dismisses it if shown. */
export async function dismissSinceLastLook(page: Page) {
  const summary = page.getByTestId("since-last-look");
  await expect(summary).toHaveAttribute("data-state", /^(none|shown|dismissed)$/, {
    timeout: 15_000,
  });
  if ((await summary.getAttribute("data-state")) !== "shown") return;
  // In whichever language the page is.
  const dismiss = Object.values(dashboard).map((messages) => messages.sinceDismiss);
  await summary
    .getByRole("dialog")
    .getByRole("button", { name: new RegExp(`^(${dismiss.join("|")})$`) })
    .click();
  await expect(summary).toHaveAttribute("data-state", "dismissed");
}

export function feedIndicator(page: Page) {
  return page.getByTestId("feed-indicator");
}

/** Where the map draws the selected vehicle: its ring carries the drawn position. */
export async function drawnPosition(page: Page) {
  const ring = page.getByTestId("selected-vehicle-marker");
  return {
    lat: Number(await ring.getAttribute("data-lat")),
    lng: Number(await ring.getAttribute("data-lng")),
  };
}

/**
 * A row of the vehicle list other than `except`, held by its id: the list re-sorts as vehicles
 * move, so a positional locator such as `.first()` may find another row by the time it is tapped.
 */
export async function otherVehicleRow(list: Locator, except?: string | null) {
  const others = except
    ? list.locator(`[data-vehicle-id]:not([data-vehicle-id="${except}"])`)
    : list.locator("[data-vehicle-id]");
  const id = (await others.first().getAttribute("data-vehicle-id"))!;
  return { id, row: list.locator(`[data-vehicle-id="${id}"]`) };
}
