import { expect, test } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { uniqueTag } from "./support/simulator";

test("a click on a conversation shows that it is loading until the page arrives", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag("nav");
  await chat.open();
  await chat.chooseMode("Non-think");
  await chat.send(`Loading feedback ${tag}`);
  await chat.waitForAnswerToEnd();
  const id = chat.conversationIdFromUrl();
  await chat.open("/");

  // The server's answer for the conversation is held back, as on a slow network.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route((url) => url.pathname === `/c/${id}`, async (route) => {
    await held;
    await route.continue();
  });
  const link = chat.sidebar.locator(`a[href="/c/${id}"]`);
  await link.click();
  await expect(link.getByTestId("link-pending")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Loading…" })).toHaveCount(1);

  release();
  await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
  await expect(chat.userMessages.first()).toContainText(tag);
  await expect(link.getByTestId("link-pending")).toHaveCount(0);
});
