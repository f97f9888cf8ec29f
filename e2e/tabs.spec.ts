import { expect, test } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { injectFault, receivedRequests, uniqueTag } from "./support/simulator";

test.describe("two tabs on one conversation", () => {
  test("a turn sent in one tab appears in the other, live", async ({ context }) => {
    const one = new ChatPage(await context.newPage());
    const tag = uniqueTag();
    await one.open();
    await one.chooseMode("Non-think");
    await one.send(`Start here ${tag}`);
    await one.waitForAnswerToEnd();
    const id = one.conversationIdFromUrl();

    const two = new ChatPage(await context.newPage());
    await two.open(`/c/${id}`);
    await expect(two.userMessages).toHaveCount(1);

    await injectFault(`Slow follow-up ${tag}`, { kind: "slow", tokensPerSecond: 40 });
    await one.send(`Slow follow-up ${tag}`);
    // The second tab shows the new prompt and follows the answer while it is written.
    await expect(two.userMessages).toHaveCount(2);
    await expect(two.userMessages.last()).toContainText(`Slow follow-up ${tag}`);
    await expect(two.page.getByRole("button", { name: "Stop answer" })).toBeVisible();
    await expect(two.lastAnswer()).toHaveAttribute("data-status", "complete", { timeout: 45_000 });
    await expect(two.lastAnswer().getByTestId("answer-text")).toContainText("offline simulator");
  });

  test("a message typed while the other tab's answer runs is kept, and goes after that answer", async ({ context }) => {
    const one = new ChatPage(await context.newPage());
    const tag = uniqueTag();
    await one.open();
    await one.chooseMode("Non-think");
    await one.send(`Opening ${tag}`);
    await one.waitForAnswerToEnd();
    const id = one.conversationIdFromUrl();
    const two = new ChatPage(await context.newPage());
    await two.open(`/c/${id}`);

    await injectFault(`Long one ${tag}`, { kind: "slow", tokensPerSecond: 40 });
    await one.send(`Long one ${tag}`);
    // Tab 2 follows tab 1's answer; what is typed there meanwhile stays in its message box.
    await expect(two.page.getByRole("button", { name: "Stop answer" })).toBeVisible();
    await two.composer.fill(`From tab two ${tag}`);
    await two.composer.press("Enter");
    await expect(two.lastAnswer()).toHaveAttribute("data-status", "complete", { timeout: 45_000 });
    await expect(two.composer).toHaveValue(`From tab two ${tag}`);
    await two.composer.press("Enter");
    await expect(two.answers).toHaveCount(3);
    await expect(two.lastAnswer()).toHaveAttribute("data-status", "complete", { timeout: 45_000 });
    await expect(two.userMessages.last()).toContainText(`From tab two ${tag}`);
    const [request] = await receivedRequests(`From tab two ${tag}`);
    expect((request?.body.messages ?? []).filter((message) => message.role === "user").map((message) => message.content)).toEqual([
      `Opening ${tag}`,
      `Long one ${tag}`,
      `From tab two ${tag}`,
    ]);
  });

  test("a tab that missed the news gets a clear refusal, keeps its message, and Retry sends it after the other tab's answer", async ({ context }) => {
    const one = new ChatPage(await context.newPage());
    const tag = uniqueTag();
    await one.open();
    await one.chooseMode("Non-think");
    await one.send(`Opening ${tag}`);
    await one.waitForAnswerToEnd();
    const id = one.conversationIdFromUrl();
    // Like a device whose connection dropped: this tab hears nothing from the first one, neither
    // from the browser's other tabs nor from the server's change stream.
    const stalePage = await context.newPage();
    await stalePage.addInitScript(() => {
      delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
      delete (window as { EventSource?: unknown }).EventSource;
    });
    const two = new ChatPage(stalePage);
    await two.open(`/c/${id}`);

    await injectFault(`Long one ${tag}`, { kind: "slow", tokensPerSecond: 40 });
    await one.send(`Long one ${tag}`);
    await expect(one.page.getByRole("button", { name: "Stop answer" })).toBeVisible();
    await two.send(`From tab two ${tag}`);
    const refusal = two.page.getByTestId("request-error");
    await expect(refusal).toContainText("still being written");
    await expect(two.userMessages.last()).toContainText(`From tab two ${tag}`);

    await one.waitForAnswerToEnd();
    await refusal.getByRole("button", { name: "Retry" }).click();
    await expect(two.userMessages).toHaveCount(3);
    await expect(two.answers).toHaveCount(3);
    await expect(two.lastAnswer()).toHaveAttribute("data-status", "complete", { timeout: 45_000 });

    // Every turn once, in order; tab 1's answer untouched (still the only version).
    const [request] = await receivedRequests(`From tab two ${tag}`);
    expect((request?.body.messages ?? []).filter((message) => message.role === "user").map((message) => message.content)).toEqual([
      `Opening ${tag}`,
      `Long one ${tag}`,
      `From tab two ${tag}`,
    ]);
    const path = (await (await one.page.request.get(`/api/conversations/${id}/messages`)).json()) as {
      messages: Array<{ role: string; metadata: { status: string; version: { count: number } } }>;
    };
    expect(path.messages.filter((message) => message.role === "assistant").map((message) => [message.metadata.status, message.metadata.version.count])).toEqual([
      ["complete", 1],
      ["complete", 1],
      ["complete", 1],
    ]);
  });
});
