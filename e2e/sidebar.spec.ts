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
  await expect(page).toHaveTitle(`Renamed ${tag} · V4 Chat`);

  // Leaving the field keeps what was typed; Escape drops it.
  await item.getByRole("button", { name: /^Rename/ }).click();
  await input.fill(`Blurred ${tag}`);
  await chat.composer.click();
  await expect(chat.sidebar.locator(`a[href="/c/${id}"]`)).toHaveText(`Blurred ${tag}`);
  await expect(page).toHaveTitle(`Blurred ${tag} · V4 Chat`);
  await item.getByRole("button", { name: /^Rename/ }).click();
  await input.fill(`Dropped ${tag}`);
  await input.press("Escape");
  await expect(chat.sidebar.locator(`a[href="/c/${id}"]`)).toHaveText(`Blurred ${tag}`);
  await page.reload();
  await expect(chat.sidebar.locator(`a[href="/c/${id}"]`)).toHaveText(`Blurred ${tag}`);

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

test("switching between conversations shows each one's messages, title and settings", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.open();
  await chat.chooseModel("Pro");
  await chat.chooseMode("Non-think");
  await chat.send(`First conversation ${tag}`);
  await chat.waitForAnswerToEnd();
  const first = chat.conversationIdFromUrl();

  await page.getByRole("button", { name: "New chat" }).click();
  await expect(chat.userMessages).toHaveCount(0);
  await chat.chooseModel("Flash");
  await chat.chooseMode("Think High");
  await chat.send(`Second conversation ${tag}`);
  await chat.waitForAnswerToEnd();
  const second = chat.conversationIdFromUrl();
  expect(second).not.toBe(first);

  for (const [id, text, model, mode] of [
    [first, "First conversation", "Pro", "Non-think"],
    [second, "Second conversation", "V4.1 Flash", "Think High"],
    [first, "First conversation", "Pro", "Non-think"],
  ] as const) {
    const link = chat.sidebar.locator(`a[href="/c/${id}"]`);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.userMessages.first()).toContainText(text);
    await expect(link).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("conversation-title")).toHaveText(await link.innerText());
    await expect(chat.selectedModel()).toHaveText(model);
    await expect(chat.selectedMode()).toHaveText(mode);
  }
});
