import { expect, test, type Page } from "@playwright/test";
import { SUMMARY_PRESETS } from "../lib/documents/presets";
import { makeDocx, makePdf } from "./support/document-fixtures";
import { ChatPage } from "./support/chat-page";
import { receivedRequests, uniqueTag } from "./support/simulator";

/** Attaches files through the composer's file picker, as the attach button does. */
async function attach(page: Page, files: Array<{ name: string; bytes: Uint8Array; mimeType?: string }>) {
  await page.getByTestId("attach-input").setInputFiles(
    files.map((file) => ({ name: file.name, mimeType: file.mimeType ?? "application/octet-stream", buffer: Buffer.from(file.bytes) })),
  );
}

function firstUserContent(body: { messages: Array<{ role: string; content: unknown }> }): string {
  const first = body.messages.find((message) => message.role === "user");
  return typeof first?.content === "string" ? first.content : JSON.stringify(first?.content);
}

test.describe("documents in a conversation", () => {
  test("a PDF: upload, estimate, summary, follow-up from the cache, preview", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    const tag = uniqueTag("pdf");
    await attach(page, [{ name: `${tag}.pdf`, bytes: await makePdf(30, 20, tag) }]);

    const card = page.getByTestId("document-tray").getByTestId("document-card");
    await expect(card).toHaveAttribute("data-state", "ready");
    await expect(card.getByTestId("document-figures")).toContainText(/PDF · 30 pages · [\d,]+ characters · [\d.K]+ tokens/);
    const estimate = page.getByTestId("send-estimate");
    await expect(estimate.getByTestId("estimate-total")).toContainText(/of 1M tokens/);
    await expect(estimate.getByTestId("estimate-flash")).toContainText(/Flash ≈ <?\$[\d.]+ to read · follow-ups ≈ <?\$[\d.]+ \(cached\)/);
    await expect(estimate.getByTestId("estimate-pro")).toContainText(/Pro ≈ \$/);

    // The preview shows the extracted text with its page markers.
    await card.getByRole("button", { name: `${tag}.pdf`, exact: true }).click();
    const preview = page.getByTestId("document-preview");
    await expect(preview.getByTestId("document-preview-text")).toContainText(`--- Page 3 of 30 ---\nPage 3 of the ${tag}`);
    await page.keyboard.press("Escape");
    await expect(preview).toBeHidden();

    await page.getByTestId("preset-tldr").click();
    await expect(chat.userMessages.first().getByTestId("document-card")).toContainText(`${tag}.pdf`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");

    await chat.send(`What rose on page 5? ${tag}-q2`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.lastAnswer().getByTestId("answer-meta")).toContainText(/cached/);
    await expect(chat.lastAnswer().getByTestId("cache-savings")).toContainText(/saved \$0\.\d+/);

    // Upstream: the whole document, in the first user message, identical in both requests.
    const [first] = await receivedRequests(SUMMARY_PRESETS[0]!.prompt);
    const [second] = await receivedRequests(`${tag}-q2`);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    const documentMessage = firstUserContent(first!.body);
    expect(documentMessage).toContain(`<document name="${tag}.pdf" pages="30">`);
    for (let pageNumber = 1; pageNumber <= 30; pageNumber++) expect(documentMessage).toContain(`Page ${pageNumber} of the ${tag}`);
    expect(firstUserContent(second!.body)).toBe(documentMessage);
    expect(second!.body.messages[0]).toEqual(first!.body.messages[0]);
  });

  test("a DOCX with headings and a table reads as Markdown", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    const tag = uniqueTag("docx");
    await attach(page, [{ name: `${tag}.docx`, bytes: await makeDocx(tag) }]);
    const card = page.getByTestId("document-tray").getByTestId("document-card");
    await expect(card).toHaveAttribute("data-state", "ready");
    await card.getByRole("button", { name: `${tag}.docx`, exact: true }).click();
    const text = page.getByTestId("document-preview-text");
    await expect(text).toContainText(`# Project ${tag}`);
    await expect(text).toContainText("## Milestones");
    await expect(text).toContainText(/\| Design review \| Ana +\| 2027-03-15 \|/);
  });
});
