import { expect, test, type Page, type Route } from "@playwright/test";
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
  test("Markdown and CSV: two documents on one message, every summary preset, then delete", async ({ page }) => {
    test.setTimeout(150_000);
    const chat = new ChatPage(page);
    await chat.open();
    const tag = uniqueTag("md");
    // Long enough to fill whole 256-token blocks of the prefix cache.
    const history = Array.from({ length: 30 }, (_, index) => `- ${2000 + index}: release ${index + 1} shipped with ${index * 3} fixes`).join("\n");
    const markdown = `# Release notes ${tag}\n\n## Added\n\n- Export to PDF\n- Dark mode\n\n## Fixed\n\n- Crash on start (due 2027-01-10)\n\n## History\n\n${history}\n`;
    const csv = `name,owner,due\nbeta ${tag},Ana,2027-02-01\nlaunch,Bo,2027-03-01\n`;
    await attach(page, [
      { name: `${tag}.md`, bytes: new TextEncoder().encode(markdown), mimeType: "text/markdown" },
      { name: `${tag}.csv`, bytes: new TextEncoder().encode(csv), mimeType: "text/csv" },
    ]);
    const cards = page.getByTestId("document-tray").getByTestId("document-card");
    await expect(cards).toHaveCount(2);
    await expect(cards.nth(0)).toHaveAttribute("data-state", "ready");
    await expect(cards.nth(1)).toHaveAttribute("data-state", "ready");
    await expect(cards.nth(0).getByTestId("document-figures")).toContainText(`Markdown · ${markdown.length.toLocaleString("en-US")} characters`);
    await expect(cards.nth(1).getByTestId("document-figures")).toContainText(`CSV · ${csv.length} characters`);
    await expect(page.getByTestId("send-estimate")).toBeVisible();

    // The first preset goes with the documents; the others ask about them in the same conversation.
    for (const [index, preset] of SUMMARY_PRESETS.entries()) {
      await page.getByTestId(`preset-${preset.key}`).click();
      await expect(chat.answers).toHaveCount(index + 1);
      expect(await chat.waitForAnswerToEnd()).toBe("complete");
      await expect(chat.lastAnswer()).not.toHaveText("");
      const requests = await receivedRequests(preset.prompt);
      const body = requests.find((request) => firstUserContent(request.body).includes(tag))!.body;
      expect(firstUserContent(body)).toContain(`<document name="${tag}.md">\n${markdown}`);
      expect(firstUserContent(body)).toContain(`<document name="${tag}.csv">\n${csv}`);
      if (index > 0) await expect(chat.lastAnswer().getByTestId("answer-meta")).toContainText(/cached/);
    }
    await expect(chat.userMessages.first().getByTestId("document-card")).toHaveCount(2);

    // Delete both on the documents page: gone from the list, and the conversation says so.
    await page.goto("/documents");
    // A refused delete leaves the row and says so.
    const refuse = (route: Route) => (route.request().method() === "DELETE" ? route.fulfill({ status: 500 }) : route.fallback());
    await page.route("**/api/documents/*", refuse);
    await page.getByRole("button", { name: `Delete ${tag}.md` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "could not be deleted" })).toHaveText(`“${tag}.md” could not be deleted. Try again.`);
    await expect(page.getByRole("button", { name: `Delete ${tag}.md` })).toBeVisible();
    await page.unroute("**/api/documents/*", refuse);
    // Deleted meanwhile elsewhere: the 404 counts as gone, without an error.
    const before = (await (await page.request.get("/api/documents")).json()) as { documents: Array<{ id: string; name: string }> };
    const csvRow = before.documents.find((document) => document.name === `${tag}.csv`);
    expect((await page.request.delete(`/api/documents/${csvRow?.id}`)).ok()).toBe(true);
    for (const name of [`${tag}.md`, `${tag}.csv`]) {
      await page.getByRole("button", { name: `Delete ${name}` }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
      await expect(page.getByRole("button", { name: `Delete ${name}` })).toHaveCount(0);
    }
    await expect(page.getByText("could not be deleted")).toHaveCount(0);
    const listed = (await (await page.request.get("/api/documents")).json()) as { documents: Array<{ name: string }> };
    expect(listed.documents.map((document) => document.name)).not.toContain(`${tag}.md`);
  });

  test("a PDF: upload, estimate, summary, follow-up from the cache, preview", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    const tag = uniqueTag("pdf");
    await attach(page, [{ name: `${tag}.pdf`, bytes: await makePdf(20, 20, tag) }]);

    const card = page.getByTestId("document-tray").getByTestId("document-card");
    await expect(card).toHaveAttribute("data-state", "ready");
    await expect(card.getByTestId("document-figures")).toContainText(/PDF · 20 pages · [\d,]+ characters · [\d.K]+ tokens/);
    const estimate = page.getByTestId("send-estimate");
    await expect(estimate.getByTestId("estimate-total")).toContainText(/of 1M tokens/);
    await expect(estimate.getByTestId("estimate-flash")).toContainText(/Flash ≈ <?\$[\d.]+ to read · follow-ups ≈ <?\$[\d.]+ \(cached\)/);
    await expect(estimate.getByTestId("estimate-pro")).toContainText(/Pro ≈ \$/);

    // The preview shows the extracted text with its page markers.
    await card.getByRole("button", { name: `${tag}.pdf`, exact: true }).click();
    const preview = page.getByTestId("document-preview");
    await expect(preview.getByTestId("document-preview-text")).toContainText(`--- Page 3 of 20 ---\nPage 3 of the ${tag}`);
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
    // The prompts' last user messages both carry the tag: the summary's in the document, the follow-up's in its words.
    const [first, second] = await receivedRequests(tag);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    const documentMessage = firstUserContent(first!.body);
    expect(documentMessage).toContain(`<document name="${tag}.pdf" pages="20">`);
    for (let pageNumber = 1; pageNumber <= 20; pageNumber++) expect(documentMessage).toContain(`Page ${pageNumber} of the ${tag}`);
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
    await page.keyboard.press("Escape");

    // Asked, then edited: the edited prompt still carries the document.
    await chat.send(`Who owns the launch? ${tag}-ask`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await chat.userMessages.first().hover();
    await chat.userMessages.first().getByRole("button", { name: "Edit message" }).click();
    const editor = page.getByRole("textbox", { name: "Edit message" });
    await editor.fill(`Who owns the design review? ${tag}-edited`);
    await editor.press("Enter");
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.userMessages.first().getByTestId("document-card")).toContainText(`${tag}.docx`);
    const [edited] = await receivedRequests(`${tag}-edited`);
    expect(firstUserContent(edited!.body)).toContain(`<document name="${tag}.docx">\n# Project ${tag}`);
  });
});
