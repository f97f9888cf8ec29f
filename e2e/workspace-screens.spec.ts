import AxeBuilder from "@axe-core/playwright";
import { devices, expect, test, type Page } from "@playwright/test";
import { sendPrompt } from "./support/api";
import { ChatPage } from "./support/chat-page";
import { injectFault, uniqueTag } from "./support/simulator";

/**
 * The sidebar with pins and folders and the search dialog pass axe (WCAG 2.1 A/AA) in both
 * themes, on a desktop and a phone; screenshots go to e2e/.artifacts/screens for a look.
 */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoViolations(page: Page, what: string, include: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).include(include).analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help}\n${violation.nodes.slice(0, 5).map((node) => `    ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ")}`).join("\n")}`,
  );
  expect(summary, `${what}: axe violations`).toEqual([]);
}

async function setTheme(page: Page, theme: "light" | "dark"): Promise<void> {
  await page.evaluate((dark) => document.documentElement.classList.toggle("dark", dark), theme === "dark");
  await page.waitForTimeout(300);
}

/** A few conversations: two pinned, two in a folder, one in an empty-looking folder's neighbour, and the rest. */
async function seedLibrary(page: Page, tag: string): Promise<{ word: string; ids: string[] }> {
  const word = `ocelot${tag.slice(-5)}`;
  const titles = ["Merge sort complexity", "Trip to Kyoto, 4 days", "Sourdough starter schedule", "Rust lifetimes explained", "Quarterly budget draft", "Solar panel sizing"];
  const ids: string[] = [];
  for (const [index, title] of titles.entries()) {
    const conversationId = `scr${uniqueTag()}`;
    await injectFault(`${title} ${tag}`, { kind: "script", content: `Notes on ${title.toLowerCase()}; the ${word} appears in answer ${index + 1}. Prices: $5 and $10.` });
    await sendPrompt(page.request, { conversationId, text: `${title} ${tag}` });
    await page.request.patch(`/api/conversations/${conversationId}`, { data: { title } });
    ids.push(conversationId);
  }
  const folder = async (name: string) => ((await (await page.request.post("/api/folders", { data: { name } })).json()) as { folder: { id: string } }).folder.id;
  const work = await folder(`Work ${tag.slice(-4)}`);
  await folder(`Recipes ${tag.slice(-4)}`);
  const place = (id: string, data: object) => page.request.patch(`/api/conversations/${id}/placement`, { data });
  await place(ids[0]!, { pinned: true });
  await place(ids[1]!, { pinned: true });
  await place(ids[3]!, { folderId: work });
  await place(ids[4]!, { folderId: work });
  return { word, ids };
}

for (const device of ["desktop", "phone"] as const) {
  test.describe(device, () => {
    if (device === "phone") {
      const { defaultBrowserType: _browser, ...pixel7 } = devices["Pixel 7"];
      test.use(pixel7);
    }

    test(`sidebar with pins and folders, and search: axe in both themes; screenshots (${device})`, async ({ page }) => {
      test.setTimeout(120_000);
      const tag = uniqueTag();
      const { word, ids } = await seedLibrary(page, tag);
      const chat = new ChatPage(page);
      await chat.open(`/c/${ids[3]}`);
      if (device === "phone") await page.getByRole("button", { name: "Open conversations" }).click();
      await expect(page.getByTestId("pinned-section")).toBeVisible();
      await expect(page.getByRole("region", { name: `Folder Work ${tag.slice(-4)}` })).toBeVisible();
      await page.waitForTimeout(400);
      for (const theme of ["light", "dark"] as const) {
        await setTheme(page, theme);
        await page.screenshot({ path: `e2e/.artifacts/screens/workspace-sidebar-${device}-${theme}.png` });
        await expectNoViolations(page, `${device} sidebar (${theme})`, 'nav[aria-label="Conversations"]');
      }

      // The Move to menu open on a row.
      await setTheme(page, "light");
      const row = page.getByTestId("conversation-row").filter({ has: page.locator(`a[href="/c/${ids[5]}"]`) });
      if (device === "phone") await row.getByRole("button", { name: /^More actions/ }).click();
      else await row.hover();
      await row.getByRole("button", { name: /to a folder$/ }).click();
      await expect(page.getByRole("menu")).toBeVisible();
      await page.screenshot({ path: `e2e/.artifacts/screens/workspace-move-menu-${device}-light.png` });
      await expectNoViolations(page, `${device} move menu`, 'nav[aria-label="Conversations"]');
      await page.keyboard.press("Escape");

      await page.keyboard.press("ControlOrMeta+k");
      const box = page.getByRole("combobox", { name: "Search conversations" });
      await box.fill(word);
      await expect(page.getByTestId("search-result")).toHaveCount(6);
      for (const theme of ["light", "dark"] as const) {
        await setTheme(page, theme);
        await page.screenshot({ path: `e2e/.artifacts/screens/workspace-search-${device}-${theme}.png` });
        await expectNoViolations(page, `${device} search (${theme})`, "dialog[open]");
      }
    });
  });
}
