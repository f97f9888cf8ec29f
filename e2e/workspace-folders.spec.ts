import { expect, test, type Page } from "@playwright/test";
import { sendPrompt } from "./support/api";
import { ChatPage } from "./support/chat-page";
import { uniqueTag } from "./support/simulator";

async function makeConversation(page: Page, title: string): Promise<string> {
  const conversationId = `ws${uniqueTag()}`;
  await sendPrompt(page.request, { conversationId, text: `Hello for ${title}` });
  const response = await page.request.patch(`/api/conversations/${conversationId}`, { data: { title } });
  expect(response.status()).toBe(200);
  return conversationId;
}

const row = (page: Page, id: string) => page.getByTestId("conversation-row").filter({ has: page.locator(`a[href="/c/${id}"]`) });
const folder = (page: Page, name: string) => page.getByRole("region", { name: `Folder ${name}` });

test("pins and folders: create, pin, move by menu and by drag, rename, delete keeps the conversations; all survive a reload", async ({ page }) => {
  const tag = uniqueTag();
  const first = await makeConversation(page, `Alpha ${tag}`);
  const second = await makeConversation(page, `Beta ${tag}`);
  const chat = new ChatPage(page);
  await chat.open();

  // Pin: the conversation heads the list, under "Pinned".
  await row(page, first).hover();
  await row(page, first).getByRole("button", { name: `Pin Alpha ${tag}` }).click();
  const pinned = page.getByTestId("pinned-section");
  await expect(pinned.locator(`a[href="/c/${first}"]`)).toBeVisible();

  // A folder, made from the sidebar.
  await chat.sidebar.getByRole("button", { name: "New folder" }).click();
  await chat.sidebar.getByRole("textbox", { name: "New folder name" }).fill(`Work ${tag}`);
  await chat.sidebar.getByRole("textbox", { name: "New folder name" }).press("Enter");
  await expect(folder(page, `Work ${tag}`)).toBeVisible();

  // Move by the menu (mouse).
  await row(page, second).hover();
  await row(page, second).getByRole("button", { name: `Move Beta ${tag} to a folder` }).click();
  await page.getByRole("menu", { name: `Move Beta ${tag} to` }).getByRole("menuitemradio", { name: `Work ${tag}` }).click();
  await expect(folder(page, `Work ${tag}`).locator(`a[href="/c/${second}"]`)).toBeVisible();

  // Move by drag and drop: the pinned one into the folder (it leaves Pinned).
  await row(page, first).dragTo(folder(page, `Work ${tag}`));
  await expect(folder(page, `Work ${tag}`).locator(`a[href="/c/${first}"]`)).toBeVisible();
  await expect(pinned.locator(`a[href="/c/${first}"]`)).toHaveCount(0);

  await page.reload();
  await expect(folder(page, `Work ${tag}`).locator(`a[href="/c/${first}"]`)).toBeVisible();
  await expect(folder(page, `Work ${tag}`).locator(`a[href="/c/${second}"]`)).toBeVisible();

  // Rename the folder.
  await folder(page, `Work ${tag}`).getByRole("button", { name: `Rename folder Work ${tag}` }).click();
  const name = chat.sidebar.getByRole("textbox", { name: "Folder name" });
  await name.fill(`Projects ${tag}`);
  await name.press("Enter");
  await expect(folder(page, `Projects ${tag}`)).toBeVisible();
  await page.reload();
  await expect(folder(page, `Projects ${tag}`).locator(`a[href="/c/${second}"]`)).toBeVisible();

  // Drag one back out, pin it by dropping it on Pinned... (the Pinned section exists only with pins), so pin by button.
  await row(page, second).hover();
  await row(page, second).getByRole("button", { name: `Pin Beta ${tag}` }).click();
  await expect(page.getByTestId("pinned-section").locator(`a[href="/c/${second}"]`)).toBeVisible();

  // Delete the folder: the conversation in it is kept, out of any folder.
  await folder(page, `Projects ${tag}`).getByRole("button", { name: `Delete folder Projects ${tag}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete folder" }).click();
  await expect(folder(page, `Projects ${tag}`)).toHaveCount(0);
  await expect(chat.sidebar.locator(`a[href="/c/${first}"]`)).toBeVisible();
  await page.reload();
  await expect(folder(page, `Projects ${tag}`)).toHaveCount(0);
  await expect(chat.sidebar.locator(`a[href="/c/${first}"]`)).toBeVisible();
  await expect(page.getByTestId("pinned-section").locator(`a[href="/c/${second}"]`)).toBeVisible();
  const list = (await (await page.request.get("/api/conversations")).json()) as { conversations: Array<{ id: string; folderId: string | null; pinnedAt: string | null }> };
  expect(list.conversations.find((item) => item.id === first)).toMatchObject({ folderId: null, pinnedAt: null });
});

test("the Move to menu works from the keyboard alone", async ({ page }) => {
  const tag = uniqueTag();
  const id = await makeConversation(page, `Keyboard ${tag}`);
  const made = await page.request.post("/api/folders", { data: { name: `Inbox ${tag}` } });
  expect(made.status()).toBe(201);
  const chat = new ChatPage(page);
  await chat.open(`/c/${id}`);

  // To the row's Move button: focus the conversation link, then ArrowRight along the row's actions.
  const link = chat.sidebar.locator(`a[href="/c/${id}"]`);
  const move = row(page, id).getByRole("button", { name: `Move Keyboard ${tag} to a folder` });
  // The composer takes the focus once the page is up; start from the link after that. Tried
  // again if the page was still settling (the sidebar reloads when other tabs' news arrives).
  await expect(chat.composer).toBeFocused();
  await expect(async () => {
    await link.focus();
    for (let step = 0; step < 4 && !(await move.evaluate((element) => element === document.activeElement)); step++) await page.keyboard.press("ArrowRight");
    await expect(move).toBeFocused({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: `Move Keyboard ${tag} to` });
  await expect(menu.getByRole("menuitemradio", { name: "No folder" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(menu.getByRole("menuitemradio").last()).toBeFocused();
  // Find the folder by walking down from the top.
  await page.keyboard.press("Home");
  for (let step = 0; step < 50; step++) {
    if ((await page.evaluate(() => document.activeElement?.textContent ?? "")).includes(`Inbox ${tag}`)) break;
    await page.keyboard.press("ArrowDown");
  }
  await page.keyboard.press("Enter");
  await expect(menu).toBeHidden();
  await expect(folder(page, `Inbox ${tag}`).locator(`a[href="/c/${id}"]`)).toBeVisible();
  await expect(link).toBeFocused();

  // Escape closes the menu and gives the focus back to its button.
  await move.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(move).toBeFocused();
  await page.reload();
  await expect(folder(page, `Inbox ${tag}`).locator(`a[href="/c/${id}"]`)).toBeVisible();
});
