import AxeBuilder from "@axe-core/playwright";
import { devices, expect, test, type Page } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { uniqueTag } from "./support/simulator";

/** WCAG 2.1 A and AA rules, as axe-core tags them. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoViolations(page: Page, what: string, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (include) builder.include(include);
  const results = await builder.analyze();
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

test.describe("phone (Pixel 7)", () => {
  const { defaultBrowserType: _browser, ...pixel7 } = devices["Pixel 7"];
  test.use(pixel7);

  test("pickers fit one row with short labels, no keyboard hint, row actions behind a menu; screenshots", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`Phone layout check with a rather long title ${tag}`);
    await chat.waitForAnswerToEnd();
    const id = chat.conversationIdFromUrl();

    // Short labels on screen, full names for assistive technology; both pickers on one line.
    const model = page.getByRole("radiogroup", { name: "Model" });
    const mode = page.getByRole("radiogroup", { name: "Reasoning mode" });
    await expect(mode.getByRole("radio", { name: "Non-think" })).toHaveAttribute("data-short", "Off");
    const modelBox = await model.boundingBox();
    const modeBox = await mode.boundingBox();
    expect(modelBox && modeBox && Math.abs(modelBox.y - modeBox.y)).toBeLessThan(2);
    await expect(page.getByText("Enter to send")).toBeHidden();

    for (const theme of ["light", "dark"] as const) {
      await setTheme(page, theme);
      await page.screenshot({ path: `e2e/.artifacts/screens/phone-composer-${theme}.png` });
    }

    // The drawer: titles use the row's width; Rename and Delete are behind "More actions".
    await setTheme(page, "light");
    await page.getByRole("button", { name: "Open conversations" }).click();
    await expect(chat.sidebar).toBeInViewport();
    const row = chat.sidebar.locator("li", { has: page.locator(`a[href="/c/${id}"]`) });
    await expect(row.getByRole("button", { name: /^Rename/ })).toBeHidden();
    await expect(row.getByRole("button", { name: /^Delete/ })).toBeHidden();
    await page.waitForTimeout(400);
    await page.screenshot({ path: "e2e/.artifacts/screens/phone-drawer-light.png" });
    const more = row.getByRole("button", { name: /^More actions/ });
    await expect(more).toHaveAttribute("aria-expanded", "false");
    await more.click();
    await expect(more).toHaveAttribute("aria-expanded", "true");
    await expect(row.getByRole("button", { name: /^Rename/ })).toBeVisible();
    await expect(row.getByRole("button", { name: /^Delete/ })).toBeVisible();
    await setTheme(page, "dark");
    await page.screenshot({ path: "e2e/.artifacts/screens/phone-drawer-dark-menu.png" });
    await expectNoViolations(page, "phone drawer", 'nav[aria-label="Conversations"]');
    await more.click();
    await expect(row.getByRole("button", { name: /^Rename/ })).toBeHidden();
  });
});
