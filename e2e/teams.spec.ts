// Two instances of the app behind one PostgreSQL and one Redis, as a team runs it: what is started
// on one is read, continued, followed live and stopped on the other, and a person's cap on answers
// at once holds across both. The servers come from scripts/test-services.sh (TEST_POSTGRES_URL,
// TEST_REDIS_URL; `npm run test:e2e` starts them). Both instances reach the shared test simulator as
// a DeepSeek API, so faults can slow an answer down.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { APP_PORT, SIMULATOR_PORT } from "../playwright.config";
import { ChatPage } from "./support/chat-page";
import { injectFault, receivedRequests, uniqueTag } from "./support/simulator";

const POSTGRES = process.env.TEST_POSTGRES_URL;
const REDIS = process.env.TEST_REDIS_URL;
const ONE = `http://127.0.0.1:${APP_PORT + 7}`;
const TWO = `http://127.0.0.1:${APP_PORT + 8}`;
const ROOT = "e2e/.artifacts/team";
const DATABASE = `v4chat_team_${randomBytes(4).toString("hex")}`;

test.skip(!POSTGRES || !REDIS, "needs TEST_POSTGRES_URL and TEST_REDIS_URL (npm run test:e2e starts them)");
test.describe.configure({ mode: "serial" });

function databaseUrl(name: string): string {
  const url = new URL(POSTGRES!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string, url = POSTGRES!): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `npm start`'s launcher in its own process group, its output in a log file beside its data. */
function startInstance(base: string, name: string): ChildProcess {
  const dataDir = `${ROOT}/${name}`;
  mkdirSync(dataDir, { recursive: true });
  const log = openSync(`${ROOT}/${name}.log`, "w");
  return spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "lib/launcher/start.ts"], {
    detached: true,
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      PORT: new URL(base).port,
      DATA_DIR: dataDir,
      FILES_DIR: `${ROOT}/files`,
      DATABASE_URL: databaseUrl(DATABASE),
      REDIS_URL: REDIS,
      BETTER_AUTH_SECRET: "team-test-secret-0123456789abcdef0123456789",
      V4_BACKEND: "deepseek",
      DEEPSEEK_API_KEY: "sk-team-test",
      DEEPSEEK_BASE_URL: `http://127.0.0.1:${SIMULATOR_PORT}`,
    },
  });
}

async function waitUntilServing(base: string): Promise<void> {
  await expect(async () => {
    const response = await fetch(`${base}/api/conversations`);
    expect(response.status).toBe(200);
  }).toPass({ timeout: 180_000, intervals: [250] });
}

