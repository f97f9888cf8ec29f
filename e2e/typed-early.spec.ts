import { expect, type Page, test } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { ComparePage } from "./support/compare-page";
import { receivedRequests, uniqueTag } from "./support/simulator";

// A slow phone: the page is shown well before its script runs. What is typed meanwhile must be
// what Send sends, not words the box shows while Send stays off.
async function holdScripts(page: Page, ms: number): Promise<void> {
  await page.route("**/_next/static/chunks/**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
}

test("words typed into a chat before the page came alive are sent as typed", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag("early");
  await holdScripts(page, 1500);
  await page.goto("/", { waitUntil: "commit" });
  await chat.composer.fill(`Typed early ${tag}`);
  const send = page.getByRole("button", { name: "Send message" });
  await expect(send).toBeEnabled({ timeout: 20_000 });
  await expect(chat.composer).toHaveValue(`Typed early ${tag}`);
  await send.click();
  await expect(chat.userMessages.first()).toContainText(`Typed early ${tag}`);
  await chat.waitForAnswerToEnd();
  const [request] = await receivedRequests(tag);
  expect(request?.body.messages.at(-1)?.content).toBe(`Typed early ${tag}`);
});

test("a comparison's prompt typed before the page came alive is sent to every pane", async ({ page }) => {
  const compare = new ComparePage(page);
  const tag = uniqueTag("early-cmp");
  await holdScripts(page, 1500);
  await page.goto("/compare", { waitUntil: "commit" });
  await compare.prompt.fill(`Compare early ${tag}`);
  const send = page.getByRole("button", { name: "Send to every pane" });
  await expect(send).toBeEnabled({ timeout: 20_000 });
  await send.click();
  await expect(compare.prompt).toHaveValue("", { timeout: 15_000 });
  await compare.waitForAllToEnd();
  await expect.poll(async () => (await receivedRequests(tag)).length).toBe(2);
});
