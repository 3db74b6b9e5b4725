import type { BrowserContextOptions, Page } from "@playwright/test";
import { expect, test, watchForCspViolations, type DemoRole } from "./fixtures/auth";
import { seriousViolations } from "./support/axe";
import { openDashboard, simFleet } from "./support/dashboard";
import { openWall } from "./support/wall";

/**
 * axe (WCAG 2.0/2.1 A and AA; serious and critical only) on every page a person sees: the map,
 * the wall, sign-in and the admin's display links, each in light and dark, on a phone and on a
 * desktop. Dark is the system's preference (every page follows it); the wall is dark unless its
 * link says ?theme=light, so its light pass asks for that. One page load per combination, in a
 * context of its own; a test lists every violation of its page at once.
 */

type Theme = "light" | "dark";

const WIDTHS = {
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
  desktop: { viewport: { width: 1280, height: 800 } },
} satisfies Record<string, BrowserContextOptions>;

type Target = {
  path: string;
  /** Who signs in; the sign-in page is seen by nobody signed in. */
  role?: DemoRole;
  /** Loads the page and waits until it shows what a person would check. */
  open: (page: Page, theme: Theme) => Promise<unknown>;
};

const TARGETS: Target[] = [
  {
    path: "/",
    role: "dispatcher",
    open: async (page) => {
      // With a vehicle selected, so its detail panel is checked too.
      const { vehicles } = await simFleet();
      await openDashboard(page, `?v=${vehicles[0]!.devId}`);
      // A phone's sheet starts folded: unfold it, so what it holds is checked too.
      if ((await page.getByTestId("panel").getAttribute("data-open")) === "false") {
        await page.getByRole("button", { name: "Expand panel" }).click();
      }
      await expect(page.getByTestId("vehicle-detail")).toBeVisible();
    },
  },
  {
    path: "/wall",
    role: "dispatcher",
    open: (page, theme) => openWall(page, theme === "light" ? "?theme=light" : ""),
  },
  {
    path: "/sign-in",
    open: async (page) => {
      await page.goto("/sign-in");
      // Enabled once React runs (and has applied the theme).
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    },
  },
  {
    path: "/admin/displays",
    role: "admin",
    open: async (page) => {
      await page.goto("/admin/displays");
      await expect(page.getByRole("table")).toBeVisible({ timeout: 15_000 });
    },
  },
];

test.describe("accessibility (axe, serious and critical)", () => {
  for (const target of TARGETS) {
    test(`${target.path} passes in light and dark, on a phone and a desktop`, async ({
      browser,
      baseURL,
      roleState,
      apiAs,
      cspViolations,
    }) => {
      // Four loads and four axe passes; the busy dashboard's take several seconds each when idle
      // and one to three minutes each on a machine loaded twentyfold (seen), which is no finding.
      test.setTimeout(600_000);
      if (target.path === "/admin/displays") {
        // A link in the table, so its rows and their actions are checked too.
        const admin = await apiAs("admin");
        const created = await admin.post("/api/admin/displays", {
          data: { name: "Accessibility spec screen" },
        });
        expect(created.status()).toBe(201);
      }
      const storageState = target.role ? await roleState(target.role) : undefined;
      const found: string[] = [];
      for (const [width, options] of Object.entries(WIDTHS)) {
        for (const theme of ["light", "dark"] as const) {
          const context = await browser.newContext({
            ...options,
            baseURL,
            storageState,
            colorScheme: theme,
          });
          try {
            await watchForCspViolations(context, cspViolations);
            const page = await context.newPage();
            await target.open(page, theme);
            const html = page.locator("html");
            await (theme === "dark"
              ? expect(html).toHaveClass(/\bdark\b/)
              : expect(html).not.toHaveClass(/\bdark\b/));
            for (const line of await seriousViolations(page)) {
              found.push(`[${width}, ${theme}] ${line}`);
            }
          } catch (error) {
            // A page that does not open is a finding too; the other combinations still run.
            const why = String(error).replace(/\s+/g, " ").slice(0, 300);
            found.push(`[${width}, ${theme}] did not open: ${why}`);
          } finally {
            await context.close();
          }
        }
      }
      expect(found.join("\n"), `serious or critical axe violations on ${target.path}`).toBe("");
    });
  }
});
