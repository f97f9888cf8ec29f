import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
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

async function setTheme(page: Page, theme: "light" | "dark"): Promise<void> {
  await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), theme === "dark");
  // Let transitions settle before axe reads the colours.
  await page.waitForTimeout(300);
}

for (const theme of ["light", "dark"] as const) {
  test.describe(`${theme} theme`, () => {
    test("the new-chat page has no WCAG 2.1 A/AA violations", async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.open();
      await setTheme(page, theme);
      await expectNoViolations(page, "new chat");
    });

    test("a conversation with a regenerated answer has no WCAG 2.1 A/AA violations", async ({ page }) => {
      const chat = new ChatPage(page);
      await chat.open();
      await chat.chooseMode("Think High");
      await chat.send(`Accessibility check ${uniqueTag()}`);
      await chat.waitForAnswerToEnd();
      await chat.lastAnswer().getByRole("button", { name: "Regenerate answer" }).click();
      await chat.waitForAnswerToEnd();
      await expect(chat.lastAnswer().getByTestId("version-label")).toHaveText("2 / 2");
      await setTheme(page, theme);
      await expectNoViolations(page, "conversation");
    });

    test("the sign-in (or first sign-up) page has no WCAG 2.1 A/AA violations", async ({ page }) => {
      await page.goto("/sign-in");
      await expect(page.getByRole("heading").first()).toBeVisible();
      await setTheme(page, theme);
      await expectNoViolations(page, "sign-in");
    });
  });
}
