import { expect, type Page } from "@playwright/test";

/** Opens /wall and waits until the map has drawn vehicles and the data is live. */
export async function openWall(page: Page, query = "") {
  await page.goto(`/wall${query}`);
  const map = page.getByTestId("fleet-map");
  await expect
    .poll(async () => Number(await map.getAttribute("data-rendered-vehicles")), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect(page.getByTestId("wall-feed")).toHaveAttribute("data-feed-state", "live", {
    timeout: 30_000,
  });
  return map;
}
