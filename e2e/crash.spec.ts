// Crash safety: the server is killed with SIGKILL while an answer streams, then started again.
// The person finds their message, the answer as far as it was checkpointed, marked interrupted
// with Retry, and nothing else lost. This spec runs its own app (own port and data folder) so
// the shared test servers are not disturbed; it reaches the shared simulator as a DeepSeek API.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { APP_PORT, SIMULATOR_PORT } from "../playwright.config";
import { ChatPage } from "./support/chat-page";
import { injectFault, uniqueTag } from "./support/simulator";

const PORT = APP_PORT + 5;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = "e2e/.artifacts/data-crash";

/** `npm start`'s launcher as its own process group, so SIGKILL takes the whole server down at once. */
function startServer(): ChildProcess {
  return spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "lib/launcher/start.ts"], {
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR,
      V4_BACKEND: "deepseek",
      DEEPSEEK_API_KEY: "sk-crash-test",
      DEEPSEEK_BASE_URL: `http://127.0.0.1:${SIMULATOR_PORT}`,
    },
  });
}

async function waitUntilServing(): Promise<void> {
  await expect(async () => {
    const response = await fetch(`${BASE}/api/conversations`);
    expect(response.status).toBe(200);
  }).toPass({ timeout: 120_000, intervals: [250] });
}

function killGroup(server: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (!server?.pid) return;
  try {
    process.kill(-server.pid, signal);
  } catch {
    // already gone
  }
}

let server: ChildProcess | undefined;

test.beforeAll(() => rmSync(DATA_DIR, { recursive: true, force: true }));
test.afterAll(() => killGroup(server, "SIGKILL"));

test("SIGKILL mid-answer, restart: the partial answer is kept, marked interrupted, with retry", async ({ page }) => {
  test.setTimeout(240_000);
  server = startServer();
  await waitUntilServing();

  const chat = new ChatPage(page);
  const tag = uniqueTag();
  await chat.open(`${BASE}/`);
  await chat.chooseMode("Non-think");
  await chat.send(`A first question ${tag}`);
  expect(await chat.waitForAnswerToEnd()).toBe("complete");
  const firstAnswer = await chat.lastAnswer().getByTestId("answer-text").innerText();

  // Slow enough that the answer is still streaming after a checkpoint (every 5 s) was written.
  await injectFault(`${tag}-slow`, { kind: "slow", tokensPerSecond: 12 }, 1);
  await chat.send(`A second question ${tag}-slow`);
  const streaming = chat.lastAnswer();
  await expect(streaming).toHaveAttribute("data-status", "streaming");
  await page.waitForTimeout(7_000);
  const shownBeforeCrash = await streaming.getByTestId("answer-text").innerText();
  expect(shownBeforeCrash.length).toBeGreaterThan(20);
  const conversationUrl = page.url();

  killGroup(server, "SIGKILL");
  await expect.poll(async () => fetch(`${BASE}/api/conversations`).then(() => "up", () => "down")).toBe("down");
  server = startServer();
  await waitUntilServing();

  await page.goto(conversationUrl);
  await expect(chat.userMessages).toHaveCount(2);
  await expect(chat.userMessages.nth(1)).toContainText(`A second question ${tag}-slow`);
  await expect(chat.answers.first()).toHaveAttribute("data-status", "complete");
  expect(await chat.answers.first().getByTestId("answer-text").innerText()).toBe(firstAnswer);

  const interrupted = chat.lastAnswer();
  await expect(interrupted).toHaveAttribute("data-status", "interrupted");
  const kept = (await interrupted.getByTestId("answer-text").innerText()).replace(/\s+/g, " ").trim();
  // What survived is the last checkpoint: some of what was on screen, never more than was sent.
  expect(kept.length).toBeGreaterThan(10);
  expect(shownBeforeCrash.replace(/\s+/g, " ")).toContain(kept.slice(0, 40));

  await interrupted.getByRole("button", { name: "Retry" }).click();
  expect(await chat.waitForAnswerToEnd()).toBe("complete");
});
