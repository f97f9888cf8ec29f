import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ComparePage } from "./support/compare-page";
import { uniqueTag } from "./support/simulator";

/** WCAG 2.1 A and AA rules, as axe-core tags them. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ")}`)
        .join("\n"),
  );
  expect(summary, `${what}: axe violations`).toEqual([]);
}

for (const theme of ["light", "dark"] as const) {
  test(`a finished comparison, its vote and the results page have no WCAG 2.1 A/AA violations (${theme})`, async ({ page }) => {
    await page.addInitScript((dark) => localStorage.setItem("theme", dark), theme);
    const compare = new ComparePage(page);
    await compare.open();
    await expectNoViolations(page, "new comparison");
    await compare.send(`Accessibility of comparisons ${uniqueTag("a11y")}`);
    await compare.waitForAllToEnd();
    await page.getByRole("button", { name: /is better/ }).first().click();
    await expect(page.getByRole("button", { name: /is better/ }).first()).toHaveAttribute("aria-pressed", "true");
    // Let the panes settle (final markdown, highlighted code) before axe reads the colours.
    await page.waitForTimeout(800);
    await expectNoViolations(page, "comparison");
    await page.goto("/compare/results");
    await expect(page.getByTestId("results-table")).toBeVisible();
    await expectNoViolations(page, "results");
  });
}
