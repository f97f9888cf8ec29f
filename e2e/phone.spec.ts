import { expect, test } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { uniqueTag } from "./support/simulator";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("at phone width the sidebar is a drawer and the chat fits the screen", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.open();
  await expect(chat.sidebar).not.toBeInViewport();
  await chat.chooseMode("Non-think");
  // A long unbroken string (a URL, a hash) must wrap, not push the page sideways.
  await chat.send(`Phone question ${tag} https://example.invalid/${"a".repeat(160)}`);
  expect(await chat.waitForAnswerToEnd()).toBe("complete");
  const id = chat.conversationIdFromUrl();

  // Nothing overflows sideways: not the page, not the message list.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const listOverflow = await page.getByTestId("messages").evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(listOverflow).toBeLessThanOrEqual(0);

  await page.getByRole("button", { name: "Open conversations" }).click();
  await expect(chat.sidebar).toBeInViewport();
  await chat.sidebar.getByRole("button", { name: "New chat" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(chat.sidebar).not.toBeInViewport();
  await expect(chat.userMessages).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "What can I help with?" })).toBeVisible();

  await page.getByRole("button", { name: "Open conversations" }).click();
  await chat.sidebar.locator(`a[href="/c/${id}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
  await expect(chat.userMessages.first()).toContainText(tag);
});

test("the theme toggle switches to dark and is remembered", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  const html = page.locator("html");
  const startsDark = (await html.getAttribute("class"))?.includes("dark") ?? false;
  await page.getByRole("button", { name: startsDark ? "Switch to light theme" : "Switch to dark theme" }).click();
  await expect(html).toHaveClass(startsDark ? /^(?!.*dark)/ : /dark/);
  await page.reload();
  await expect(html).toHaveClass(startsDark ? /^(?!.*dark)/ : /dark/);
});
