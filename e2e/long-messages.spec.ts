// Long chats: stopped answers with counted (estimated) usage, long prompts folded, the draft's size.
import { expect, test } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { injectFault, uniqueTag } from "./support/simulator";

test.describe("long chats", () => {
  test("a stopped answer shows estimated tokens and a cost, live and after a reload", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(tag, { kind: "slow", tokensPerSecond: 40 });
    await chat.open();
    await chat.chooseMode("Think High");
    await chat.send(`Explain consistent hashing ${tag}`);
    await expect(chat.lastAnswer().getByTestId("reasoning-text")).toContainText(/\w+ \w+ \w+/);
    await page.getByRole("button", { name: "Stop answer" }).click();
    expect(await chat.waitForAnswerToEnd()).toBe("stopped");

    const check = async () => {
      const meta = chat.lastAnswer().getByTestId("answer-meta");
      await expect(meta).toContainText(/≈ \d+(\.\d)?K? in/);
      const out = meta.getByTestId("usage-estimated");
      await expect(out).toHaveText(/≈ \d+(\.\d)?K? out \(\d+(\.\d)?K? reasoning\) \(estimated\)/);
      await expect(out).toHaveAttribute("title", /Estimated: the answer was cut off/);
      await expect(meta.getByTestId("answer-cost")).toHaveText(/≈ (<)?\$\d/);
      return meta.innerText();
    };
    const live = await check();
    await page.reload();
    await expect(chat.lastAnswer()).toHaveAttribute("data-status", "stopped");
    expect(await check()).toBe(live);
  });
});
