import { expect, test } from "./fixtures/auth";
import { openWall } from "./support/wall";

/**
 * A display link, as an admin and a control room use it: the admin makes a named link, the
 * screen opens it and shows /wall without anybody signing in, it can reach nothing else, the
 * admin sees when it was last seen, and revoking the link stops the open screen within a minute.
 */
test.describe.configure({ timeout: 150_000 });

test("a display link opens /wall, reaches nothing else, and stops after revocation", async ({
  adminPage,
  browser,
  baseURL,
}) => {
  const name = `Control room ${Date.now()}`;
  await adminPage.goto("/admin/displays");
  await adminPage.getByLabel("Name").fill(name);
  await adminPage.getByRole("button", { name: "Create link" }).click();
  const link = await adminPage.getByTestId("display-link").inputValue();
  expect(link).toMatch(/\/display\/\S+$/);

  // The screen: a fresh browser without any session, as a television would be.
  const screen = await browser.newContext({ baseURL, viewport: { width: 1920, height: 1080 } });
  try {
    const page = await screen.newPage();
    await page.goto(link);
    await expect(page).toHaveURL(/\/wall$/);
    await openWall(page);
    await expect(page.getByTestId("wall-viewer")).toContainText(name);
    await expect(page.getByTestId("wall-viewer")).toContainText("read-only");

    // Nothing else: pages send it to sign-in, other APIs and admin actions answer 401.
    for (const path of ["/", "/admin/displays"]) {
      const other = await screen.newPage();
      await other.goto(path);
      await expect(other).toHaveURL(/\/sign-in/);
      await other.close();
    }
    const api = screen.request;
    expect((await api.get("/api/fleet/snapshot")).status()).toBe(200);
    for (const [method, path] of [
      ["GET", "/api/admin/users"],
      ["GET", "/api/admin/displays"],
      ["POST", "/api/admin/displays"],
      ["DELETE", "/api/admin/displays/anything"],
      ["GET", "/api/fleet/vehicles/anything"],
    ] as const) {
      const response = await api.fetch(path, {
        method,
        data: method === "POST" ? { name: "mine now" } : undefined,
      });
      expect(response.status(), `${method} ${path}`).toBe(401);
    }

    // The admin sees the screen, seen a moment ago.
    await adminPage.reload();
    const row = adminPage.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("Active");
    await expect(row).not.toContainText("never");

    // Revoked while the screen is showing: the screen stops within a minute, by itself.
    await row.getByRole("button", { name: "Revoke", exact: true }).click();
    const revokedAt = Date.now();
    await row.getByRole("button", { name: "Revoke link" }).click();
    await expect(row).toContainText("Revoked");
    await expect(page.getByTestId("wall-denied")).toBeVisible({ timeout: 60_000 });
    const stoppedAfterS = (Date.now() - revokedAt) / 1000;
    expect(stoppedAfterS).toBeLessThan(60);
    test.info().annotations.push({
      type: "revocation reached the open screen after",
      description: `${stoppedAfterS.toFixed(1)} s`,
    });
    await expect(page.getByTestId("fleet-map")).toHaveCount(0);
    expect((await api.get("/api/fleet/snapshot")).status()).toBe(401);

    // The link itself is dead too.
    const again = await browser.newContext({ baseURL });
    try {
      const response = await (await again.newPage()).goto(link);
      expect(response?.status()).toBe(403);
    } finally {
      await again.close();
    }
  } finally {
    await screen.close();
  }
});

test("a signed-in person can open /wall; a visitor without a session is sent to sign in", async ({
  dispatcherPage,
  page,
}) => {
  await openWall(dispatcherPage);
  await expect(dispatcherPage.getByTestId("wall-viewer")).toContainText("dispatcher@demo.local");
  await page.goto("/wall");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fwall/);
});
