import { expect, test } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { injectFault, receivedRequests, uniqueTag } from "./support/simulator";
import { squash } from "./support/text";

test.describe("chatting", () => {
  test("streams the reasoning live, folds it away, then shows the answer with its figures", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    // Slow enough that the reasoning can be watched while it streams.
    await injectFault(tag, { kind: "slow", tokensPerSecond: 40 });
    await chat.open();
    await expect(page.getByTestId("simulator-banner")).toContainText("Offline simulator");
    // Think Max reasons longest: seconds of reasoning to watch even on a busy machine.
    await chat.chooseMode("Think Max");
    // Each mode's output cap is in its tooltip, and is what the upstream is asked for.
    const modes = page.getByRole("radiogroup", { name: "Reasoning mode" });
    await expect(modes.getByRole("radio", { name: "Non-think" })).toHaveAttribute("title", /^Non-think · up to 32K output tokens\./);
    await expect(modes.getByRole("radio", { name: "Think Max" })).toHaveAttribute("title", /^Think Max · up to 256K output tokens, reasoning included\./);
    await chat.send(`Explain prompt caching ${tag}`);

    const answer = chat.lastAnswer();
    // While it thinks: the reasoning arrives in an open panel, before any answer text.
    await expect(answer.getByTestId("reasoning-text")).toContainText(/\w+ \w+ \w+/);
    await expect(answer.getByTestId("reasoning-label")).toContainText("Thinking");
    await expect(answer.getByTestId("answer-text")).toHaveCount(0);

    // The answer begins: the reasoning folds away and the markdown renders as it arrives.
    await expect(answer.getByTestId("answer-text")).toBeVisible({ timeout: 30_000 });
    await expect(answer.getByTestId("reasoning-text")).toBeHidden();
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(answer.getByTestId("reasoning-label")).toContainText(/Thought for .* reasoning tokens/);
    await expect(answer.locator("table")).toBeVisible();
    await expect(answer.locator("pre").first()).toBeVisible();
    await expect(answer.getByTestId("answer-meta")).toContainText(/V4\.1 Flash.*Think Max.*in.*out \(\d+ reasoning\).*\$/);

    // The reasoning can be reopened.
    await answer.getByTestId("reasoning-label").click();
    await expect(answer.getByTestId("reasoning-text")).toBeVisible();

    // What the upstream received: DeepSeek's wire format for Flash, Think Max.
    const [request] = await receivedRequests(tag);
    expect(request?.path).toMatch(/\/chat\/completions$/);
    expect(request?.body.model).toBe("deepseek-flash");
    expect(request?.body.thinking).toEqual({ type: "enabled" });
    expect(request?.body.reasoning_effort).toBe("max");
    expect(request?.body.max_tokens).toBe(262_144);
    expect(request?.body.messages).toEqual([{ role: "user", content: `Explain prompt caching ${tag}` }]);
  });

  test("model and mode switch mid-conversation, reach the upstream, and are remembered", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    await chat.chooseModel("Pro");
    await chat.chooseMode("Non-think");
    await chat.send(`First question ${tag}`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.lastAnswer().getByTestId("reasoning")).toHaveCount(0);
    await expect(chat.lastAnswer().getByTestId("answer-meta")).toContainText("V4 Pro");
    await expect(chat.lastAnswer().getByTestId("answer-meta")).toContainText("Non-think");

    await chat.chooseModel("Flash");
    await chat.chooseMode("Think High");
    await chat.send(`Second question ${tag}`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.lastAnswer().getByTestId("answer-meta")).toContainText(/V4\.1 Flash.*Think High/);

    const [first, second] = await receivedRequests(tag);
    expect(first?.body.model).toBe("deepseek-v4-pro");
    expect(first?.body.thinking).toEqual({ type: "disabled" });
    expect(first?.body).not.toHaveProperty("reasoning_effort");
    expect(second?.body.model).toBe("deepseek-flash");
    expect(second?.body.thinking).toEqual({ type: "enabled" });
    expect(second?.body.reasoning_effort).toBe("high");
    // The API is stateless: the second request carries the whole history.
    expect(second?.body.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);

    // The conversation remembers its last model and mode.
    await page.reload();
    await expect(chat.selectedModel()).toHaveText("V4.1 Flash");
    await expect(chat.selectedMode()).toHaveText("Think High");
  });

  test("a conversation survives a reload and is listed in the sidebar with its title", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    await chat.send(`Compare SQLite and PostgreSQL ${tag}`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    const id = chat.conversationIdFromUrl();
    const answerText = await chat.lastAnswer().getByTestId("answer-text").innerText();

    await page.reload();
    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.userMessages.first()).toContainText(tag);
    // Same words (code blocks may lay out their lines differently once highlighted).
    await expect(async () => {
      const reloaded = await chat.lastAnswer().getByTestId("answer-text").innerText();
      expect(squash(reloaded)).toBe(squash(answerText));
    }).toPass();
    await expect(chat.lastAnswer().getByTestId("answer-meta")).toContainText("V4.1 Flash");

    // From a new chat, the sidebar leads back to it (newest first).
    await chat.open("/");
    const link = chat.sidebar.locator(`a[href="/c/${id}"]`);
    await expect(link).toBeVisible();
    await expect(link).not.toHaveText(/^\s*$/);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
    await expect(chat.userMessages.first()).toContainText(tag);
    await expect(link).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("conversation-title")).toHaveText(await link.innerText());
  });

  test("Stop keeps what arrived and marks it stopped, also after a reload", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(tag, { kind: "slow", tokensPerSecond: 40 });
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`Write a long essay ${tag}`);
    await expect(chat.lastAnswer().getByTestId("answer-text")).toContainText(/\w+ \w+/);
    await page.getByRole("button", { name: "Stop answer" }).click();
    expect(await chat.waitForAnswerToEnd()).toBe("stopped");
    await expect(chat.lastAnswer().getByTestId("answer-stopped")).toBeVisible();
    const partial = await chat.lastAnswer().getByTestId("answer-text").innerText();
    expect(partial.length).toBeGreaterThan(3);

    await page.reload();
    await expect(chat.lastAnswer()).toHaveAttribute("data-status", "stopped");
    expect(squash(await chat.lastAnswer().getByTestId("answer-text").innerText())).toBe(squash(partial));
  });

  test("closing the tab does not cancel the answer", async ({ page, context }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(tag, { kind: "slow", tokensPerSecond: 150 });
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`Keep going without me ${tag}`);
    await expect(chat.lastAnswer().getByTestId("answer-text")).toContainText(/\w+/);
    const id = chat.conversationIdFromUrl();
    await page.close();

    const again = new ChatPage(await context.newPage());
    await expect(async () => {
      await again.open(`/c/${id}`);
      await expect(again.lastAnswer()).toHaveAttribute("data-status", "complete", { timeout: 1000 });
    }).toPass({ timeout: 40_000 });
    await expect(again.lastAnswer().getByTestId("answer-text")).toContainText("offline simulator");
  });

  test("a reload mid-answer follows the answer live to its end", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    // Slow enough that the answer is still arriving when the reloaded page is up, even on a busy machine.
    await injectFault(tag, { kind: "slow", tokensPerSecond: 25 });
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`Follow me after a reload ${tag}`);
    await expect(chat.lastAnswer().getByTestId("answer-text")).toContainText(/\w+ \w+/);

    await page.reload();
    // Still arriving after the reload: the Stop button shows and the answer completes by itself.
    await expect(page.getByRole("button", { name: "Stop answer" })).toBeVisible();
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.answers).toHaveCount(1);
    await expect(chat.lastAnswer().getByTestId("answer-text")).toContainText("offline simulator");
    await expect(chat.lastAnswer().getByTestId("answer-meta")).toContainText("V4.1 Flash");
  });

  test("model output and user text are shown as text, never as HTML", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    const payload = `<img src="x" data-probe="${tag}" onerror="window.__probe='${tag}'"><script>window.__probe='${tag}'</script>`;
    await chat.open();
    await chat.chooseMode("Non-think");
    // The simulator quotes the question in its answer, so the markup comes back as model output too.
    await chat.send(`Render this ${payload}`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await expect(chat.userMessages.first()).toContainText(`<img src="x" data-probe="${tag}"`);
    await expect(page.locator(`[data-probe="${tag}"]`)).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __probe?: string }).__probe)).toBeUndefined();
    await page.reload();
    await expect(chat.lastAnswer()).toHaveAttribute("data-status", "complete");
    await expect(page.locator(`[data-probe="${tag}"]`)).toHaveCount(0);
  });

  test("images and raw HTML in model output load nothing", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    const requested: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes(tag)) requested.push(request.url());
    });
    await chat.open();
    await chat.chooseMode("Non-think");
    // The simulator quotes the question, so these come back as model output: a markdown image
    // whose URL would carry data out, and raw HTML tags.
    await chat.send(`Summarise ![leak](http://127.0.0.1:9/${tag}.png?secret=1) and <img src="/${tag}-raw.png"> <a href="/${tag}">x</a>`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    const answer = chat.lastAnswer().getByTestId("answer-text");
    await expect(answer).toContainText("Summarise");
    await expect(answer.locator("img")).toHaveCount(0);
    // The only link is the image's placeholder, which opens it in a new tab (raw HTML stays text).
    const placeholder = answer.locator(`a[href*="${tag}"]`);
    await expect(placeholder).toHaveCount(1);
    await expect(placeholder).toHaveText(/^Image from 127\.0\.0\.1:9 — open in a new tab/);
    await expect(placeholder).toHaveAttribute("href", `http://127.0.0.1:9/${tag}.png?secret=1`);
    await expect(placeholder).toHaveAttribute("rel", "noopener noreferrer");
    await page.reload();
    await expect(chat.lastAnswer()).toHaveAttribute("data-status", "complete");
    expect(requested).toEqual([]);
  });

  test("nothing is fetched from outside the machine", async ({ page }) => {
    const outside: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol !== "data:") outside.push(request.url());
    });
    const chat = new ChatPage(page);
    await chat.open();
    await chat.send(`Show me math, a table and code ${uniqueTag()}`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await chat.lastAnswer().getByTestId("reasoning-label").click();
    expect(outside).toEqual([]);
  });
});
