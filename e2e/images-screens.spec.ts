import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { pasteImage } from "./support/paste-image";
import { uniqueTag } from "./support/simulator";

// Screenshots of the composer with images, a conversation with images, the larger view and the
// refusal on Pro, for looking at (not compared); axe-core checks each state.
const OUT = "e2e/.artifacts/screens";

async function axeViolations(page: Page): Promise<string[]> {
  // Answers included: at phone width their code blocks and tables scroll sideways, and must be
  // focusable regions for a keyboard to scroll them.
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
}

for (const variant of [
  { name: "desktop-light", viewport: { width: 1280, height: 860 }, dark: false },
  { name: "desktop-dark", viewport: { width: 1280, height: 860 }, dark: true },
  { name: "phone-light", viewport: { width: 390, height: 844 }, dark: false },
  { name: "phone-dark", viewport: { width: 390, height: 844 }, dark: true },
]) {
  test(`image screens ${variant.name}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(variant.viewport);
    await page.emulateMedia({ colorScheme: variant.dark ? "dark" : "light" });
    await page.addInitScript((dark) => {
      try {
        localStorage.setItem("theme", dark ? "dark" : "light");
      } catch {
        // no storage
      }
    }, variant.dark);
    const chat = new ChatPage(page);
    await chat.open();
    await chat.chooseModel("Pro");
    await pasteImage(page, { width: 1600, height: 900, name: "whiteboard.png", caption: "Sprint plan" });
    await expect(page.getByTestId("vision-notice")).toBeVisible();
    await chat.composer.fill("What is on this whiteboard?");
    await page.screenshot({ path: `${OUT}/images-${variant.name}-1-refused-on-pro.png` });
    expect(await axeViolations(page), "refusal on Pro").toEqual([]);

    await page.getByRole("button", { name: "Switch to V4.1 Flash" }).click();
    await pasteImage(page, { width: 800, height: 1200, name: "receipt.png", caption: "Receipt" });
    await expect(page.locator('[data-testid="draft-image"][data-state="ready"]')).toHaveCount(2);
    await page.screenshot({ path: `${OUT}/images-${variant.name}-2-composer.png` });
    expect(await axeViolations(page), "composer with images").toEqual([]);

    await chat.composer.press("Enter");
    await chat.waitForAnswerToEnd();
    await chat.send(`And the total on the receipt? ${uniqueTag("s")}`);
    await chat.waitForAnswerToEnd();
    await chat.page.getByTestId("messages").evaluate((element) => (element.scrollTop = 0));
    await page.screenshot({ path: `${OUT}/images-${variant.name}-3-conversation.png` });
    expect(await axeViolations(page), "conversation with images").toEqual([]);

    await chat.userMessages.first().getByTestId("image-thumb").first().click();
    await expect(page.getByTestId("image-viewer")).toBeVisible();
    await page.screenshot({ path: `${OUT}/images-${variant.name}-4-viewer.png` });
    expect(await axeViolations(page), "larger view").toEqual([]);
    await page.keyboard.press("Escape");

    await page.goto("/compare");
    await pasteImage(page, { width: 1200, height: 800, name: "diagram.png", caption: "Architecture", into: "Prompt for every pane" });
    await expect(page.getByTestId("compare-image-tray").getByTestId("draft-image")).toHaveAttribute("data-state", "ready");
    await page.getByRole("textbox", { name: "Prompt for every pane" }).fill("Explain this diagram");
    await page.screenshot({ path: `${OUT}/images-${variant.name}-5-compare-draft.png` });
    expect(await axeViolations(page), "comparison with an image, before sending").toEqual([]);
    await page.getByRole("button", { name: "Send to every pane" }).click();
    // On a phone the panes are tabs: show Pro's, which says it got the words only.
    if (variant.viewport.width < 640) await page.getByRole("tab").nth(1).click();
    await expect(page.getByTestId("pane-no-vision")).toBeVisible();
    await expect(page.getByRole("button", { name: "Send to every pane" })).toBeVisible();
    await expect(page.locator('[data-testid="compare-pane"] [data-status="streaming"]')).toHaveCount(0, { timeout: 45_000 });
    await page.screenshot({ path: `${OUT}/images-${variant.name}-6-compare.png` });
  });
}
