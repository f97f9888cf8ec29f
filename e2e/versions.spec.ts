import { expect, test, type Locator } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { injectFault, receivedRequests, uniqueTag } from "./support/simulator";
import { squash } from "./support/text";

/** ‹ n / m › under a message. */
const versionLabel = (message: Locator) => message.getByTestId("version-label");

test.describe("answer versions and branches", () => {
  test("regenerating twice keeps three versions, each with its own model and mode; the choice survives a reload", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`Explain monads ${tag}`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    const firstText = await chat.lastAnswer().getByTestId("answer-text").innerText();

    await chat.chooseModel("Pro");
    await chat.lastAnswer().getByRole("button", { name: "Regenerate answer" }).click();
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    await chat.chooseModel("Flash");
    await chat.chooseMode("Think High");
    await chat.lastAnswer().getByRole("button", { name: "Regenerate answer" }).click();
    expect(await chat.waitForAnswerToEnd()).toBe("complete");

    // One turn on screen, three versions of its answer; the newest is shown.
    await expect(chat.answers).toHaveCount(1);
    const answer = chat.lastAnswer();
    await expect(versionLabel(answer)).toHaveText("3 / 3");
    await expect(answer.getByTestId("answer-meta")).toContainText(/V4\.1 Flash.*Think High/);

    // Back to version 2 (Pro, Non-think), then 1 (the first answer), by mouse and by keyboard.
    await answer.getByRole("button", { name: "Previous answer version" }).click();
    await expect(versionLabel(answer)).toHaveText("2 / 3");
    await expect(answer.getByTestId("answer-meta")).toContainText(/V4 Pro.*Non-think/);
    await answer.getByRole("button", { name: "Previous answer version" }).focus();
    await page.keyboard.press("Enter");
    await expect(versionLabel(answer)).toHaveText("1 / 3");
    expect(squash(await answer.getByTestId("answer-text").innerText())).toBe(squash(firstText));
    await expect(answer.getByRole("button", { name: "Previous answer version" })).toBeFocused();
    await expect(answer.getByRole("button", { name: "Next answer version" })).toHaveAttribute("aria-disabled", "false");
    await page.keyboard.press("ArrowRight");
    await expect(versionLabel(answer)).toHaveText("2 / 3");

    // The selection is stored: a reload shows version 2 again.
    await page.reload();
    await expect(versionLabel(chat.lastAnswer())).toHaveText("2 / 3");
    await expect(chat.lastAnswer().getByTestId("answer-meta")).toContainText(/V4 Pro.*Non-think/);
    expect(await receivedRequests(tag)).toHaveLength(3);
  });

  test("editing a middle message starts a branch; the old branch stays reachable; only the shown path goes upstream", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`First question ${tag}`);
    await chat.waitForAnswerToEnd();
    await chat.send(`Second question ${tag}`);
    await chat.waitForAnswerToEnd();
    await chat.send(`Third question ${tag}`);
    await chat.waitForAnswerToEnd();

    const middle = chat.userMessages.nth(1);
    await middle.hover();
    await middle.getByRole("button", { name: "Edit message" }).click();
    const editor = page.getByRole("textbox", { name: "Edit message" });
    await editor.fill(`Second question, reworded ${tag}`);
    await editor.press("Enter");
    expect(await chat.waitForAnswerToEnd()).toBe("complete");

    // The new branch: the first turn, then the edited question (2 / 2) and its answer.
    await expect(chat.userMessages).toHaveCount(2);
    await expect(chat.userMessages.nth(1)).toContainText("reworded");
    await expect(versionLabel(chat.userMessages.nth(1))).toHaveText("2 / 2");

    // Only that path reached the model: no third question, no old second question.
    const [edited] = await receivedRequests(`Second question, reworded ${tag}`);
    expect(edited?.body.messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(JSON.stringify(edited?.body.messages)).not.toContain(`Third question ${tag}`);
    expect(JSON.stringify(edited?.body.messages)).not.toContain(`"Second question ${tag}"`);

    // A follow-up on the new branch carries the new branch only.
    await chat.send(`Fourth question ${tag}`);
    await chat.waitForAnswerToEnd();
    const [fourth] = await receivedRequests(`Fourth question ${tag}`);
    const sent = (fourth?.body.messages ?? []).filter((message) => message.role === "user").map((message) => message.content);
    expect(sent).toEqual([`First question ${tag}`, `Second question, reworded ${tag}`, `Fourth question ${tag}`]);

    // The old branch is one click away, whole, and stays selected after a reload.
    await chat.userMessages.nth(1).getByRole("button", { name: "Previous message version" }).click();
    await expect(chat.userMessages).toHaveCount(3);
    await expect(chat.userMessages.nth(1)).toHaveText(new RegExp(`^Second question ${tag}`));
    await expect(chat.userMessages.nth(2)).toContainText(`Third question ${tag}`);
    await page.reload();
    await expect(chat.userMessages).toHaveCount(3);
    await expect(versionLabel(chat.userMessages.nth(1))).toHaveText("1 / 2");
  });

  test("a regenerate that fails (402) keeps the earlier answer, one click away", async ({ page }) => {
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await chat.open();
    await chat.chooseMode("Non-think");
    await chat.send(`Keep my answer ${tag}`);
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    const good = await chat.lastAnswer().getByTestId("answer-text").innerText();

    await injectFault(tag, { kind: "status", status: 402 });
    await chat.lastAnswer().getByRole("button", { name: "Regenerate answer" }).click();
    expect(await chat.waitForAnswerToEnd()).toBe("error");
    await expect(chat.lastAnswer().getByTestId("answer-error")).toContainText("no balance left (402)");
    await expect(chat.lastAnswer().getByTestId("answer-error")).toContainText("Top up");
    await expect(versionLabel(chat.lastAnswer())).toHaveText("2 / 2");

    await chat.lastAnswer().getByRole("button", { name: "Previous answer version" }).click();
    await expect(versionLabel(chat.lastAnswer())).toHaveText("1 / 2");
    await expect(chat.lastAnswer()).toHaveAttribute("data-status", "complete");
    expect(squash(await chat.lastAnswer().getByTestId("answer-text").innerText())).toBe(squash(good));
    await page.reload();
    expect(squash(await chat.lastAnswer().getByTestId("answer-text").innerText())).toBe(squash(good));
  });
});

