import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * axe's serious and critical WCAG 2.0/2.1 A and AA violations on the page (or only inside
 * `include`, a CSS selector), one readable line each: rule, impact, what it asks, where.
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const results = await builder
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    // Nothing is excluded (Leaflet's controls pass too). Passes and incomplete results are not
    // collected: they are not read here, and skipping them makes the busy dashboard's pass faster.
    .options({ resultTypes: ["violations"] })
    // One axe.run in the page. The default runs axe per frame and then joins the results in a
    // page of its own, which took two thirds of the dashboard's pass (20 s against 7 s at 1280
    // px); these pages have no frames, so both find the same.
    .setLegacyMode(true)
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.map((n) => n.target.join(" ")).join("\n      ")}`,
    );
}
