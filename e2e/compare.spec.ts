import { expect, test } from "@playwright/test";
import type { ChatUIMessage } from "../lib/contract";
import { pathOf } from "./support/api";
import { ComparePage, lastAnswerText } from "./support/compare-page";
import { injectFault, receivedRequests, uniqueTag } from "./support/simulator";
import { squash } from "./support/text";

const FLASH = "V4.1 Flash · Think High";

/** The answer text of a message as saved. */
function textOf(message: ChatUIMessage | null | undefined): string {
  return (message?.parts ?? []).map((part) => (part.type === "text" ? part.text : "")).join("");
}
const PRO = "V4 Pro · Think High";

test.describe("side-by-side comparison", () => {
  test("Flash vs Pro stream at once, each pane's figures appear, and each request carries its pane's model and mode", async ({ page }) => {
    const compare = new ComparePage(page);
    const tag = uniqueTag("cmp");
    // Slow enough that both panes are seen mid-answer on a busy machine.
    await injectFault(tag, { kind: "slow", tokensPerSecond: 40 });
    await compare.open();
    await compare.send(`Explain consistent hashing ${tag}`);

    const flash = compare.pane(FLASH);
    const pro = compare.pane(PRO);
    // Both panes seen growing while neither has finished.
    const sample = async () => {
      const lengths = await Promise.all([flash, pro].map(async (pane) => (await pane.getByTestId("pane-answer").last().innerText()).length));
      const statuses = await Promise.all([flash, pro].map((pane) => pane.getByTestId("pane-answer").last().getAttribute("data-status")));
      return { lengths, bothStreaming: statuses.every((status) => status === "streaming") };
    };
    await expect(flash.getByTestId("pane-answer")).toHaveCount(1);
    await expect(pro.getByTestId("pane-answer")).toHaveCount(1);
    let first: { lengths: number[]; bothStreaming: boolean } | undefined;
    await expect.poll(async () => {
      first = await sample();
      return first.bothStreaming && first.lengths.every((length) => length > 20);
    }).toBe(true);
    await expect.poll(async () => {
      const later = await sample();
      return later.bothStreaming && later.lengths.every((length, index) => length > (first?.lengths[index] ?? 0));
    }).toBe(true);

    // Live figures while streaming.
    await expect(flash.getByTestId("figure-ttft")).toContainText(/\d/);

    await compare.waitForAllToEnd();
    for (const pane of [flash, pro]) {
      await expect(pane.getByTestId("pane-figures")).toHaveAttribute("data-final", "true");
      await expect(pane.getByTestId("figure-ttft")).toContainText(/\d+(\.\d)? (ms|s)/);
      await expect(pane.getByTestId("figure-total")).toContainText(/\d/);
      await expect(pane.getByTestId("figure-speed")).toContainText(/\d+ tok\/s/);
      await expect(pane.getByTestId("figure-input")).toContainText(/\d/);
      await expect(pane.getByTestId("figure-output")).toContainText(/reasoning/);
      await expect(pane.getByTestId("figure-cost")).toContainText("$");
    }
    // Pro at 40 tokens/s writes more reasoning than Flash: one pane is marked longest, and something is marked fastest.
    await expect(page.getByTestId("marker-fastest")).not.toHaveCount(0);
    await expect(page.getByTestId("marker-cheapest")).not.toHaveCount(0);

    const requests = await receivedRequests(tag);
    expect(requests).toHaveLength(2);
    const byModel = new Map(requests.map((request) => [request.body.model.includes("pro") ? "pro" : "flash", request.body]));
    for (const key of ["flash", "pro"]) {
      const body = byModel.get(key);
      expect(body?.thinking).toEqual({ type: "enabled" });
      expect(body?.reasoning_effort).toBe("high");
      expect(body?.messages).toEqual([{ role: "user", content: `Explain consistent hashing ${tag}` }]);
    }

    // Saved with everything: a reload shows the same answers and figures.
    const flashText = squash(await lastAnswerText(flash).innerText());
    const flashTotal = await flash.getByTestId("figure-total").locator("dd").innerText();
    await page.reload();
    await expect(lastAnswerText(compare.pane(FLASH))).toBeVisible();
    expect(squash(await lastAnswerText(compare.pane(FLASH)).innerText())).toBe(flashText);
    await expect(compare.pane(FLASH).getByTestId("figure-total").locator("dd")).toHaveText(flashTotal);
  });

  test("a follow-up goes to every pane, each with its own history", async ({ page }) => {
    const compare = new ComparePage(page);
    const first = uniqueTag("one");
    const second = uniqueTag("two");
    await injectFault(first, { kind: "script", content: `Flash's own answer ${first}` }, undefined, { model: "flash" });
    await injectFault(first, { kind: "script", content: `Pro's own answer ${first}` }, undefined, { model: "pro" });
    await compare.open();
    await compare.setPanes([
      { model: "V4.1 Flash", mode: "Non-think" },
      { model: "V4 Pro", mode: "Think Max" },
    ]);
    await compare.send(`First question ${first}`);
    await compare.waitForAllToEnd();
    await compare.send(`Follow-up ${second}`);
    await compare.waitForAllToEnd();

    const flash = compare.pane("V4.1 Flash · Non-think");
    const pro = compare.pane("V4 Pro · Think Max");
    await expect(flash.getByTestId("pane-prompt")).toHaveCount(2);
    await expect(pro.getByTestId("pane-answer")).toHaveCount(2);

    const requests = await receivedRequests(second);
    expect(requests).toHaveLength(2);
    const flashBody = requests.find((request) => request.body.model.includes("flash"))?.body;
    const proBody = requests.find((request) => request.body.model.includes("pro"))?.body;
    expect(flashBody?.thinking).toEqual({ type: "disabled" });
    expect(proBody?.thinking).toEqual({ type: "enabled" });
    expect(proBody?.reasoning_effort).toBe("max");
    expect(flashBody?.messages.map(({ role, content }) => ({ role, content }))).toEqual([
      { role: "user", content: `First question ${first}` },
      { role: "assistant", content: `Flash's own answer ${first}` },
      { role: "user", content: `Follow-up ${second}` },
    ]);
    expect(proBody?.messages.map(({ role, content }) => ({ role, content }))).toEqual([
      { role: "user", content: `First question ${first}` },
      { role: "assistant", content: `Pro's own answer ${first}` },
      { role: "user", content: `Follow-up ${second}` },
    ]);
  });

  test("a failing pane shows its error while the other completes; a 429 counts down in its pane only; retry asks that pane again", async ({ page }) => {
    const compare = new ComparePage(page);
    const tag = uniqueTag("fail");
    await injectFault(tag, { kind: "status", status: 500 }, 1, { model: "pro" });
    await compare.open();
    await compare.send(`Why is the sky blue ${tag}`);
    await compare.waitForAllToEnd();

    const flash = compare.pane(FLASH);
    const pro = compare.pane(PRO);
    await expect(pro.getByTestId("answer-error")).toBeVisible();
    await expect(pro.getByTestId("answer-error")).toContainText(/server|error/i);
    await expect(flash.getByTestId("answer-error")).toHaveCount(0);
    await expect(flash.getByTestId("pane-answer")).toHaveAttribute("data-status", "complete");
    await expect(lastAnswerText(flash)).toContainText(/\w{3,}/);

    // Retry the failed pane only: it answers now; Flash is not asked again.
    await pro.getByTestId("answer-error").getByRole("button", { name: "Retry" }).click();
    await compare.waitForAllToEnd();
    await expect(pro.getByTestId("pane-answer")).toHaveAttribute("data-status", "complete");
    const requests = await receivedRequests(tag);
    expect(requests.filter((request) => request.body.model.includes("pro"))).toHaveLength(2);
    expect(requests.filter((request) => request.body.model.includes("flash"))).toHaveLength(1);

    // A rate limit on one pane: its own countdown, the other pane is untouched.
    const limited = uniqueTag("rate");
    // A retry-after beyond what is waited out automatically (10 s): the pane shows its countdown.
    await injectFault(limited, { kind: "status", status: 429, retryAfter: 12 }, 1, { model: "flash" });
    await compare.send(`Another question ${limited}`);
    await compare.waitForAllToEnd();
    await expect(flash.getByTestId("answer-error")).toContainText(/rate|limit|concurrency/i);
    await expect(flash.getByRole("button", { name: /Retry in \d+ s/ })).toBeDisabled();
    await expect(pro.getByTestId("pane-answer").last()).toHaveAttribute("data-status", "complete");
    await expect(pro.getByRole("button", { name: /Retry in/ })).toHaveCount(0);
    await expect(flash.getByRole("button", { name: "Retry", exact: true })).toBeEnabled({ timeout: 15_000 });
  });

  test("one pane can be stopped while the other goes on", async ({ page }) => {
    const compare = new ComparePage(page);
    const tag = uniqueTag("stop");
    await injectFault(tag, { kind: "slow", tokensPerSecond: 20 }, undefined, { model: "pro" });
    await compare.open();
    await compare.send(`Tell me about lighthouses ${tag}`);
    const pro = compare.pane(PRO);
    await expect(pro.getByTestId("pane-answer")).toHaveAttribute("data-status", "streaming");
    await expect(pro.getByTestId("pane-answer")).toContainText(/\w{5,}/);
    await pro.getByRole("button", { name: `Stop ${PRO}` }).click();
    await compare.waitForAllToEnd();
    await expect(pro.getByTestId("answer-stopped")).toBeVisible();
    await expect(compare.pane(FLASH).getByTestId("pane-answer")).toHaveAttribute("data-status", "complete");
  });

  test("a vote is saved and shows on the results page; continue opens a chat holding that answer", async ({ page }) => {
    const compare = new ComparePage(page);
    const tag = uniqueTag("vote");
    const proMax = "V4 Pro · Think Max";
    await compare.open();
    await compare.setPanes([
      { model: "V4.1 Flash", mode: "Think Max" },
      { model: "V4 Pro", mode: "Think Max" },
    ]);
    await compare.send(`Pick a database for a small shop ${tag}`);
    await compare.waitForAllToEnd();

    await page.goto("/compare/results");
    const before = Number((await page.locator('[data-setup="pro/think-max"] [data-testid="win-counts"]').innerText()).split("/")[0]);
    await page.goBack();
    await expect(compare.pane(proMax)).toBeVisible();

    await page.getByRole("button", { name: `${proMax} is better` }).click();
    await expect(page.getByRole("button", { name: `${proMax} is better` })).toHaveAttribute("aria-pressed", "true");
    const saved = await compare.saved();
    expect(saved.turns[0]?.vote).toEqual({ outcome: "better", winnerLane: 1 });
    await page.reload();
    await expect(page.getByRole("button", { name: `${proMax} is better` })).toHaveAttribute("aria-pressed", "true");

    await page.getByRole("link", { name: "Results" }).click();
    await expect(page.getByRole("heading", { name: "Comparison results" })).toBeVisible();
    const row = page.locator('[data-setup="pro/think-max"]');
    await expect(row.getByTestId("win-counts")).toContainText(`${before + 1} /`);
    await expect(page.getByTestId("chart-win-rate").locator(".recharts-bar-rectangle")).not.toHaveCount(0);
    await expect(page.getByTestId("chart-speed").locator(".recharts-bar-rectangle")).not.toHaveCount(0);

    // Continue with the Pro answer: a normal chat holding the prompt and that answer.
    await page.goBack();
    const shown = squash(await lastAnswerText(compare.pane(proMax)).innerText());
    const stored = textOf(saved.turns[0]?.answers[1]);
    await page.getByRole("button", { name: `Continue with ${proMax}` }).click();
    await expect(page).toHaveURL(/\/c\/[A-Za-z0-9_-]+$/);
    await expect(page.getByTestId("user-message")).toContainText(tag);
    await expect(page.getByTestId("assistant-message")).toHaveCount(1);
    expect(squash(await page.getByTestId("answer-text").innerText())).toBe(shown);
    await expect(page.getByTestId("answer-meta")).toContainText(/V4 Pro.*Think Max/);
    // It goes on as a chat: the follow-up's history holds the continued answer only.
    const next = uniqueTag("next");
    await page.getByRole("textbox", { name: "Message" }).fill(`And backups? ${next}`);
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    await expect(page.getByTestId("assistant-message")).toHaveCount(2);
    await expect.poll(async () => (await receivedRequests(next)).length).toBe(1);
    const [request] = await receivedRequests(next);
    expect(request?.body.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(request?.body.messages[1]?.content).toBe(stored);
  });

  test("blind mode hides the names and shuffles the panes until the vote", async ({ page }) => {
    const compare = new ComparePage(page);
    const tag = uniqueTag("blind");
    await compare.open();
    await page.getByLabel(/Blind: hide which pane/).check();
    await compare.send(`Name three rivers ${tag}`);
    await compare.waitForAllToEnd();

    await expect(page.getByTestId("pane-name")).toHaveText(["Answer A", "Answer B"]);
    await expect(page.getByTestId("pane-detail")).toHaveCount(0);
    await expect(page.getByTestId("compare-view")).not.toContainText(/V4(\.1)? (Flash|Pro)/);

    await page.getByRole("button", { name: "Answer B is better" }).click();
    await expect(page.getByTestId("pane-detail")).toHaveCount(2);
    const details = await page.getByTestId("pane-detail").allInnerTexts();
    expect(details).toHaveLength(2);
    expect(details).toEqual(expect.arrayContaining([FLASH, PRO]));
    // The vote names the pane that was shown as B, whatever its lane.
    const saved = await compare.saved();
    const bLane = Number(await page.getByTestId("compare-pane").nth(1).getAttribute("data-lane"));
    expect(saved.turns[0]?.vote).toEqual({ outcome: "better", winnerLane: bLane });
  });

  test("four panes work, each with its own model and mode", async ({ page }) => {
    const compare = new ComparePage(page);
    const tag = uniqueTag("four");
    await compare.open();
    await compare.setPanes([
      { model: "V4.1 Flash", mode: "Non-think" },
      { model: "V4.1 Flash", mode: "Think High" },
      { model: "V4 Pro", mode: "Non-think" },
      { model: "V4 Pro", mode: "Think High" },
    ]);
    await compare.send(`Summarise the water cycle ${tag}`);
    await expect(compare.panes).toHaveCount(4);
    await compare.waitForAllToEnd();
    for (const name of ["V4.1 Flash · Non-think", "V4.1 Flash · Think High", "V4 Pro · Non-think", "V4 Pro · Think High"]) {
      await expect(compare.pane(name).getByTestId("pane-answer")).toHaveAttribute("data-status", "complete");
      await expect(compare.pane(name).getByTestId("pane-figures")).toHaveAttribute("data-final", "true");
    }
    const requests = await receivedRequests(tag);
    expect(requests.map((request) => `${request.body.model.includes("pro") ? "pro" : "flash"}:${request.body.thinking?.type}:${request.body.reasoning_effort ?? "-"}`).sort()).toEqual([
      "flash:disabled:-",
      "flash:enabled:high",
      "pro:disabled:-",
      "pro:enabled:high",
    ]);
  });

  test("compare this prompt: from a chat, with the conversation's history; listed among saved comparisons", async ({ page }) => {
    const tag = uniqueTag("from");
    await page.goto("/");
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill(`What is a monad ${tag}`);
    await box.press("Enter");
    await expect(page.getByTestId("assistant-message").last()).not.toHaveAttribute("data-status", "streaming", { timeout: 45_000 });
    await box.fill(`Give an example ${tag}`);
    await box.press("Enter");
    await expect(page.getByTestId("assistant-message")).toHaveCount(2);
    await expect(page.getByTestId("assistant-message").last()).not.toHaveAttribute("data-status", "streaming", { timeout: 45_000 });
    await expect(page.getByRole("button", { name: "Send message" })).toBeVisible();
    const chatId = /\/c\/([A-Za-z0-9_-]+)/.exec(page.url())?.[1] ?? "";
    const path = await pathOf(page.request, chatId);
    const earlierAnswer = path?.[1] ? textOf(path[1]) : "";
    expect(earlierAnswer.length).toBeGreaterThan(20);

    await page.getByTestId("user-message").last().hover();
    await page.getByTestId("user-message").last().getByRole("link", { name: "Compare this prompt" }).click();
    const compare = new ComparePage(page);
    await expect(compare.prompt).toHaveValue(`Give an example ${tag}`);
    await expect(page.getByTestId("carried-history")).toContainText("2 earlier messages");
    await compare.prompt.press("Enter");
    await compare.waitForAllToEnd();

    const requests = (await receivedRequests(`Give an example ${tag}`)).slice(-2);
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.body.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
      expect(request.body.messages[1]?.content).toBe(earlierAnswer);
    }

    await page.goto("/compare");
    await expect(page.getByTestId("saved-comparison").first()).toContainText(/monad|example/i);
    // Comparisons are not mixed into the chat list.
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "Compare models" })).toBeVisible();
  });
});

