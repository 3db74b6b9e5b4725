/**
 * The browser benches' session: the demo viewer, signed in through the sign-in form as a person
 * does, in a desktop-sized context whose pages share the session cookie.
 */
import type { Browser, BrowserContext } from "@playwright/test";

export async function viewerContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("viewer@demo.local");
  await page.getByLabel("Password").fill("fleet-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.close();
  return context;
}
