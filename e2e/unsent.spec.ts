// A reload just after Send, before the request reached the server (a busy server can take a
// while to read it): the words are not lost. The request is held in the browser here, so the
// server really never sees it, as when the reload wins that race.
import { expect, test, type Page } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { receivedRequests, uniqueTag } from "./support/simulator";

/**
 * Holds every chat request while `holding` is on: held ones never reach the server, and go when
 * the page that made them goes. (Unrouting would let a held request through.)
 */
async function holdChatRequests(page: Page): Promise<{ release(): void }> {
  let holding = true;
  await page.route("**/api/chat", (route) => {
    if (!holding) return route.continue();
  });
  return { release: () => (holding = false) };
}

test.describe("a message that had not reached the server when the page reloaded", () => {
  test("first message of a new chat: the chat was never made, so a new chat takes the words back", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    const text = `Never arrived ${tag}: how do B-trees stay balanced?`;
    await chat.open();
    await chat.chooseMode("Non-think");
    // Held, never answered: the server does not get it.
    const held = await holdChatRequests(page);
    await chat.send(text);
    await expect(page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
    held.release();

    await page.reload();
    // The page looks for the chat for a few seconds (the server might still be making it) first.
    await expect(page).toHaveURL(/\/$/, { timeout: 15_000 });
    await expect(page.getByTestId("unsent-restored")).toContainText("had not reached the server");
    await expect(chat.composer).toHaveValue(text);

    // Sending it now works like any first message.
    await chat.composer.press("Enter");
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(page.getByTestId("unsent-restored")).toHaveCount(0);
    await expect(chat.userMessages).toHaveCount(1);
    expect(await receivedRequests(tag)).toHaveLength(1);
    // And it is not offered again after another reload.
    await page.reload();
    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.composer).toHaveValue("");
  });

  test("a follow-up: the conversation keeps what it had, and the box has the words again", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`Saved first ${tag}`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");

    const followUp = `Lost follow-up ${tag}`;
    const held = await holdChatRequests(page);
    await chat.send(followUp);
    await expect(chat.userMessages).toHaveCount(2);
    held.release();
    await page.reload();

    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.composer).toHaveValue(followUp);
    await expect(page.getByTestId("unsent-restored")).toBeVisible();
    expect(await receivedRequests(followUp)).toHaveLength(0);
  });

  test("a message the server did get is not offered again after a reload", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`Arrived ${tag}`);
    // Reload the moment the answer starts: the server has the message by then.
    await expect(chat.lastAnswer()).toBeVisible();
    await page.reload();
    await expect(chat.userMessages.first()).toContainText(`Arrived ${tag}`);
    await expect(chat.composer).toHaveValue("");
    await expect(page.getByTestId("unsent-restored")).toHaveCount(0);
  });
});