test.describe("comparison layout", () => {
  test("scrolling one pane scrolls the other; the switch turns it off", async ({ page }) => {
    const compare = new ComparePage(page);
    await page.setViewportSize({ width: 1280, height: 600 });
    await compare.open();
    await compare.send(`A long comparison for scrolling ${uniqueTag("scroll")}`);
    await compare.waitForAllToEnd();
    const scrollers = page.getByTestId("pane-scroller");
    const [first, second] = [scrollers.nth(0), scrollers.nth(1)];
    // Both panes are taller than their box.
    for (const pane of [first, second]) expect(await pane.evaluate((element) => element.scrollHeight > element.clientHeight + 100)).toBe(true);
    await first.evaluate((element) => {
      element.scrollTop = (element.scrollHeight - element.clientHeight) / 2;
    });
    await expect.poll(() => second.evaluate((element) => element.scrollTop)).toBeGreaterThan(50);

    await page.getByRole("button", { name: "Sync scroll" }).click();
    await expect(page.getByRole("button", { name: "Sync scroll" })).toHaveAttribute("aria-pressed", "false");
    const before = await second.evaluate((element) => element.scrollTop);
    await first.evaluate((element) => {
      element.scrollTop = 0;
    });
    await page.waitForTimeout(300);
    expect(await second.evaluate((element) => element.scrollTop)).toBe(before);
  });

  test("on a phone the panes are tabs with their key figures", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const compare = new ComparePage(page);
    await compare.open();
    await compare.send(`Phone comparison ${uniqueTag("phone")}`);
    const tabs = page.getByRole("tab");
    await expect(tabs).toHaveText([/Flash High/, /Pro High/]);
    await expect(tabs.first()).toHaveAttribute("aria-selected", "true");
    await expect(compare.pane(FLASH)).toBeVisible();
    await expect(compare.pane(PRO)).toBeHidden();
    await compare.waitForAllToEnd();
    // Each tab shows its pane's total time, speed and cost.
    for (const tab of await tabs.all()) await expect(tab.getByTestId("pane-tab-figures")).toHaveText(/^\d+(\.\d)? (ms|s)\d+ t\/s\$\d/);
    await tabs.first().focus();
    await page.keyboard.press("ArrowRight");
    await expect(tabs.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(tabs.nth(1)).toBeFocused();
    await expect(compare.pane(PRO)).toBeVisible();
    await expect(compare.pane(FLASH)).toBeHidden();
  });
});
