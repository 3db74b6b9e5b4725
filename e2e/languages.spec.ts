import { expect, test } from "./fixtures/auth";
import { openDashboard, simFleet } from "./support/dashboard";

/**
 * The dashboard in English, Spanish and Arabic: the browser's language is the default, the
 * picker's choice is remembered, and Arabic is laid out right to left around a map that is not.
 */
test("in Arabic the page is right-to-left, the panels mirror, the map does not, numbers are Arabic", async ({
  pageAs,
  baseURL,
}) => {
  const page = await pageAs("dispatcher", { viewport: { width: 1440, height: 900 } });
  await page.context().addCookies([{ name: "fl-locale", value: "ar", url: baseURL! }]);
  const map = await openDashboard(page);
  const html = page.locator("html");
  await expect(html).toHaveAttribute("dir", "rtl");
  await expect(html).toHaveAttribute("lang", "ar");

  const aside = page.locator("[data-layout=desktop] aside");
  const panels = aside.last();
  const listBox = (await aside.first().boundingBox())!;
  const mapBox = (await map.boundingBox())!;
  const panelBox = (await panels.boundingBox())!;
  expect(listBox.x, "the vehicle list is on the right").toBeGreaterThan(
    mapBox.x + mapBox.width - 1,
  );
  expect(panelBox.x + panelBox.width, "the panels are on the left").toBeLessThan(mapBox.x + 1);
  expect(await map.evaluate((element) => getComputedStyle(element).direction)).toBe("ltr");

  await expect(panels.getByRole("button", { name: /^التنبيهات/ })).toBeVisible();
  const { vehicles, fences } = await simFleet();
  const arabic = await page.evaluate(
    (counts) => counts.map((n) => new Intl.NumberFormat("ar-u-nu-arab").format(n)),
    [vehicles.length, fences.length],
  );
  expect(arabic[0], "the test's own numbers are in Arabic-Indic digits").toMatch(/^[٠-٩]+$/);
  await expect(page.getByRole("banner").getByRole("region").first()).toContainText(arabic[0]!);
  await expect(panels.getByTestId("fences-count")).toHaveText(arabic[1]!);
});

test("the browser's language is the default; the picker's choice is remembered", async ({
  pageAs,
}) => {
  const page = await pageAs("dispatcher", { locale: "es-ES" });
  await openDashboard(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("button", { name: /^Alertas/ })).toBeVisible();

  await page.getByRole("combobox", { name: "Idioma" }).selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: /^Alerts/ })).toBeVisible();
  // The feed resumes after the reload.
  await expect(page.getByTestId("feed-indicator")).toHaveAttribute("data-feed-state", "live");

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("en");
});