test.describe("reloading while an answer streams", () => {
  test("a reload at any moment, even just after the last token, ends on the full answer with no stale notice", async ({ page }) => {
    test.setTimeout(180_000);
    const chat = new ChatPage(page);
    const tag = uniqueTag();
    await injectFault(tag, { kind: "slow", tokensPerSecond: 120 });
    const lastWords = "Answered by the V4 Chat offline simulator";

    // Reload after these delays, and the moment the last words are on screen.
    const moments: Array<number | "last-token"> = [0, 150, 500, 1000, 1800, "last-token", "last-token"];
    for (const [index, moment] of moments.entries()) {
      await chat.open("/");
      await chat.chooseMode("Non-think");
      await chat.send(`Reload me ${index} ${tag}`);
      if (moment === "last-token") {
        await expect(chat.lastAnswer().getByTestId("answer-text")).toContainText(lastWords, { timeout: 30_000 });
      } else {
        await expect(page).toHaveURL(/\/c\//);
        await page.waitForTimeout(moment);
      }
      await page.reload();
      await expect(chat.lastAnswer()).toHaveAttribute("data-status", "complete", { timeout: 30_000 });
      await expect(page.getByTestId("answer-waiting")).toHaveCount(0);
      await expect(chat.answers).toHaveCount(1);
      // The page shows the whole answer as it was saved, down to its last words: the same as a
      // fresh load of the finished conversation.
      const id = chat.conversationIdFromUrl();
      const { messages } = (await (await page.request.get(`/api/conversations/${id}/messages`)).json()) as {
        messages: Array<{ role: string; parts: Array<{ type: string; text?: string }> }>;
      };
      const saved = messages.find((message) => message.role === "assistant")?.parts.find((part) => part.type === "text")?.text ?? "";
      expect(saved, `saved at ${moment}`).toContain(lastWords);
      await codeRendered(chat.lastAnswer(), saved);
      const shown = squash(await chat.lastAnswer().getByTestId("answer-text").innerText());
      expect(shown).toContain(squash(lastWords));
      await page.reload();
      await expect(chat.lastAnswer()).toHaveAttribute("data-status", "complete");
      await codeRendered(chat.lastAnswer(), saved);
      expect(squash(await chat.lastAnswer().getByTestId("answer-text").innerText()), `reload at ${moment}`).toBe(shown);
    }
  });
});

/** Waits until every code block of a markdown answer shows its code (highlighting loads lazily). */
async function codeRendered(answer: Locator, markdown: string): Promise<void> {
  const blocks = Math.floor((markdown.match(/^```/gm) ?? []).length / 2);
  const bodies = answer.locator('[data-streamdown="code-block-body"]');
  await expect(bodies).toHaveCount(blocks);
  for (let index = 0; index < blocks; index += 1) await expect(bodies.nth(index)).toContainText(/\S/);
}
