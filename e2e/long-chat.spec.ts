// A long conversation opens on its last turns; earlier ones are read on request, in place.
import { expect, test } from "@playwright/test";
import { longConversationArchive } from "../lib/testing/long-conversation";
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

test("a 1,000-message conversation opens on its last answer, scrolls, reads earlier turns and takes typing", async ({ page, request }) => {
  test.setTimeout(120_000);
  const tag = uniqueTag("thousand");
  const archive = longConversationArchive({ id: `thousand-${tag}`, title: `A thousand messages ${tag}`, turns: 500 });
  const imported = await request.post("/api/archive/import", { data: archive });
  expect(imported.status(), await imported.text()).toBe(200);
  const listed = (await (await request.get("/api/conversations")).json()) as { conversations: Array<{ id: string; title: string }> };
  const conversation = listed.conversations.find((entry) => entry.title === `A thousand messages ${tag}`);
  if (!conversation) throw new Error("the imported conversation is not listed");

  const chat = new ChatPage(page);
  await chat.open(`/c/${conversation.id}`);
  await expect(chat.lastAnswer()).toContainText("That is all for step 500");
  await expect(chat.lastAnswer()).toBeInViewport();
  await expect(chat.answers).toHaveCount(20);
  await expect(page.getByTestId("show-earlier")).toHaveText("Show earlier messages (960 more)");

  // Scrolls with the keyboard, like any page: to the top, where earlier turns can be read in.
  await page.getByTestId("messages").focus();
  await page.keyboard.press("Home");
  await expect(page.getByTestId("show-earlier")).toBeInViewport();
  await page.getByTestId("show-earlier").click();
  await expect(chat.answers).toHaveCount(40);
  await expect(page.getByTestId("show-earlier")).toHaveText("Show earlier messages (920 more)");
  await page.keyboard.press("End");
  await expect(chat.lastAnswer()).toBeInViewport();

  // The composer takes a long typed line at once.
  const line = "How would this plan change for a team of five? ".repeat(4).trim();
  await chat.composer.pressSequentially(line, { delay: 5 });
  await expect(chat.composer).toHaveValue(line);
});
