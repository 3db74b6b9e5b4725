import { expect, test } from "./fixtures/auth";

test("the home page shows the server's live health", async ({ viewerPage: page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Fleet Live" })).toBeVisible();
  const health = page.getByRole("region", { name: "Server health" });
  await expect(health.getByTestId("health-status")).toHaveText("ok");
  await expect(page.getByTestId("upstream-mode")).toHaveText("Simulator");
});

test("/api/health answers JSON with status, version and upstream mode, and no secret", async ({
  request,
}) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: "ok", upstream: { mode: "simulator" } });
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(JSON.stringify(body)).not.toMatch(/sim-secret|sim-api-key/);
});
