import { readFile } from "node:fs/promises";
import { expect, test, type Download, type Page } from "@playwright/test";
import { regenerate, sendPrompt } from "./support/api";
import { ChatPage } from "./support/chat-page";
import { injectFault, uniqueTag } from "./support/simulator";

interface ArchiveJson {
  format: string;
  version: number;
  conversations: Array<{ id: string; title: string; messages: Array<{ id: string; parts: Array<{ type: string; text?: string }> }> }>;
}

async function downloaded(download: Download): Promise<string> {
  return readFile((await download.path())!, "utf8");
}

async function exportAll(page: Page): Promise<ArchiveJson> {
  const response = await page.request.get("/api/archive");
  expect(response.status()).toBe(200);
  return (await response.json()) as ArchiveJson;
}

async function upload(page: Page, name: string, content: string): Promise<void> {
  await page.getByLabel("Import a file…").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
}

test("export one conversation (Markdown, JSON) and all data; re-import gives it back field by field, twice adds nothing", async ({ page }) => {
  const tag = uniqueTag("arc");
  const conversationId = `arc${uniqueTag()}`;
  await injectFault(tag, { kind: "script", reasoning: "Thinking about $x^2$ first.", content: `Squares of ${tag}: $x^2$ grows.` }, 2);
  await page.request.post("/api/chat", {
    data: { trigger: "submit", conversationId, model: "pro", mode: "think-high", parentId: null, message: { id: `m${uniqueTag()}`, text: `Explain ${tag}` } },
  });
  const chat = new ChatPage(page);
  await chat.open(`/c/${conversationId}`);
  const exportButton = page.getByRole("button", { name: "Export this conversation" });

  await exportButton.click();
  let download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Markdown with reasoning" }).click();
  const markdown = await downloaded(await download);
  expect(markdown).toContain(`## You\n\nExplain ${tag}`);
  expect(markdown).toContain("## DeepSeek V4 Pro · Think High");
  expect(markdown).toContain("> **Reasoning**\n>\n> Thinking about $x^2$ first.");
  expect(markdown).toContain(`Squares of ${tag}: $x^2$ grows.`);

  // A second version of the answer, so the JSON carries both.
  const first = (await (await page.request.get(`/api/conversations/${conversationId}/messages`)).json()) as { messages: Array<{ id: string }> };
  await regenerate(page.request, { conversationId, parentId: first.messages[0]!.id });
  await page.reload();

  await exportButton.click();
  download = page.waitForEvent("download");
  await page.getByRole("link", { name: "JSON (all versions)" }).click();
  const single = JSON.parse(await downloaded(await download)) as ArchiveJson;
  expect(single).toMatchObject({ format: "v4chat-archive", version: 1 });
  expect(single.conversations).toHaveLength(1);
  expect(single.conversations[0]!.messages).toHaveLength(3); // the prompt and both versions of the answer

  // All data, from the account page.
  await page.goto("/account");
  download = page.waitForEvent("download");
  await page.getByTestId("export-all").click();
  const archiveText = await downloaded(await download);
  const archive = JSON.parse(archiveText) as ArchiveJson;
  const before = archive.conversations.find((conversation) => conversation.id === conversationId);
  expect(before?.messages).toHaveLength(3);

  // Gone, then imported back: the same conversation, field by field.
  expect((await page.request.delete(`/api/conversations/${conversationId}`)).status()).toBe(200);
  await upload(page, "v4chat-archive.json", archiveText);
  await expect(page.getByTestId("import-status")).toContainText(/Imported 1 conversation \(3 messages\)[^.]* from a V4 Chat archive/);
  const after = (await exportAll(page)).conversations.find((conversation) => conversation.id === conversationId);
  expect(after).toEqual(before);

  // Again: nothing new. Checked on this test's conversation: tests running at the same time add
  // (and import) conversations of their own.
  await upload(page, "v4chat-archive.json", archiveText);
  await expect(page.getByTestId("import-status")).toContainText(/Imported 0 conversations .*already here were skipped/);
  const copies = (await exportAll(page)).conversations.filter((conversation) => conversation.title === before?.title);
  expect(copies.map((conversation) => conversation.id)).toEqual([conversationId]);

  // The imported conversation opens, with the version that was shown, and its math drawn.
  await chat.open(`/c/${conversationId}`);
  await expect(chat.lastAnswer().getByTestId("version-label")).toHaveText(/2\s*\/\s*2/);
});

test("a ChatGPT export imports; a bad file is refused with its reason and nothing is stored", async ({ page }) => {
  const tag = uniqueTag("gpt");
  const chatgpt = [
    {
      title: `From ChatGPT ${tag}`,
      create_time: 1_730_000_000,
      update_time: 1_730_000_100,
      conversation_id: `cg-${tag}`,
      current_node: "a",
      mapping: {
        root: { id: "root", message: null, parent: null, children: ["u"] },
        u: { id: "u", message: { author: { role: "user" }, create_time: 1_730_000_001, content: { content_type: "text", parts: [`What is ${tag}?`] } }, parent: "root", children: ["a"] },
        a: { id: "a", message: { author: { role: "assistant" }, create_time: 1_730_000_002, content: { content_type: "text", parts: [`${tag} is a test.`] } }, parent: "u", children: [] },
      },
    },
  ];
  await page.goto("/account");

  await upload(page, "broken.json", JSON.stringify({ hello: "world" }));
  await expect(page.getByTestId("import-error")).toContainText("neither a V4 Chat archive nor ChatGPT's conversations.json");
  // A well-formed conversation in an archive that is wrong elsewhere (its date): refused whole.
  const stranded = { id: `stranded-${tag}`, title: `Never stored ${tag}`, titleSource: "user", model: "flash", mode: "non-think", createdAt: "2026-11-01T09:00:00.000Z", updatedAt: "2026-11-01T09:00:00.000Z", pinnedAt: null, folderId: null, messages: [] };
  await upload(page, "broken-archive.json", JSON.stringify({ format: "v4chat-archive", version: 1, exportedAt: "yesterday", conversations: [stranded] }));
  await expect(page.getByTestId("import-error")).toContainText("This V4 Chat archive cannot be read");
  await upload(page, "not-json.json", "{ not json");
  await expect(page.getByTestId("import-error")).toContainText("not valid JSON");
  // Checked by what the files held, not by a count: tests running beside this one add conversations.
  expect((await exportAll(page)).conversations.filter((conversation) => conversation.title.includes(tag))).toEqual([]);

  await upload(page, "conversations.json", JSON.stringify(chatgpt));
  await expect(page.getByTestId("import-status")).toContainText("Imported 1 conversation (2 messages) from ChatGPT");
  const chat = new ChatPage(page);
  await chat.open();
  await chat.sidebar.getByRole("link", { name: `From ChatGPT ${tag}` }).click();
  await expect(chat.lastAnswer()).toContainText(`${tag} is a test.`);
  await expect(chat.userMessages.first()).toContainText(`What is ${tag}?`);
});
