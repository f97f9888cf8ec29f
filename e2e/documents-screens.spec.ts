import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { makeDocx, makePdf } from "./support/document-fixtures";
import { ChatPage } from "./support/chat-page";
import { uniqueTag } from "./support/simulator";

// Screenshots of upload, the estimate, a summary, the preview and the documents page, for looking at (not compared).
const OUT = "e2e/.artifacts/screens";

/** WCAG 2.1 A/AA violations on the page as it stands (axe-core). */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
}

for (const variant of [
  { name: "desktop-light", viewport: { width: 1280, height: 860 }, dark: false },
  { name: "phone-dark", viewport: { width: 390, height: 844 }, dark: true },
]) {
  test(`screens ${variant.name}`, async ({ page }) => {
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
    const tag = uniqueTag("q");
    await page.getByTestId("attach-input").setInputFiles([
      { name: `Quarterly report ${tag}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(await makePdf(24, 20, tag)) },
    ]);
    await expect(page.getByTestId("document-card").first()).toHaveAttribute("data-state", "uploading");
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/${variant.name}-1-upload.png` });
    await page.getByTestId("attach-input").setInputFiles([{ name: `Project plan ${tag}.docx`, mimeType: "application/octet-stream", buffer: Buffer.from(await makeDocx(tag)) }]);
    await expect(page.getByTestId("send-estimate")).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('[data-testid="document-card"][data-state="uploading"]')).toHaveCount(0, { timeout: 30_000 });
    await page.screenshot({ path: `${OUT}/${variant.name}-2-estimate.png` });
    expect(await axeViolations(page), "composer with documents").toEqual([]);
    await page.getByTestId("preset-key-points").click();
    await chat.waitForAnswerToEnd();
    await chat.send("Which milestone is due first?");
    await chat.waitForAnswerToEnd();
    await page.screenshot({ path: `${OUT}/${variant.name}-3-summary.png` });
    await chat.userMessages.first().getByRole("button", { name: `Project plan ${tag}.docx`, exact: true }).click();
    await expect(page.getByTestId("document-preview-text")).toBeVisible();
    await page.screenshot({ path: `${OUT}/${variant.name}-4-preview.png` });
    await page.keyboard.press("Escape");
    await page.goto("/documents");
    await page.screenshot({ path: `${OUT}/${variant.name}-5-documents.png`, fullPage: true });
    expect(await axeViolations(page), "documents page").toEqual([]);
  });
}
