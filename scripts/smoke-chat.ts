/**
 * A smoke test of the production app under whatever `node` is first on PATH: `npm start` (which
 * builds the app if needed, migrates a fresh SQLite database and starts the offline simulator),
 * then one chat turn over HTTP the way the browser sends it. Passes when the streamed answer is the
 * simulator's reply and the database holds the prompt and the complete answer.
 *
 *   tsx scripts/smoke-chat.ts            (SMOKE_APP_PORT / SMOKE_SIMULATOR_PORT pick the ports)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { freePort } from "@/lib/bench/support/ports";
import { readEvents } from "@/lib/bench/support/chat-client";

// The simulator answers "ping" with exactly "pong" (lib/simulator/answer-writer.ts).
const PROMPT = "ping";
const EXPECTED_ANSWER = "pong";
const READY_TIMEOUT_MS = 10 * 60_000; // includes `next build` on a busy 2-core machine

function fail(message: string): never {
  throw new Error(message);
}

async function waitUntilReady(url: string, app: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) fail(`npm start exited with ${app.exitCode} before the app answered`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  fail(`${url} did not answer within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Sends one prompt as the chat page does; returns the streamed answer text and its message id. */
async function chat(appUrl: string, conversationId: string): Promise<{ text: string; answerId: string }> {
  const response = await fetch(`${appUrl}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ trigger: "submit", conversationId, model: "flash", mode: "non-think", parentId: null, message: { id: `m-${randomUUID()}`, text: PROMPT } }),
  });
  if (!response.ok || !response.body) fail(`POST /api/chat answered ${response.status}: ${await response.text()}`);
  let text = "";
  let answerId = "";
  await readEvents(response.body, (data) => {
    if (data === "[DONE]") return;
    const event = JSON.parse(data) as { type: string; delta?: string; messageId?: string; errorText?: string };
    if (event.type === "start" && event.messageId) answerId = event.messageId;
    if (event.type === "text-delta") text += event.delta ?? "";
    if (event.type === "error") fail(`the answer stream carried an error: ${event.errorText}`);
  });
  return { text, answerId };
}

interface Row {
  id: string;
  role: string;
  content: string;
  status: string;
}

function storedMessages(dataDir: string, conversationId: string): Row[] {
  const db = new Database(path.join(dataDir, "v4chat.db"), { readonly: true });
  try {
    return db.prepare("SELECT id, role, content, status FROM Message WHERE conversationId = ? ORDER BY createdAt").all(conversationId) as Row[];
  } finally {
    db.close();
  }
}

function killGroup(app: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (app.pid !== undefined) process.kill(-app.pid, signal);
  } catch {
    // the group is gone already
  }
}

/** Stops `npm start` and everything under it (tsx, the simulator, next-server). */
async function stop(app: ChildProcess): Promise<void> {
  const running = app.exitCode === null && app.signalCode === null;
  const exited = running ? new Promise<void>((resolve) => app.once("exit", () => resolve())) : Promise.resolve();
  killGroup(app, "SIGTERM"); // also when npm is gone: what it started may not be
  const timer = setTimeout(() => killGroup(app, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function main(): Promise<void> {
  const appPort = Number(process.env.SMOKE_APP_PORT) || (await freePort());
  const simulatorPort = Number(process.env.SMOKE_SIMULATOR_PORT) || (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), "v4chat-smoke-"));
  const appUrl = `http://127.0.0.1:${appPort}`;
  console.log(`smoke test on Node ${process.version}: npm start on ${appUrl}, data in ${dataDir}`);

  // Its own process group, so that stopping it reaches next-server too.
  const app = spawn("npm", ["start"], {
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, PORT: String(appPort), HOST: "127.0.0.1", DATA_DIR: dataDir, SIMULATOR_PORT: String(simulatorPort), SIMULATOR_SPEED: "20", V4_BACKEND: "simulator" },
  });
  try {
    await waitUntilReady(`${appUrl}/api/conversations`, app);
    const conversationId = `smoke-${randomUUID()}`;
    const { text, answerId } = await chat(appUrl, conversationId);
    if (text !== EXPECTED_ANSWER) fail(`streamed answer was ${JSON.stringify(text)}, expected ${JSON.stringify(EXPECTED_ANSWER)}`);

    const rows = storedMessages(dataDir, conversationId);
    const prompt = rows.find((row) => row.role === "user");
    const answer = rows.find((row) => row.role === "assistant");
    if (rows.length !== 2 || prompt?.content !== PROMPT) fail(`stored rows: ${JSON.stringify(rows)}`);
    if (answer?.id !== answerId || answer.content !== EXPECTED_ANSWER || answer.status !== "complete") {
      fail(`stored answer ${JSON.stringify(answer)} does not match the streamed one (${answerId}, ${JSON.stringify(text)})`);
    }
    console.log(`smoke test passed on Node ${process.version}: streamed ${JSON.stringify(text)}, stored prompt and complete answer`);
  } finally {
    await stop(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`smoke test failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
