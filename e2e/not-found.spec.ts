import { expect, test } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { uniqueTag } from "./support/simulator";

test("a deleted conversation reached with Back says so inside the app: the sidebar stays, and a new chat is one click away", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag("gone");
  await chat.open();
  await chat.chooseMode("Non-think");
  await chat.send(`Soon deleted ${tag}`);
  await chat.waitForAnswerToEnd();
  const id = chat.conversationIdFromUrl();
  const item = chat.sidebar.locator("li", { has: page.locator(`a[href="/c/${id}"]`) });
  await item.getByRole("button", { name: /^Delete/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
  await expect(page.getByRole("heading", { name: "Conversation not found" })).toBeVisible();
  await expect(chat.sidebar).toBeVisible();
  await expect(chat.sidebar.locator(`a[href="/c/${id}"]`)).toHaveCount(0);
  await expect(page).toHaveTitle("Not found · V4 Chat");
  // Nothing can be typed into a conversation that is not there.
  await expect(chat.composer).toHaveCount(0);

  await page.getByRole("button", { name: "Start a new chat" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(chat.composer).toBeVisible();
});

test("a conversation address that names none keeps the app's frame too, with a 404 status; any other wrong address gets a plain page", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  const response = await page.goto("/c/nosuchconversation");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Conversation not found" })).toBeVisible();
  await expect(new ChatPage(page).sidebar).toBeVisible();
  // The theme and the language hold on a page the browser finished rendering itself.
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  const elsewhere = await page.goto("/no/such/page");
  expect(elsewhere?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your chats" }).click();
  await expect(new ChatPage(page).composer).toBeVisible();
});

test("in Chinese, the in-app not-found page is in Chinese and says so in <html lang>", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const response = await page.goto("/c/nosuchconversation");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "未找到对话" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page).toHaveTitle("未找到 · V4 Chat");
  await context.close();
});
