import { expect, test, type Page } from "@playwright/test";
import { injectFault, uniqueTag } from "./support/simulator";

/**
 * The interface in Chinese: chosen in Account → Language (kept in a cookie), or followed from the
 * browser's languages on a first visit. Each test has a fresh browser context, so the other specs
 * stay in English.
 */

/** Words in Latin letters that belong in the Chinese interface: product and format names, keys, units. */
const ALLOWED = new Set([
  "V4", "V4.1", "Chat", "DeepSeek", "Flash", "Pro", "MoE", "OpenRouter", "vLLM", "ChatGPT", "DEEPSEEK_API_KEY", "MAX_REQUEST_BYTES",
  "Ctrl", "Shift", "Enter", "Esc", "token", "K", "M", "B", "KB", "MB", "USD", "UTC", "TTFT", "HTTP",
  "Token", "TypeScript", "SQLite", "PostgreSQL", "Web",
  "PDF", "Word", "docx", "HTML", "Markdown", "CSV", "TSV", "JSON", "conversations.json", "TL", "DR", "tok", "high", "max",
]);

/**
 * The Latin-letter words the page shows outside what people and the model wrote (messages,
 * titles, documents' names): every one of them should be a name from ALLOWED.
 */
async function englishOnScreen(page: Page): Promise<string[]> {
  const words = await page.evaluate(() => {
    const userContent = [
      "[data-testid=answer-text]",
      "[data-testid=reasoning-text]",
      "[data-testid=user-message-text]",
      "[data-testid=conversation-row]",
      "[data-testid=conversation-title]",
      "[data-testid=saved-comparison]",
      "[data-testid=document-row]",
      "[data-testid=account-who]",
      "code",
      "kbd",
    ].join(",");
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(userContent) || parent.closest("script, style, template")) continue;
      if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      found.push(...(node.textContent ?? "").match(/[A-Za-z][\w.]*[A-Za-z0-9]/g) ?? []);
    }
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input[placeholder], textarea[placeholder]")) {
      if (field.checkVisibility()) found.push(...(field.placeholder.match(/[A-Za-z][\w.]*[A-Za-z0-9]/g) ?? []));
    }
    return found;
  });
  return [...new Set(words)].filter((word) => !ALLOWED.has(word));
}

async function switchToChinese(page: Page): Promise<void> {
  await page.goto("/account");
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh");
  await expect(page.getByRole("heading", { level: 1, name: "账户" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
}

test.describe("English and Chinese", () => {
  test("switching to Chinese shows the chat in Chinese, survives a reload, and answers still stream", async ({ page }) => {
    const tag = uniqueTag();
    // Slow enough to see the answer arrive in parts.
    await injectFault(tag, { kind: "slow", tokensPerSecond: 60 });
    await switchToChinese(page);
    expect(await englishOnScreen(page)).toEqual([]);

    await page.goto("/");
    const composer = page.getByRole("textbox", { name: "消息" });
    await expect(composer).toBeVisible();
    await expect(page.getByRole("heading", { name: "有什么可以帮你？" })).toBeVisible();
    await expect(page.getByRole("radiogroup", { name: "思考模式" }).getByRole("radio", { name: "非思考" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "对话" })).toBeVisible();

    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(composer).toBeVisible();
    await expect(page.getByRole("button", { name: "新对话", exact: true })).toBeVisible();

    await page.getByRole("radiogroup", { name: "思考模式" }).getByRole("radio", { name: "思考·高" }).click();
    await composer.fill(`用一句话解释提示缓存 ${tag}`);
    await composer.press("Enter");
    const answer = page.getByTestId("assistant-message").last();
    // It streams: first part of the text while the answer is still running, then the end.
    await expect(answer.getByTestId("answer-text")).toBeVisible({ timeout: 30_000 });
    await expect(answer).toHaveAttribute("data-status", "streaming");
    await expect(page.getByRole("button", { name: "停止回答" })).toBeVisible();
    await expect(answer).toHaveAttribute("data-status", "complete", { timeout: 45_000 });
    await expect(answer.getByTestId("reasoning-label")).toContainText(/已思考 .*思考 token/);
    await expect(answer.getByTestId("answer-meta")).toContainText(/V4\.1 Flash.*思考·高.*输入 .*输出 .*\$/);
    await expect(page.getByRole("button", { name: "发送消息" })).toBeVisible();
    await expect(page).toHaveURL(/\/c\//);
    await expect(page).toHaveTitle(/ · V4 Chat$/);
    expect(await englishOnScreen(page)).toEqual([]);

    // The other main pages say nothing in English either.
    for (const path of ["/documents", "/compare"]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      await expect(page.locator("main, [data-testid=compare-view]").first()).toBeVisible();
      expect(await englishOnScreen(page), path).toEqual([]);
    }

    // And back: English again, everywhere.
    await page.goto("/account");
    await page.getByRole("combobox", { name: "语言" }).selectOption("en");
    await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("a browser that prefers Chinese gets Chinese on its first visit", async ({ browser }) => {
    const context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("textbox", { name: "消息" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "有什么可以帮你？" })).toBeVisible();
    expect(await englishOnScreen(page)).toEqual([]);
    await context.close();
  });

  test("a browser that prefers another language gets English", async ({ browser }) => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
    await context.close();
  });
});
