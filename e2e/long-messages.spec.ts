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

  test("a long message shows folded, with Show more and Show less", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    const line = "The quick brown fox jumps over the lazy dog while the compiler rebuilds everything. ";
    let body = `Summarise this log ${tag}\n`;
    while (body.length + line.length + 1 < 20_000 - 60) body += `${line}\n`;
    body = `${body}END-OF-PASTE ${tag}`.padEnd(20_000, ".");
    expect(body.length).toBe(20_000);
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(body);
    await chat.waitForAnswerToEnd();

    const message = chat.userMessages.last();
    const toggle = message.getByRole("button", { name: "Show more" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    const folded = await message.boundingBox();
    expect(folded?.height ?? Infinity).toBeLessThan(600);

    await toggle.click();
    const less = message.getByRole("button", { name: "Show less" });
    await expect(less).toHaveAttribute("aria-expanded", "true");
    const expanded = await message.boundingBox();
    expect(expanded?.height ?? 0).toBeGreaterThan(1500);
    const text = await message.getByTestId("user-message-text").innerText();
    expect(text).toContain(`END-OF-PASTE ${tag}`);
    expect(text.replace(/\s+/g, "").length).toBe(body.replace(/\s+/g, "").length);

    await less.click();
    await expect(message.getByRole("button", { name: "Show more" })).toHaveAttribute("aria-expanded", "false");
    expect((await message.boundingBox())?.height ?? Infinity).toBeLessThan(600);

    // A short message has nothing to fold.
    await chat.send(`Short one ${tag}`);
    await chat.waitForAnswerToEnd();
    await expect(chat.userMessages.last().getByRole("button", { name: /Show (more|less)/ })).toHaveCount(0);
  });

  test("the context meter shows from the first keystroke, with the draft's size once it is long", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    const meter = page.getByTestId("context-meter");
    const gauge = page.getByRole("meter", { name: "Context used" });
    await expect(meter).toHaveCount(0);

    await chat.composer.pressSequentially("h");
    await expect(meter).toBeVisible();
    await expect(gauge).toHaveAttribute("aria-valuenow", "1");
    await expect(page.getByTestId("draft-size")).toHaveCount(0);

    // A long draft: its approximate size shows beside the meter (about 2,000 tokens here).
    const words = "alpha beta gamma delta epsilon zeta eta theta iota kappa ";
    await chat.composer.fill(words.repeat(150));
    await expect(page.getByTestId("draft-size")).toHaveText(/^≈ \d\.\dK tokens/);
    const long = Number(await gauge.getAttribute("aria-valuenow"));
    expect(long).toBeGreaterThan(1000);
    expect(long).toBeLessThan(3000);

    await chat.composer.fill("");
    await expect(meter).toHaveCount(0);

    // After an answer the meter shows what the conversation uses, and a draft adds to it.
    await chat.chooseMode("Non-think");
    await chat.send(`Hello there ${tag}`);
    await chat.waitForAnswerToEnd();
    await expect(meter).toBeVisible();
    const used = Number(await gauge.getAttribute("aria-valuenow"));
    expect(used).toBeGreaterThan(0);
    await chat.composer.fill(words.repeat(150));
    await expect(gauge).not.toHaveAttribute("aria-valuenow", String(used));
    expect(Number(await gauge.getAttribute("aria-valuenow"))).toBe(used + long);
    await expect(meter).toContainText("≈");
  });
});
