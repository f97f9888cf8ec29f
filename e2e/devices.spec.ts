import { expect, test, type Page } from "@playwright/test";
import { APP_PORT } from "../playwright.config";
import { sendPrompt } from "./support/api";
import { ChatPage } from "./support/chat-page";
import { injectFault, uniqueTag } from "./support/simulator";

interface NewsRecord {
  news: string[];
  listReads: number;
}

/** Records in the page the news its change stream brings and its reads of the conversation list. */
async function recordNewsAndListReads(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const record: NewsRecord = { news: [], listReads: 0 };
    (window as unknown as { __record: NewsRecord }).__record = record;
    const Source = window.EventSource;
    window.EventSource = class extends Source {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener("message", (event) => record.news.push(event.data as string));
      }
    };
    const fetch = window.fetch;
    window.fetch = (input, init) => {
      if (input === "/api/conversations" && (init?.method ?? "GET") === "GET") record.listReads += 1;
      return fetch(input, init);
    };
  });
}

// Two browser contexts share no BroadcastChannel, storage or cache: they stand for two devices
// of one person. What one does reaches the other only through the server's change stream.
test.describe("two devices", () => {
  test("a turn sent, a rename and a deletion on one device show on the other, live", async ({ browser }) => {
    const laptop = new ChatPage(await (await browser.newContext()).newPage());
    const phone = new ChatPage(await (await browser.newContext()).newPage());
    const tag = uniqueTag("dev");
    await laptop.open();
    await laptop.chooseMode("Non-think");
    await laptop.send(`From the laptop ${tag}`);
    await laptop.waitForAnswerToEnd();
    const id = laptop.conversationIdFromUrl();

    await phone.open(`/c/${id}`);
    await expect(phone.userMessages).toHaveCount(1);

    // A new turn: the other device shows the prompt and follows the answer while it is written.
    await injectFault(`Second turn ${tag}`, { kind: "slow", tokensPerSecond: 40 });
    await laptop.send(`Second turn ${tag}`);
    await expect(phone.userMessages).toHaveCount(2);
    await expect(phone.userMessages.last()).toContainText(`Second turn ${tag}`);
    await expect(phone.lastAnswer()).toHaveAttribute("data-status", "complete", { timeout: 45_000 });
    await expect(phone.lastAnswer().getByTestId("answer-text")).toContainText("offline simulator");

    // A rename on the phone reaches the laptop's sidebar, header and tab title.
    const row = phone.sidebar.locator("li", { has: phone.page.locator(`a[href="/c/${id}"]`) });
    await row.getByRole("button", { name: /^Rename/ }).click();
    const input = phone.sidebar.getByRole("textbox", { name: "Conversation title" });
    await input.fill(`Renamed on the phone ${tag}`);
    await input.press("Enter");
    await expect(laptop.sidebar.locator(`a[href="/c/${id}"]`)).toHaveText(`Renamed on the phone ${tag}`);
    // News never reorders a sidebar under the keyboard's focus: the phone's focus goes back to its message box first.
    await phone.composer.click();

    // A deletion on the laptop takes the conversation off the phone's sidebar.
    const laptopRow = laptop.sidebar.locator("li", { has: laptop.page.locator(`a[href="/c/${id}"]`) });
    await laptopRow.getByRole("button", { name: /^Delete/ }).click();
    await laptop.page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(phone.sidebar.locator(`a[href="/c/${id}"]`)).toHaveCount(0);
  });

  test("a page's own rename does not come back to reload its list, and the other device still hears it", async ({ browser }) => {
    const laptop = new ChatPage(await (await browser.newContext()).newPage());
    const phone = new ChatPage(await (await browser.newContext()).newPage());
    await recordNewsAndListReads(laptop.page);
    const tag = uniqueTag("own");
    const id = `conv${tag}`;
    await sendPrompt(laptop.page.request, { conversationId: id, text: `Mine ${tag}` });
    // Both pages hear the change stream before the rename.
    for (const device of [laptop, phone]) {
      const listening = device.page.waitForResponse((response) => new URL(response.url()).pathname === "/api/events");
      await device.open(`/c/${id}`);
      await listening;
    }

    await laptop.page.evaluate(() => {
      const record = (window as unknown as { __record: NewsRecord }).__record;
      record.news = [];
      record.listReads = 0;
    });
    const row = laptop.sidebar.locator("li", { has: laptop.page.locator(`a[href="/c/${id}"]`) });
    await row.getByRole("button", { name: /^Rename/ }).click();
    const input = laptop.sidebar.getByRole("textbox", { name: "Conversation title" });
    await input.fill(`Renamed here ${tag}`);
    const renamed = laptop.page.waitForRequest((request) => request.method() === "PATCH" && new URL(request.url()).pathname === `/api/conversations/${id}`);
    await input.press("Enter");
    const pageId = (await renamed).headers()["x-page-id"];
    expect(pageId).toMatch(/^[0-9a-f]{24}$/);
    await expect(phone.sidebar.locator(`a[href="/c/${id}"]`)).toHaveText(`Renamed here ${tag}`);
    await expect(laptop.sidebar.locator(`a[href="/c/${id}"]`)).toHaveText(`Renamed here ${tag}`);
    // News heard while the focus is in the sidebar waits for the focus to leave: let it leave.
    await laptop.composer.click();
    await laptop.page.waitForTimeout(750);

    const record = await laptop.page.evaluate(() => (window as unknown as { __record: NewsRecord }).__record);
    const news = record.news.map((data) => JSON.parse(data) as { type: string; page?: string });
    // The server sent the laptop the news of its rename, naming the laptop's page...
    expect(news).toContainEqual({ type: "list", page: pageId });
    // ...and the laptop read its list once, for the rename itself. Other tests of this run share
    // the workspace: each piece of their news may add one read, never the laptop's own.
    const othersNews = news.filter((change) => change.page !== pageId).length;
    expect(record.listReads).toBeGreaterThanOrEqual(1);
    expect(record.listReads).toBeLessThanOrEqual(1 + othersNews);
  });

  test("the change stream carries no CORS permission for another site", async () => {
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${APP_PORT}/api/events`, {
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      signal: abort.signal,
    });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    abort.abort();
  });
});
