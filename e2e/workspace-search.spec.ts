import { expect, test } from "@playwright/test";
import { sendPrompt } from "./support/api";
import { ChatPage } from "./support/chat-page";
import { injectFault, uniqueTag } from "./support/simulator";

/**
 * Search finds a word from an old answer (Ctrl+K, typed, highlighted) and opens that conversation
 * at the answer, scrolled into view and marked; a match in an older version is put on the path.
 */
test("search finds a word in an old answer and opens the conversation at that message", async ({ page }) => {
  const word = uniqueTag("quokka");
  const conversationId = `search${uniqueTag()}`;
  // Three turns; the word is only in the first answer, so the page must scroll up to it.
  // The word is in the answer only (the prompt names the conversation, not the word).
  await injectFault(`first ${conversationId}`, { kind: "script", content: `Field notes: the ${word} lives on Rottnest Island.\n\n${"Filler paragraph. ".repeat(80)}` });
  await sendPrompt(page.request, { conversationId, text: `first ${conversationId} question` });
  const path1 = await (await page.request.get(`/api/conversations/${conversationId}/messages`)).json() as { messages: Array<{ id: string }> };
  let parentId = path1.messages[1]!.id;
  for (const turn of ["second", "third"]) {
    await injectFault(`${turn} turn ${conversationId}`, { kind: "script", content: `${"Long answer text. ".repeat(120)}` });
    await sendPrompt(page.request, { conversationId, text: `${turn} turn ${conversationId}`, parentId });
    const path = await (await page.request.get(`/api/conversations/${conversationId}/messages`)).json() as { messages: Array<{ id: string }> };
    parentId = path.messages[path.messages.length - 1]!.id;
  }
  const answerId = path1.messages[1]!.id;

  const chat = new ChatPage(page);
  await chat.open();
  await page.keyboard.press("ControlOrMeta+k");
  const box = page.getByRole("combobox", { name: "Search conversations" });
  await expect(box).toBeFocused();
  await box.pressSequentially(word.slice(0, -2)); // a prefix, as while typing
  const result = page.getByTestId("search-result").first();
  await expect(result).toContainText("Rottnest");
  await expect(result.locator("mark").first()).toHaveText(word);
  await expect(result).toHaveAttribute("aria-selected", "true");

  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/c/${conversationId}\\?m=${answerId}$`));
  const target = page.locator(`[data-message-id="${answerId}"]`);
  await expect(target).toHaveAttribute("data-search-match", "");
  await expect(target.getByText(`the ${word} lives`)).toBeInViewport();
});

test("the search box in the sidebar opens the same search; nothing found says so", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.sidebar.getByRole("button", { name: "Search" }).click();
  const box = page.getByRole("combobox", { name: "Search conversations" });
  await box.fill(uniqueTag("nothing"));
  await expect(page.getByText(/Nothing found for/)).toBeVisible();
  await box.press("Escape");
  await expect(box).toBeHidden();
});
