import { expect, test, type Route } from "@playwright/test";
import { SUMMARY_PRESETS } from "../lib/documents/presets";
import { ComparePage, lastAnswerText } from "./support/compare-page";
import { receivedRequests, uniqueTag } from "./support/simulator";

const FLASH = "V4.1 Flash · Think High";
const PRO = "V4 Pro · Think High";

function userContent(body: { messages: Array<{ role: string; content: unknown }> }): string {
  const first = body.messages.find((message) => message.role === "user");
  return typeof first?.content === "string" ? first.content : JSON.stringify(first?.content);
}

function markdownFile(tag: string) {
  const text = `# Quarterly plan ${tag}\n\n## Goals\n\n- Ship the export\n- Hire two engineers (by 2027-03-01)\n\n## Risks\n\n- The vendor may be late\n`;
  return { text, file: { name: `${tag}.md`, mimeType: "text/markdown", buffer: Buffer.from(text) } };
}

test.describe("comparing summaries of a document", () => {
  test("from the documents page: the document rides along, every pane reads it whole and summarises it, and a reload keeps it", async ({ page }) => {
    const tag = uniqueTag("cmpdoc");
    const { text, file } = markdownFile(tag);
    await page.goto("/documents");
    await page.getByTestId("library-input").setInputFiles(file);
    await page.getByRole("link", { name: `Compare summaries of ${tag}.md` }).click();

    const compare = new ComparePage(page);
    await expect(compare.prompt).toBeVisible();
    const card = page.getByTestId("document-tray").getByTestId("document-card");
    await expect(card).toHaveAttribute("data-state", "ready");
    await expect(card).toContainText(`${tag}.md`);
    // Tokens and cost are known before anything is sent.
    await expect(page.getByTestId("send-estimate").getByTestId("estimate-flash")).toContainText(/Flash ≈ <?\$/);

    const preset = SUMMARY_PRESETS[0]!;
    await page.getByTestId(`preset-${preset.key}`).click();
    await compare.waitForAllToEnd();
    for (const name of [FLASH, PRO]) {
      const pane = compare.pane(name);
      await expect(pane.getByTestId("pane-prompt")).toHaveText(preset.prompt);
      await expect(pane.getByTestId("pane-documents").getByTestId("document-card")).toContainText(`${tag}.md`);
      await expect(lastAnswerText(pane)).not.toHaveText("");
    }

    // Each pane's request carried the whole document before the preset's words, to its own model.
    const requests = (await receivedRequests(preset.prompt)).filter((request) => userContent(request.body).includes(tag));
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(userContent(request.body)).toBe(`<document name="${tag}.md">\n${text}\n</document>\n\n${preset.prompt}`);
    }
    expect(requests.map((request) => request.body.model).sort()).toEqual(["deepseek-flash", "deepseek-v4-pro"]);
    // The draft's documents went with the prompt: the tray is empty again.
    await expect(page.getByTestId("document-tray").getByTestId("document-card")).toHaveCount(0);

    await page.reload();
    await expect(compare.pane(FLASH).getByTestId("pane-documents").getByTestId("document-card")).toContainText(`${tag}.md`);
    const saved = await compare.saved();
    expect(saved.turns[0]?.prompt.files.map((attached) => attached.name)).toEqual([`${tag}.md`]);
  });

  test("attached in the comparison itself, with an instruction of one's own; a follow-up reads it from the history", async ({ page }) => {
    const tag = uniqueTag("cmpatt");
    const { text, file } = markdownFile(tag);
    const compare = new ComparePage(page);
    await compare.open();
    await page.getByTestId("compare-file-input").setInputFiles(file);
    await expect(page.getByTestId("document-tray").getByTestId("document-card")).toHaveAttribute("data-state", "ready");
    await compare.send(`Which risks does it name? ${tag}`);
    await compare.waitForAllToEnd();
    const [first] = await receivedRequests(`Which risks does it name? ${tag}`);
    expect(userContent(first!.body)).toContain(`<document name="${tag}.md">\n${text}`);

    // A follow-up goes once every pane's answer has been read back (Send is enabled again).
    await compare.prompt.fill(`And the goals? ${tag}`);
    await expect(page.getByRole("button", { name: "Send to every pane" })).toBeEnabled();
    await compare.prompt.press("Enter");
    await expect(compare.pane(FLASH).getByTestId("pane-prompt")).toHaveCount(2);
    await compare.waitForAllToEnd();
    const followUps = await receivedRequests(`And the goals? ${tag}`);
    expect(followUps).toHaveLength(2);
    // The document stays at the front of every pane's history, where the prefix cache finds it.
    for (const request of followUps) expect(userContent(request.body)).toContain(`<document name="${tag}.md">\n${text}`);
  });

  test("a saved comparison is deleted after confirmation, votes and all", async ({ page }) => {
    const compare = new ComparePage(page);
    await compare.open();
    await compare.send(`Soon gone ${uniqueTag("cmpdel")}`);
    await compare.waitForAllToEnd();
    const id = await compare.comparisonId();
    await page.getByRole("button", { name: /is better$/ }).first().click();

    await compare.open("/compare");
    const row = page.getByTestId("saved-comparisons").locator("li", { has: page.locator(`a[href="/compare/${id}"]`) });
    await row.getByRole("button", { name: /^Delete/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await expect(row).toBeVisible();
    // A refused delete keeps the comparison and says so.
    const refuse = (route: Route) => (route.request().method() === "DELETE" ? route.fulfill({ status: 500 }) : route.fallback());
    await page.route(`**/api/conversations/${id}`, refuse);
    await row.getByRole("button", { name: /^Delete/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    const title = await row.getByTestId("saved-comparison").locator("span").first().textContent();
    await expect(page.getByRole("alert").filter({ hasText: "could not be deleted" })).toHaveText(`“${title}” could not be deleted. Try again.`);
    await expect(row).toBeVisible();
    await page.unroute(`**/api/conversations/${id}`, refuse);
    await row.getByRole("button", { name: /^Delete/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.locator(`a[href="/compare/${id}"]`)).toHaveCount(0);
    await expect(page.getByText("could not be deleted")).toHaveCount(0);
    await page.reload();
    await expect(page.locator(`a[href="/compare/${id}"]`)).toHaveCount(0);
    expect((await page.request.get(`/api/compare/${id}`)).status()).toBe(404);
  });
});
