/**
 * Benchmark: what the person feels in Chromium, against the production build and a separate
 * simulator process.
 *  4. Streaming a 60,000-character markdown answer into the page: main-thread time and the
 *     longest task, vs rendering the same final text once (a reload of the finished chat).
 *  5. Opening a 1,000-message conversation: time until the last message is visible, the page's
 *     HTML and DOM size, and keystroke latency in the composer.
 *
 *   npx tsx --conditions=react-server lib/bench/browser.ts
 *   BENCH_ANSWER_CHARS=60000 BENCH_LONG_CHAT_TURNS=500 npx tsx --conditions=react-server lib/bench/browser.ts
 */
import { randomUUID } from "node:crypto";
import { chromium, type CDPSession, type Page } from "@playwright/test";
import { longConversationArchive } from "@/lib/testing/long-conversation";
import { longMarkdown } from "./support/long-markdown";
import { startServices } from "./support/services";
import { scriptAnswer } from "./support/simulator-controls";
import { ms, percentile, printTable } from "./support/stats";

const answerChars = Number(process.env.BENCH_ANSWER_CHARS ?? 60_000);
const longChatTurns = Number(process.env.BENCH_LONG_CHAT_TURNS ?? 500);

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Records long tasks (over 50 ms) and slow input events from the first moment of every page. */
const OBSERVERS = `
  window.__longTasks = [];
  window.__slowEvents = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__slowEvents.push({ name: e.name, duration: e.duration }); })
    .observe({ type: "event", durationThreshold: 16, buffered: true });
`;

/** Main-thread busy time of the page's renderer so far, in seconds (Chromium's own counter). */
async function taskSeconds(page: Page): Promise<number> {
  const session = await cdpSession(page);
  const { metrics } = await session.send("Performance.getMetrics");
  return metrics.find((metric) => metric.name === "TaskDuration")?.value ?? Number.NaN;
}

const sessions = new WeakMap<Page, CDPSession>();
async function cdpSession(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    await session.send("Performance.enable");
    sessions.set(page, session);
  }
  return session;
}

async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
}

async function streamLongAnswer(page: Page, appUrl: string, simulatorUrl: string): Promise<string[][]> {
  const tag = `long-answer-${randomUUID().slice(0, 8)}`;
  const text = longMarkdown(answerChars);
  await scriptAnswer(simulatorUrl, tag, text);
  await page.goto(appUrl);
  await page.getByRole("textbox", { name: "Message" }).fill(`Write a long report ${tag}`);
  const before = await taskSeconds(page);
  await page.keyboard.press("Enter");
  await page.locator('[data-testid="assistant-message"][data-status="complete"]').waitFor({ timeout: 300_000 });
  const streamed = (await taskSeconds(page)) - before;
  const streamedTasks = await longTasks(page);

  // The same final text rendered once: the finished conversation opened in a fresh page, whose
  // renderer counts its busy time from zero.
  const fresh = await page.context().newPage();
  const freshStart = await taskSeconds(fresh); // Chromium counts only once its Performance domain is on
  await fresh.goto(page.url());
  await fresh.locator('[data-testid="assistant-message"][data-status="complete"]').waitFor();
  await fresh.waitForTimeout(500);
  const once = (await taskSeconds(fresh)) - freshStart;
  const onceTasks = await longTasks(fresh);
  await fresh.close();
  const longest = (tasks: number[]) => (tasks.length ? Math.max(...tasks) : 0);
  return [
    ["streamed token by token", ms(streamed * 1000), ms(longest(streamedTasks)), `${streamedTasks.length}`],
    ["final text rendered once", ms(once * 1000), ms(longest(onceTasks)), `${onceTasks.length}`],
  ];
}

async function openLongChat(page: Page, appUrl: string): Promise<string[][]> {
  // Imported as an archive: answering 500 turns one by one would take minutes.
  const title = `Benchmark ${randomUUID().slice(0, 8)}`;
  const archive = longConversationArchive({ id: `bench-long-${randomUUID()}`, title, turns: longChatTurns });
  const imported = await fetch(`${appUrl}/api/archive/import`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(archive) });
  if (!imported.ok) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);
  const listed = (await (await fetch(`${appUrl}/api/conversations`)).json()) as { conversations: Array<{ id: string; title: string }> };
  const conversationId = listed.conversations.find((conversation) => conversation.title === title)?.id;
  if (!conversationId) throw new Error("the imported conversation is not listed");

  const url = `${appUrl}/c/${conversationId}`;
  const html = await (await fetch(url)).text();
  await page.goto(url, { waitUntil: "commit" });
  const visibleAt = await page.waitForFunction(
    () => {
      const answers = document.querySelectorAll('[data-testid="assistant-message"]');
      const last = answers[answers.length - 1];
      if (!last) return false;
      const box = last.getBoundingClientRect();
      return box.height > 0 && box.top < window.innerHeight && box.bottom > 0 ? performance.now() : false;
    },
    undefined,
    { timeout: 120_000, polling: "raf" },
  );
  const lastVisibleMs = (await visibleAt.jsonValue()) as number;
  const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  const loadTasks = await longTasks(page);

  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.click();
  await page.evaluate(() => ((window as unknown as { __slowEvents: unknown[] }).__slowEvents.length = 0));
  await composer.pressSequentially("How would this scale to ten thousand messages?", { delay: 40 });
  await page.waitForTimeout(300);
  const slow = await page.evaluate(() => (window as unknown as { __slowEvents: Array<{ name: string; duration: number }> }).__slowEvents);
  // One keydown per character; its duration runs from the key press to the next paint.
  const keyDurations = slow.filter((event) => event.name === "keydown").map((event) => event.duration);
  return [
    ["last message visible after navigation", ms(lastVisibleMs)],
    ["HTML of the page", `${(html.length / 1024 / 1024).toFixed(2)} MB`],
    ["DOM elements", `${domNodes}`],
    ["longest task while opening", loadTasks.length ? ms(Math.max(...loadTasks)) : "none over 50 ms"],
    ["keystrokes over 16 ms (of 46)", `${keyDurations.length}`],
    ["slowest keystroke (event to next paint)", keyDurations.length ? ms(Math.max(...keyDurations)) : "under 16 ms"],
    ["keystroke p95 among slow ones", keyDurations.length ? ms(percentile(keyDurations, 95)) : "–"],
  ];
}

async function main(): Promise<void> {
  const services = await startServices({ speed: 20, testControls: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.addInitScript(OBSERVERS);
    const page = await context.newPage();
    console.log(`browser benchmark: Chromium ${browser.version()}, production build, simulator at speed 20`);
    printTable(`4. A ${answerChars.toLocaleString("en")}-character markdown answer`, ["rendering", "main-thread time", "longest task", "tasks over 50 ms"], await streamLongAnswer(page, services.app.url, services.simulator.url));
    printTable(`5. A conversation of ${longChatTurns * 2} messages`, ["figure", "value"], await openLongChat(page, services.app.url));
  } finally {
    await browser.close();
    await services.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
