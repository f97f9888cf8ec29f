import { expect, test, type Page } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { uniqueTag } from "./support/simulator";

/** What has the keyboard focus: role-ish description for messages. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element ? `${element.tagName.toLowerCase()}[${element.getAttribute("aria-label") ?? element.getAttribute("href") ?? element.textContent?.trim()}]` : "none";
  });

async function tabUntil(page: Page, matches: (description: string) => boolean, limit = 40): Promise<string> {
  for (let step = 0; step < limit; step += 1) {
    await page.keyboard.press("Tab");
    const description = await focused(page);
    if (matches(description)) return description;
  }
  throw new Error(`Tab never reached the target (last: ${await focused(page)})`);
}

test("the skip link is the first Tab stop and moves focus to the message box", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  // Start the Tab sequence at the top of the page (the message box takes focus on load).
  await page.evaluate(() => {
    const start = document.createElement("span");
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
  });
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the message box" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(chat.composer).toBeFocused();
});

test("radio groups: only the checked radio is tabbable; arrows, Home and End move selection and focus", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.chooseModel("Flash");
  await chat.chooseMode("Think High");
  const modes = page.getByRole("radiogroup", { name: "Reasoning mode" });
  await expect(modes.getByRole("radio", { name: "Think High" })).toHaveAttribute("tabindex", "0");
  await expect(modes.getByRole("radio", { name: "Non-think" })).toHaveAttribute("tabindex", "-1");
  await expect(modes.getByRole("radio", { name: "Think Max" })).toHaveAttribute("tabindex", "-1");

  await modes.getByRole("radio", { name: "Think High" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(modes.getByRole("radio", { name: "Think Max" })).toBeFocused();
  await expect(modes.getByRole("radio", { name: "Think Max" })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("ArrowRight"); // wraps around
  await expect(modes.getByRole("radio", { name: "Non-think" })).toBeFocused();
  await expect(chat.selectedMode()).toHaveText("Non-think");
  await page.keyboard.press("End");
  await expect(modes.getByRole("radio", { name: "Think Max" })).toBeFocused();
  await page.keyboard.press("Home");
  await expect(modes.getByRole("radio", { name: "Non-think" })).toBeFocused();
  await expect(chat.selectedMode()).toHaveText("Non-think");
  await expect(modes.getByRole("radio", { name: "Non-think" })).toHaveAttribute("tabindex", "0");
  // One Tab leaves the group.
  await page.keyboard.press("Tab");
  expect(await modes.evaluate((group) => group.contains(document.activeElement))).toBe(false);
});

test("a keyboard-only walk: pick a mode, send, stop, regenerate, move in the sidebar, delete a chat", async ({ page }) => {
  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.open();

  // An older conversation, so the sidebar has more than one row.
  await chat.chooseMode("Non-think");
  await chat.send(`Keyboard older ${tag}`);
  await chat.waitForAnswerToEnd();
  const older = chat.conversationIdFromUrl();
  await chat.open();
  await chat.chooseMode("Think High");

  // From the message box, Tab reaches the mode picker's checked radio; arrows pick Non-think.
  await chat.composer.focus();
  const modes = page.getByRole("radiogroup", { name: "Reasoning mode" });
  await tabUntil(page, (description) => description.startsWith("button[Think High"));
  await expect(modes.getByRole("radio", { name: "Think High" })).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(modes.getByRole("radio", { name: "Non-think" })).toBeFocused();
  await expect(chat.selectedMode()).toHaveText("Non-think");

  // Back to the message box (Shift+Tab past the model picker), type, Enter.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await expect(chat.composer).toBeFocused();
  await page.keyboard.type(`Keyboard walk ${tag} please write a long answer`);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Stop answer" })).toBeVisible();

  // Escape stops the answer; focus stays in the message box.
  await page.keyboard.press("Escape");
  await chat.waitForAnswerToEnd();
  await expect(chat.composer).toBeFocused();
  const current = chat.conversationIdFromUrl();

  // Regenerate by keyboard: focus returns to the message box.
  const regenerate = chat.lastAnswer().getByRole("button", { name: "Regenerate answer" });
  await regenerate.focus();
  await page.keyboard.press("Enter");
  await expect(chat.composer).toBeFocused();
  await chat.waitForAnswerToEnd();

  // The sidebar list is one Tab stop: the open conversation's link; arrows move between rows.
  const currentLink = chat.sidebar.locator(`a[href="/c/${current}"]`);
  const olderLink = chat.sidebar.locator(`a[href="/c/${older}"]`);
  await expect(currentLink).toHaveAttribute("tabindex", "0");
  await expect(olderLink).toHaveAttribute("tabindex", "-1");
  // Past the search box (and any folder headings), the first conversation link reached is the open one.
  await chat.sidebar.getByRole("button", { name: "Search" }).focus();
  await tabUntil(page, (description) => description.startsWith("a[/c/"));
  await expect(currentLink).toBeFocused();
  // (Other tests may add conversations meanwhile: positions are read from the list itself.)
  const links = chat.sidebar.locator("a[data-conversation-id]");
  await page.keyboard.press("End");
  await expect(links.last()).toBeFocused();
  await expect(links.last()).toHaveAttribute("tabindex", "0");
  await expect(currentLink).toHaveAttribute("tabindex", "-1");
  await page.keyboard.press("Home");
  await expect(links.first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(links.first()).toBeFocused();
  for (let step = 0; step < 20 && !(await olderLink.evaluate((element) => element === document.activeElement)); step += 1) {
    await page.keyboard.press("ArrowDown");
  }
  await expect(olderLink).toBeFocused();

  // The row's actions follow the link in the Tab order (or with ArrowRight); then the list is left.
  // Pin, Move to, Rename, Delete.
  await page.keyboard.press("Tab");
  const olderRow = chat.sidebar.locator("li", { has: page.locator(`a[href="/c/${older}"]`) });
  await expect(olderRow.getByRole("button", { name: /^Pin/ })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(olderRow.getByRole("button", { name: /^Move/ })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(olderRow.getByRole("button", { name: /^Rename/ })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(olderRow.getByRole("button", { name: /^Delete/ })).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(olderRow.getByRole("button", { name: /^Rename/ })).toBeFocused();
  for (let step = 0; step < 3; step += 1) await page.keyboard.press("ArrowLeft");
  await expect(olderLink).toBeFocused();
  for (let step = 0; step < 4; step += 1) await page.keyboard.press("ArrowRight");
  await expect(olderRow.getByRole("button", { name: /^Delete/ })).toBeFocused();

  // Delete with the keyboard: the confirmation takes focus; Escape cancels, Enter on Delete confirms.
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(olderLink).toBeVisible();
  await expect(olderRow.getByRole("button", { name: /^Delete/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Delete" })).toBeFocused();
  const count = await links.count();
  const index = await links.evaluateAll((elements, id) => elements.findIndex((element) => element.getAttribute("data-conversation-id") === id), older);
  const expected = await links.nth(index + 1 < count ? index + 1 : index - 1).getAttribute("data-conversation-id");
  await page.keyboard.press("Enter");
  await expect(olderLink).toHaveCount(0);
  // Focus moves to the next conversation in the list.
  await expect(chat.sidebar.locator(`a[data-conversation-id="${expected}"]`)).toBeFocused();
  await expect(chat.sidebar.locator(`a[data-conversation-id="${expected}"]`)).toHaveAttribute("tabindex", "0");
  expect(chat.conversationIdFromUrl()).toBe(current);
});
