import { expect, test } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { injectFault, receivedRequests, uniqueTag } from "./support/simulator";

test.describe("the page and the address bar agree", () => {
  test("new chat, answer, Back, Forward: the conversation is shown, and a message sent then lands in it", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`First words ${tag}`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    const id = chat.conversationIdFromUrl();

    await page.goBack();
    await page.goForward();
    await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
    await expect(chat.userMessages.first()).toContainText(`First words ${tag}`);
    await expect(chat.sidebar.locator(`a[href="/c/${id}"]`)).toBeVisible();

    await chat.send(`Second words ${tag}`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.userMessages).toHaveCount(2);
    const [request] = await receivedRequests(`Second words ${tag}`);
    expect(request?.body.messages.filter((message) => message.role === "user").map((message) => message.content)).toEqual([
      `First words ${tag}`,
      `Second words ${tag}`,
    ]);
    await page.reload();
    await expect(chat.userMessages).toHaveCount(2);
  });

  test("the tab's title follows the conversation", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    await expect(page).toHaveTitle(/New chat · V4 Chat|V4 Chat/);
    await chat.chooseMode("Non-think");
    await chat.send(`Title me ${tag}`);
    await chat.waitForAnswerToEnd();
    // The model's title is asked for once the first token is here, so it may land after the answer.
    const heading = page.getByTestId("conversation-title");
    await expect(heading).not.toHaveText("New chat");
    await expect(async () => {
      await expect(page).toHaveTitle(`${await heading.innerText()} · V4 Chat`, { timeout: 1000 });
    }).toPass();
  });
});

test.describe("stopping and scrolling", () => {
  test("Escape stops a running answer and the focus is back in the message box", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(tag, { kind: "slow", tokensPerSecond: 30 });
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`Long story ${tag}`);
    await expect(chat.lastAnswer().getByTestId("answer-text")).toContainText(/\w+ \w+/);
    await page.keyboard.press("Escape");
    expect(await chat.waitForAnswerToEnd()).toBe("stopped");
    await expect(chat.composer).toBeFocused();
  });

  test("stopped before anything arrived says so", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(tag, { kind: "keepalive", count: 40, intervalMs: 200 });
    await chat.open();
    await chat.send(`Nothing yet ${tag}`);
    await expect(page.getByRole("button", { name: "Stop answer" })).toBeVisible();
    await expect(async () => expect((await receivedRequests(tag)).length).toBe(1)).toPass();
    await page.getByRole("button", { name: "Stop answer" }).click();
    expect(await chat.waitForAnswerToEnd()).toBe("stopped");
    await expect(chat.lastAnswer().getByTestId("answer-stopped")).toHaveText("Stopped before any text arrived.");
  });

  test("sending while reading higher up brings the new message into view", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    await chat.chooseMode("Non-think");
    for (const n of [1, 2]) {
      await chat.send(`Long answer please ${n} ${tag}`);
      await chat.waitForAnswerToEnd();
    }
    await page.getByTestId("messages").evaluate((element) => element.scrollTo({ top: 0 }));
    await chat.send(`Where did it go ${tag}`);
    await expect(chat.userMessages.last()).toBeInViewport();
  });
});
