// A long conversation opens on its last turns; earlier ones are read on request, in place.
import { expect, test } from "@playwright/test";
import { pathOf, sendPrompt } from "./support/api";
import { ChatPage } from "./support/chat-page";
import { injectFault, uniqueTag } from "./support/simulator";

const TURNS = 26; // 52 messages: more than the 40 a page opens with

test("a long chat opens on its last turns, shows earlier ones on request, and keeps the place", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = uniqueTag("long");
  const conversationId = `long-${tag}`;
  // Short scripted answers keep the seeding quick.
  await injectFault(tag, { kind: "script", content: "Noted." }, TURNS * 2);
  let parentId: string | null = null;
  for (let turn = 1; turn <= TURNS; turn += 1) {
    await sendPrompt(request, { conversationId, text: `Question ${turn} ${tag}`, parentId });
    parentId = (await pathOf(request, conversationId))!.at(-1)!.id;
  }

  const chat = new ChatPage(page);
  await chat.open(`/c/${conversationId}`);
  await expect(chat.userMessages.last()).toContainText(`Question ${TURNS} ${tag}`);
  await expect(chat.userMessages).toHaveCount(20);
  await expect(chat.userMessages.first()).toContainText(`Question 7 ${tag}`);
  const earlier = page.getByTestId("show-earlier");
  await expect(earlier).toHaveText("Show earlier messages (12 more)");

  // Reading further up: the turns before appear above, and what was on screen stays put.
  await earlier.click();
  await expect(chat.userMessages).toHaveCount(TURNS);
  await expect(chat.userMessages.first()).toContainText(`Question 1 ${tag}`);
  await expect(earlier).toHaveCount(0);
  await expect(chat.userMessages.nth(6)).toBeInViewport();

  // A new turn after that keeps everything loaded, and a reload opens on the last turns again.
  await chat.send(`One more ${tag}`);
  expect(await chat.waitForAnswerToEnd()).toBe("complete");
  await expect(chat.userMessages).toHaveCount(TURNS + 1);
  await page.reload();
  await expect(chat.userMessages).toHaveCount(20);
  await expect(page.getByTestId("show-earlier")).toHaveText("Show earlier messages (14 more)");
});