function stopInstance(instance: ChildProcess | undefined): void {
  if (!instance?.pid) return;
  try {
    process.kill(-instance.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

const instances: ChildProcess[] = [];

test.beforeAll(async () => {
  test.setTimeout(400_000);
  rmSync(ROOT, { recursive: true, force: true });
  await admin(`CREATE DATABASE "${DATABASE}"`);
  // Both start at once, as after a deploy: they migrate one after the other.
  instances.push(startInstance(ONE, "one"), startInstance(TWO, "two"));
  await Promise.all([waitUntilServing(ONE), waitUntilServing(TWO)]);
});

test.afterAll(async () => {
  for (const instance of instances) stopInstance(instance);
  await admin(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`).catch(() => undefined);
});

async function answerText(chat: ChatPage): Promise<string> {
  return (await chat.lastAnswer().getByTestId("answer-text").innerText()).replace(/\s+/g, " ").trim();
}

async function openChat(page: Page, url: string): Promise<ChatPage> {
  const chat = new ChatPage(page);
  await chat.open(url);
  return chat;
}

test("a conversation started on one instance is read and continued on the other", async ({ page }) => {
  const tag = uniqueTag();
  const one = await openChat(page, `${ONE}/`);
  await one.chooseMode("Non-think");
  await one.send(`Started on the first instance ${tag}`);
  expect(await one.waitForAnswerToEnd()).toBe("complete");
  const id = one.conversationIdFromUrl();
  const firstAnswer = await answerText(one);

  const two = await openChat(page, `${TWO}/c/${id}`);
  await expect(two.userMessages).toHaveCount(1);
  await expect(two.userMessages.first()).toContainText(`Started on the first instance ${tag}`);
  expect(await answerText(two)).toBe(firstAnswer);
  await two.send(`Continued on the second instance ${tag}`);
  expect(await two.waitForAnswerToEnd()).toBe("complete");
  // The second instance sent the whole conversation, read from the shared database.
  const [request] = await receivedRequests(`Continued on the second instance ${tag}`);
  expect((request?.body.messages ?? []).filter((message) => message.role === "user").map((message) => message.content)).toEqual([
    `Started on the first instance ${tag}`,
    `Continued on the second instance ${tag}`,
  ]);

  const back = await openChat(page, `${ONE}/c/${id}`);
  await expect(back.userMessages).toHaveCount(2);
  await expect(back.answers).toHaveCount(2);
  await expect(back.lastAnswer()).toHaveAttribute("data-status", "complete");
});

test("an answer written by one instance is followed live on the other and stopped from there", async ({ browser }) => {
  const tag = uniqueTag();
  const first = await browser.newPage();
  const second = await browser.newPage();
  try {
    const one = await openChat(first, `${ONE}/`);
    await one.chooseMode("Non-think");
    await injectFault(`${tag}-slow`, { kind: "slow", tokensPerSecond: 15 }, 1);
    await one.send(`Write slowly ${tag}-slow`);
    await expect(one.lastAnswer().getByTestId("answer-text")).toContainText(/\w+ \w+/);
    const id = one.conversationIdFromUrl();

    const two = await openChat(second, `${TWO}/c/${id}`);
    await expect(two.lastAnswer()).toHaveAttribute("data-status", "streaming");
    await expect(second.getByRole("button", { name: "Stop answer" })).toBeVisible();
    // It grows on the second instance while the first one writes it.
    await expect(two.lastAnswer().getByTestId("answer-text")).toContainText(/\w+ \w+/);
    const early = (await answerText(two)).length;
    await expect.poll(async () => (await answerText(two)).length, { timeout: 20_000 }).toBeGreaterThan(early + 10);
    expect(await answerText(one)).toContain((await answerText(two)).slice(0, 20));

    await second.getByRole("button", { name: "Stop answer" }).click();
    expect(await two.waitForAnswerToEnd()).toBe("stopped");
    // The instance that was writing it stopped it: its own tab shows it stopped too.
    expect(await one.waitForAnswerToEnd()).toBe("stopped");
    const kept = await answerText(two);
    expect(kept.length).toBeGreaterThan(3);

    // What both read back from the database after a reload is the same stopped answer.
    for (const [page, chat] of [
      [first, one],
      [second, two],
    ] as const) {
      await page.reload();
      await expect(chat.lastAnswer()).toHaveAttribute("data-status", "stopped");
    }
    expect(await answerText(one)).toBe(await answerText(two));
  } finally {
    await first.close();
    await second.close();
  }
});

test("a page on one instance hears, live, what was done through the other (a new turn, a rename)", async ({ browser }) => {
  const tag = uniqueTag();
  const first = await browser.newPage();
  const second = await browser.newPage();
  try {
    const one = await openChat(first, `${ONE}/`);
    await one.chooseMode("Non-think");
    await one.send(`Heard across ${tag}`);
    await one.waitForAnswerToEnd();
    const id = one.conversationIdFromUrl();

    const two = await openChat(second, `${TWO}/c/${id}`);
    await expect(two.userMessages).toHaveCount(1);
    await two.send(`Sent through the second ${tag}`);
    // The first instance's page shows the turn without a reload: the news came over Redis.
    await expect(one.userMessages).toHaveCount(2);
    await expect(one.userMessages.last()).toContainText(`Sent through the second ${tag}`);
    await expect(one.lastAnswer()).toHaveAttribute("data-status", "complete", { timeout: 45_000 });

    const renamed = await second.request.patch(`${TWO}/api/conversations/${id}`, { data: { title: `Renamed on two ${tag}` } });
    expect(renamed.ok()).toBe(true);
    await expect(one.sidebar.locator(`a[href="/c/${id}"]`)).toHaveText(`Renamed on two ${tag}`);
  } finally {
    await first.close();
    await second.close();
  }
});

test("a person's cap on answers at once holds across both instances", async ({ browser }) => {
  // The local user is the admin, limited only by limits set on them: allow one answer at a time.
  await admin(`UPDATE "User" SET "maxConcurrent" = 1`, databaseUrl(DATABASE));
  const tag = uniqueTag();
  const first = await browser.newPage();
  const second = await browser.newPage();
  try {
    const one = await openChat(first, `${ONE}/`);
    await one.chooseMode("Non-think");
    await injectFault(`${tag}-slow`, { kind: "slow", tokensPerSecond: 15 }, 1);
    await one.send(`A long answer ${tag}-slow`);
    await expect(one.lastAnswer()).toHaveAttribute("data-status", "streaming");
    await expect(one.lastAnswer().getByTestId("answer-text")).toContainText(/\w+/);

    const two = await openChat(second, `${TWO}/`);
    await two.chooseMode("Non-think");
    await two.send(`Another question meanwhile ${tag}`);
    await expect(second.getByRole("alert").filter({ hasText: "(your limit is 1)" })).toBeVisible();
    expect(await receivedRequests(`Another question meanwhile ${tag}`)).toEqual([]);

    // Once the first answer is stopped, the second instance takes a new one.
    await first.getByRole("button", { name: "Stop answer" }).click();
    expect(await one.waitForAnswerToEnd()).toBe("stopped");
    const again = await openChat(second, `${TWO}/`);
    await again.chooseMode("Non-think");
    await again.send(`Now there is room ${tag}`);
    expect(await again.waitForAnswerToEnd()).toBe("complete");
  } finally {
    await admin(`UPDATE "User" SET "maxConcurrent" = NULL`, databaseUrl(DATABASE));
    await first.close();
    await second.close();
  }
});
