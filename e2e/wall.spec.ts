import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures/auth";
import { sim, simFleet } from "./support/dashboard";
import { openWall } from "./support/wall";

/**
 * The wall screen (/wall) on the suite's server and simulator: its layout at 1080p and 4K, and
 * a new alert taking the camera and giving it back. Restarts and display links have their own
 * specs (wall-recovery, wall-display-links).
 */

type Box = { name: string; x: number; y: number; width: number; height: number };

async function boxesOf(locator: Locator, name: (index: number) => string): Promise<Box[]> {
  const boxes: Box[] = [];
  for (const [index, element] of (await locator.all()).entries()) {
    const box = await element.boundingBox();
    if (box) boxes.push({ name: name(index), ...box });
  }
  return boxes;
}

function overlaps(a: Box, b: Box): boolean {
  const slack = 0.5;
  return (
    a.x + a.width - slack > b.x &&
    b.x + b.width - slack > a.x &&
    a.y + a.height - slack > b.y &&
    b.y + b.height - slack > a.y
  );
}

test.describe("the wall screen", () => {
  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
  ] as const) {
    test(`renders at ${width}×${height} with nothing overlapping or cut off`, async ({
      viewerPage: page,
    }, testInfo) => {
      await page.setViewportSize({ width, height });
      await openWall(page);
      // Type scales with the screen: 20 px per rem at 1920 px wide, 40 px at 3840.
      const rem = await page.evaluate(() =>
        parseFloat(getComputedStyle(document.documentElement).fontSize),
      );
      expect(rem).toBeCloseTo(width / 96, 0);
      // This Chromium grants the Screen Wake Lock, and the rail says so.
      await expect(page.getByTestId("wall-viewer").locator("..")).toContainText(
        "Screen kept awake",
      );

      const rail = page.getByRole("complementary", { name: "Fleet at a glance" });
      const parts = await boxesOf(
        rail.locator(":scope > div > *"),
        (index) => `rail part ${index + 1}`,
      );
      expect(parts.length).toBeGreaterThanOrEqual(5);
      const railBox = (await rail.boundingBox())!;
      for (const [i, part] of parts.entries()) {
        expect(part.y + part.height, `${part.name} inside the screen`).toBeLessThanOrEqual(height);
        expect(part.x + part.width, `${part.name} inside the rail`).toBeLessThanOrEqual(
          railBox.x + railBox.width,
        );
        for (const other of parts.slice(i + 1)) {
          expect(overlaps(part, other), `${part.name} overlaps ${other.name}`).toBe(false);
        }
      }
      // Every row and heading in the rail fits its box (long names are cut with an ellipsis
      // inside their own row, never spilling over another).
      const spilled = await rail.evaluate((element) =>
        [
          ...element.querySelectorAll<HTMLElement>(
            "section, li, h1, h2, header, header > div, footer, footer > span",
          ),
        ]
          .filter(
            (item) =>
              item.scrollHeight > item.clientHeight + 1 || item.scrollWidth > item.clientWidth + 1,
          )
          .map((item) => item.textContent),
      );
      expect(spilled).toEqual([]);
      // The rail's lists never scroll or clip a row.
      const clipped = await rail.evaluate((element) =>
        [...element.querySelectorAll<HTMLElement>("ul")]
          .flatMap((list) => {
            const bottom = list.getBoundingClientRect().bottom;
            return [...list.children].filter(
              (item) => item.getBoundingClientRect().bottom > bottom + 0.5,
            );
          })
          .map((item) => item.textContent),
      );
      expect(clipped).toEqual([]);
      // The map takes the rest of the screen, beside the rail.
      const mapBox = (await page.getByTestId("fleet-map").boundingBox())!;
      expect(mapBox.width + railBox.width).toBeCloseTo(width, -1);
      expect(overlaps({ name: "map", ...mapBox }, { name: "rail", ...railBox })).toBe(false);

      // Fence names on the map do not cover each other either (overlapping ones are hidden).
      const shownNames = await page.locator(".fence-label span").evaluateAll((spans) =>
        spans
          .filter((span) => getComputedStyle(span).visibility !== "hidden")
          .map((span, index) => {
            const { x, y, width, height } = span.getBoundingClientRect();
            return { name: `fence name ${index + 1}: ${span.textContent}`, x, y, width, height };
          }),
      );
      for (const [i, name] of shownNames.entries()) {
        for (const other of shownNames.slice(i + 1)) {
          expect(overlaps(name, other), `${name.name} overlaps ${other.name}`).toBe(false);
        }
      }

      const path = testInfo.outputPath(`wall-${width}x${height}.png`);
      await page.screenshot({ path });
      await testInfo.attach(`wall at ${width}×${height}`, { path, contentType: "image/png" });
    });
  }

  test("a new alert takes the camera to its vehicle, then gives it back", async ({
    viewerPage: page,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const focusS = 4;
    await openWall(page, `?focus=${focusS}`);
    await expect(page.getByTestId("wall-attention")).toHaveCount(0);

    const { vehicles, fences } = await simFleet();
    const restricted = fences.find((f) => f.fenceName.startsWith("Restricted"))!;
    const points = (restricted as unknown as { polygon: { lat: number; lng: number }[] }).polygon;
    const inside = {
      lat: points.reduce((sum, p) => sum + p.lat, 0) / points.length,
      lng: points.reduce((sum, p) => sum + p.lng, 0) / points.length,
    };
    const vehicle = vehicles.find((v) => !v.fenceIds.includes(restricted.fenceId) && v.online)!;
    try {
      await sim.move(vehicle.devId, { ...inside, speed: 0 });
      // Entering a restricted fence is a critical alert: the card names it and the camera
      // centres the vehicle, ringed.
      const card = page
        .getByTestId("wall-attention")
        .filter({ hasText: "Entered fence" })
        .filter({ hasText: restricted.fenceName });
      await expect(card).toBeVisible({ timeout: 30_000 });
      await expect(card).toBeInViewport({ ratio: 1 });
      const ring = page.getByTestId("selected-vehicle-marker");
      await expect(ring).toHaveAttribute("data-vehicle-id", vehicle.devId);
      const mapBox = (await page.getByTestId("fleet-map").boundingBox())!;
      await expect
        .poll(async () => Math.abs(Number(await ring.getAttribute("data-x")) - mapBox.width / 2))
        .toBeLessThan(40);
      await expect
        .poll(async () => Math.abs(Number(await ring.getAttribute("data-y")) - mapBox.height / 2))
        .toBeLessThan(40);

      // Released after `focus` seconds: the card and the ring go, the camera goes back.
      await expect(card).toHaveCount(0, { timeout: (focusS + 3) * 1000 });
      await expect(page.getByTestId("selected-vehicle-marker")).toBeHidden();
    } finally {
      await sim.release(vehicle.devId);
    }
  });

  test("reloads itself after a deployment, never while the server does not answer", async ({
    viewerPage: page,
  }) => {
    // The page checks once a minute; its clock is fast-forwarded rather than waited for.
    await page.clock.install();
    await openWall(page);
    await page.evaluate(() => Object.assign(window, { wallMark: "first load" }));
    const mark = () => page.evaluate(() => (window as { wallMark?: string }).wallMark);

    // Counts the health checks the page has finished with: the count goes up after the page's
    // own handling of the answer (its reaction is registered before the count's), so once it
    // reads 1 the page has decided, and a reload would have left a new page without the count.
    await page.evaluate(() => {
      const original = window.fetch;
      window.fetch = (...args) => {
        const answer = original(...args);
        if (String(args[0]).includes("/api/health")) {
          const done = () => {
            const counted = window as { healthChecksDone?: number };
            counted.healthChecksDone = (counted.healthChecksDone ?? 0) + 1;
          };
          answer.catch(() => undefined).then(done);
        }
        return answer;
      };
    });
    const reloads: string[] = [];
    page.on("console", (message) => {
      if (message.text().startsWith("[wall] reloading")) reloads.push(message.text());
    });

    await page.route("**/api/health", (route) => route.abort("connectionrefused"));
    await page.clock.fastForward("01:05");
    await expect
      .poll(() => page.evaluate(() => (window as { healthChecksDone?: number }).healthChecksDone))
      .toBe(1);
    expect(reloads).toEqual([]);
    expect(await mark()).toBe("first load");

    // The server answers with another build: a deployment happened.
    await page.unroute("**/api/health");
    await page.route("**/api/health", (route) => route.fulfill({ json: { build: "next-build" } }));
    const reloaded = page.waitForEvent("load");
    await page.clock.fastForward("01:05");
    await reloaded;
    await page.unroute("**/api/health");
    await expect(page.getByTestId("fleet-map")).toBeVisible();
    expect(await mark()).toBeUndefined();
  });

  test("rotates through the saved views given in its URL", async ({ viewerPage: page }) => {
    // focus=0: a critical alert somewhere in the shared fleet would otherwise pause the rotation.
    await openWall(
      page,
      "?view=North depot@33.62,-112.10,14&view=South@33.36,-112.05,13&rotate=5&focus=0",
    );
    const rail = page.getByRole("complementary", { name: "Fleet at a glance" });
    await expect(rail).toContainText("Whole fleet · changes every 5 s");
    await expect(rail).toContainText("North depot · changes every 5 s", { timeout: 8_000 });
    await expect(rail).toContainText("South · changes every 5 s", { timeout: 8_000 });
    await expect(rail).toContainText("Whole fleet · changes every 5 s", { timeout: 8_000 });
  });

  test("bad wall parameters are ignored and named, not fatal", async ({ viewerPage: page }) => {
    await openWall(page, "?rotate=soon&view=nowhere");
    const rail = page.getByRole("complementary", { name: "Fleet at a glance" });
    await expect(rail).toContainText("Ignored: view=nowhere");
    await expect(rail).toContainText("rotate=soon");
  });

  test("speaks the screen's language: Arabic right to left with the map unmirrored, Spanish words", async ({
    viewerPage: page,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const locale = (value: string) =>
      page
        .context()
        .addCookies([{ name: "fl-locale", value, url: String(test.info().project.use.baseURL) }]);
    await locale("ar");
    const map = await openWall(page);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(map).toHaveAttribute("dir", "ltr");
    const rail = page.getByRole("complementary", { name: "الأسطول في لمحة" });
    // The rail mirrors to the left of the map; the counts are in Arabic-Indic digits.
    expect((await rail.boundingBox())!.x).toBeLessThan((await map.boundingBox())!.x);
    await expect(rail).toContainText("الأسطول كاملًا");
    await expect(rail.locator("li[data-status]").first()).toContainText(/[٠-٩]/);

    await locale("es");
    await openWall(page, "?rotate=soon");
    await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
    const spanish = page.getByRole("complementary", { name: "La flota de un vistazo" });
    await expect(spanish).toContainText("Toda la flota");
    await expect(spanish).toContainText("Ignorado: rotate=soon (un número entero de 5 a 3600)");
  });
});
