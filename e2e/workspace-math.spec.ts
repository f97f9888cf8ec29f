import { expect, test } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { injectFault, uniqueTag } from "./support/simulator";

/**
 * Math as DeepSeek writes it, in all four delimiters, renders with KaTeX in the answer and in the
 * reasoning; prices next to it stay text. Checked live and after a reload.
 */
test("math renders in all four delimiters, prices do not", async ({ page }) => {
  const tag = uniqueTag("math");
  const content = [
    `Here is the analysis (${tag}). Plans cost $5 and $10 a month.`,
    "",
    "Merge sort runs in $O(n \\log n)$ time; its recurrence is \\(T(n) = 2T(n/2) + n\\).",
    "",
    "$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$",
    "",
    "\\[",
    "e^{i\\pi} + 1 = 0",
    "\\]",
  ].join("\n");
  const reasoning = "The user pays $5 and $10. Cost is $c_1 + c_2$ and also \\(x^2\\).";
  await injectFault(tag, { kind: "script", reasoning, content });

  const chat = new ChatPage(page);
  await chat.open();
  await chat.chooseMode("Think High");
  await chat.send(`Explain merge sort ${tag}`);
  await chat.waitForAnswerToEnd();

  for (const phase of ["live", "reloaded"]) {
    const answer = chat.lastAnswer();
    // Two inline formulas, two display formulas.
    await expect(answer.locator(".katex-display"), phase).toHaveCount(2);
    await expect(answer.locator(".katex"), phase).toHaveCount(4);
    await expect(answer.locator("annotation")).toHaveText(["O(n \\log n)", "T(n) = 2T(n/2) + n", "\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}", "e^{i\\pi} + 1 = 0"]);
    await expect(answer.getByText("Plans cost $5 and $10 a month.")).toBeVisible();
    const visible = await answer.innerText();
    expect(visible).not.toContain("\\(");
    expect(visible).not.toContain("\\[");
    expect(visible).not.toContain("$O(");

    await answer.getByTestId("reasoning").getByRole("button").first().click();
    const thoughts = answer.getByTestId("reasoning-text");
    await expect(thoughts.getByTestId("reasoning-math")).toHaveCount(2);
    await expect(thoughts).toContainText("The user pays $5 and $10. Cost is");
    await expect(thoughts.locator("annotation")).toHaveText(["c_1 + c_2", "x^2"]);

    if (phase === "live") {
      await page.reload();
      await chat.waitForAnswerToEnd();
    }
  }
});
