import { expect, type Page } from "@playwright/test";
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
export async function simFleet() {
  return (await sim.fleet()) as unknown as {
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

/** Opens the dashboard and waits until the map has drawn vehicles. */
export async function openDashboard(page: Page, query = "") {
  await page.goto(`/${query}`);
  const map = page.getByTestId("fleet-map");
  await expect
    .poll(async () => Number(await map.getAttribute("data-rendered-vehicles")), { timeout: 30_000 })
    .toBeGreaterThan(0);
  return map;
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
