import { expect, test } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { injectFault, receivedRequests, uniqueTag } from "./support/simulator";
import { squash } from "./support/text";

test.describe("failures are explained where they happen", () => {
  test("a refused API key (401) says so and what to do", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(tag, { kind: "status", status: 401 });
    await chat.open();
    await chat.send(`Hello ${tag}`);
    expect(await chat.waitForAnswerToEnd()).toBe("error");
    const note = chat.lastAnswer().getByTestId("answer-error");
    await expect(note).toContainText("refused the API key (401)");
    // DeepSeek quotes the key's last characters; not even those reach the page.
    await expect(note).not.toContainText("****");
    await expect(note).toContainText("DEEPSEEK_API_KEY");
    // The question was saved before the model was called.
    await page.reload();
    await expect(chat.userMessages.first()).toContainText(tag);
    await expect(chat.lastAnswer()).toHaveAttribute("data-status", "error");
  });

  test("a single rate limit (429) is tried again by itself, the wait shown, and the answer completes", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(tag, { kind: "status", status: 429 }, 1);
    await chat.open();
    // A first turn, so the faulty prompt makes no title request that could take the fault.
    await chat.send("Hello");
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await chat.send(`Busy minute ${tag}`);
    await expect(chat.lastAnswer().getByTestId("answer-retrying")).toContainText(/trying again in \d s \(attempt 2 of 3\)/);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.lastAnswer().getByTestId("answer-retrying")).toHaveCount(0);
    await expect(chat.answers).toHaveCount(2);
    expect(await receivedRequests(tag)).toHaveLength(2);
  });

  test("a rate limit (429) that lasts offers a retry after the wait, and the retry succeeds", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    // Every automatic attempt (3) is refused; the person's Retry is the fourth call.
    await injectFault(tag, { kind: "status", status: 429 }, 3);
    await chat.open();
    await chat.send("Hello");
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await chat.send(`Busy hour ${tag}`);
    expect(await chat.waitForAnswerToEnd()).toBe("error");
    await expect(chat.lastAnswer().getByTestId("answer-error")).toContainText("rate-limiting");
    const retry = chat.lastAnswer().getByRole("button", { name: /Retry/ });
    await expect(retry).toBeVisible();
    await expect(retry).toHaveText("Retry", { timeout: 5_000 });
    await retry.click();
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.answers).toHaveCount(2);
    expect(await receivedRequests(tag)).toHaveLength(4);
  });

  test("a balance problem (402) and a server error (500) are told apart", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(`${tag}-402`, { kind: "status", status: 402 });
    await injectFault(`${tag}-500`, { kind: "status", status: 500 });
    await chat.open();
    await chat.send(`Pay ${tag}-402`);
    await chat.waitForAnswerToEnd();
    await expect(chat.lastAnswer().getByTestId("answer-error")).toContainText("no balance left (402)");
    await chat.send(`Crash ${tag}-500`);
    await chat.waitForAnswerToEnd();
    await expect(chat.lastAnswer().getByTestId("answer-error")).toContainText("server error (500)");
    await expect(chat.lastAnswer().getByRole("button", { name: /Retry/ })).toBeVisible();
  });

  test("a stream that breaks keeps what arrived, marked interrupted, with retry", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(tag, { kind: "cut", afterContentChars: 120 }, 1);
    await chat.open();
    await chat.send(`Tell me about SSE ${tag}`);
    expect(await chat.waitForAnswerToEnd()).toBe("interrupted");
    await expect(chat.lastAnswer().getByTestId("answer-interrupted")).toContainText("Interrupted");
    const partial = await chat.lastAnswer().getByTestId("answer-text").innerText();
    expect(partial.length).toBeGreaterThan(20);

    // The stored row says the same after a reload.
    await page.reload();
    await expect(chat.lastAnswer()).toHaveAttribute("data-status", "interrupted");
    expect(squash(await chat.lastAnswer().getByTestId("answer-text").innerText())).toBe(squash(partial));

    await chat.lastAnswer().getByRole("button", { name: "Retry" }).click();
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
  });

  test("a context that is too long (400) tells the user to shorten or start over", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(tag, { kind: "status", status: 400 });
    await chat.open();
    await chat.send(`Huge ${tag}`);
    await chat.waitForAnswerToEnd();
    await expect(chat.lastAnswer().getByTestId("answer-error")).toContainText("too long");
    await expect(chat.lastAnswer().getByTestId("answer-error")).toContainText("new conversation");
  });

  test("a long queue of keep-alives still ends in an answer; an output limit is noted", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(`${tag}-queue`, { kind: "keepalive", count: 8, intervalMs: 150 });
    await injectFault(`${tag}-limit`, { kind: "length", maxTokens: 40 });
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`Queued ${tag}-queue`);
    // While only keep-alives arrive, the answer says it is waiting for the model.
    await expect(chat.lastAnswer().getByTestId("answer-waiting")).toContainText("Waiting for the model");
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.lastAnswer().getByTestId("answer-text")).toContainText("offline simulator");
    await chat.send(`Limited ${tag}-limit`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.lastAnswer().getByTestId("answer-length")).toContainText("output limit");
  });

  test("an answer cut short for lack of capacity is interrupted with retry; a filtered one is noted", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(`${tag}-capacity`, { kind: "finish", reason: "insufficient_system_resource", afterTokens: 30 }, 1);
    await injectFault(`${tag}-filter`, { kind: "finish", reason: "content_filter", afterTokens: 20 });
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`Busy servers ${tag}-filter`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.lastAnswer().getByTestId("answer-filtered")).toContainText("content filter");

    await chat.send(`Busy servers ${tag}-capacity`);
    expect(await chat.waitForAnswerToEnd()).toBe("interrupted");
    await expect(chat.lastAnswer().getByTestId("answer-interrupted")).toContainText("ran out of capacity");
    await chat.lastAnswer().getByRole("button", { name: "Retry" }).click();
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
  });
});

