import { expect, test } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { uniqueTag } from "./support/simulator";

test("conversations can be renamed and deleted (after confirmation)", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.open();
  await chat.chooseMode("Non-think");
  await chat.send(`Sidebar check ${tag}`);
  await chat.waitForAnswerToEnd();
  const id = chat.conversationIdFromUrl();
  const item = chat.sidebar.locator("li", { has: page.locator(`a[href="/c/${id}"]`) });

  await item.getByRole("button", { name: /^Rename/ }).click();
  const input = chat.sidebar.getByRole("textbox", { name: "Conversation title" });
  await input.fill(`Renamed ${tag}`);
  await input.press("Enter");
  await expect(chat.sidebar.locator(`a[href="/c/${id}"]`)).toHaveText(`Renamed ${tag}`);
  await page.reload();
  await expect(chat.sidebar.locator(`a[href="/c/${id}"]`)).toHaveText(`Renamed ${tag}`);
  await expect(page.getByTestId("conversation-title")).toHaveText(`Renamed ${tag}`);

  // Cancel keeps it; confirm deletes it.
  await item.getByRole("button", { name: /^Delete/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(chat.sidebar.locator(`a[href="/c/${id}"]`)).toBeVisible();
  await item.getByRole("button", { name: /^Delete/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(chat.sidebar.locator(`a[href="/c/${id}"]`)).toHaveCount(0);

  const response = await page.request.get(`/c/${id}`);
  expect(response.status()).toBe(404);
});

test("Shift+Enter makes a new line, Enter sends", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.open();
  await chat.chooseMode("Non-think");
  await chat.composer.fill(`Line one ${tag}`);
  await chat.composer.press("Shift+Enter");
  await chat.composer.pressSequentially("line two");
  await expect(chat.composer).toHaveValue(`Line one ${tag}\nline two`);
  await chat.composer.press("Enter");
  await expect(chat.userMessages.first()).toContainText("line two");
  await expect(chat.composer).toHaveValue("");
  await chat.waitForAnswerToEnd();
});
