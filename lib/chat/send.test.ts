// One chat turn end to end: a migrated temp SQLite database, and answers and titles from the
// offline simulator over HTTP through the real DeepSeek provider. What is checked is what a user
// would see: the stored rows, the path shown after a reload, the streamed chunks, and the request
// body the upstream received.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Backend } from "@/lib/ai/backends/types";
import type { ModelKey } from "@/lib/ai/catalogue";
import type { ReasoningMode } from "@/lib/ai/modes";
import type { ChatRequest } from "@/lib/contract";
import { getConversation, listMessages, type Message } from "@/lib/db/queries";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-helpers";
import { ChatError } from "@/lib/errors";
import { listenForChanges } from "@/lib/events/changes";
import type { RunningSimulator } from "@/lib/simulator/server";
import { conversationPath, removeConversation, switchVersion } from "./conversation-view";
import type { ChatChunk, Generation } from "./generation";
import { activeAnswers, claimConversation, concurrencyLimits, findGeneration } from "./registry";
import { sendChatMessage } from "./send";
import {
  addFault,
  loggedRequests,
  readAll,
  simulatorBackend,
  startTestSimulator,
  uniqueTag,
  type LoggedRequestBody,
} from "./test-helpers";
import { fallbackTitle } from "./title";

let t: TestDatabase;
let sim: RunningSimulator;
let backend: Backend;

beforeAll(async () => {
  [t, sim] = await Promise.all([createTestDatabase(), startTestSimulator()]);
  backend = simulatorBackend(sim);
});
afterAll(async () => {
  await Promise.all([t.cleanup(), sim.close()]);
});
afterEach(() => {
  vi.restoreAllMocks();
});

let users = 0;
async function makeUser(): Promise<string> {
  const id = `user-${++users}`;
  await t.db.user.create({ data: { id, name: id } });
  return id;
}

interface Settings {
  model?: ModelKey;
  mode?: ReasoningMode;
}

function submit(conversationId: string, parentId: string | null, messageId: string, text: string, settings: Settings = {}): ChatRequest {
  return {
    trigger: "submit",
    conversationId,
    model: settings.model ?? "flash",
    mode: settings.mode ?? "non-think",
    parentId,
    message: { id: messageId, text },
  };
}

function regenerate(conversationId: string, promptId: string, settings: Settings = {}): ChatRequest {
  return { trigger: "regenerate", conversationId, model: settings.model ?? "flash", mode: settings.mode ?? "non-think", parentId: promptId };
}

function start(userId: string, request: ChatRequest): Promise<Generation> {
  return sendChatMessage({ db: t.db, userId, backend, request });
}

/** Sends one message and waits for the whole answer (title side task included). */
async function send(userId: string, request: ChatRequest) {
  const generation = await start(userId, request);
  const chunks = await readAll(generation.stream());
  const answer = await generation.done;
  return { generation, answer, chunks, id: generation.messageId };
}

/** Every stored message of the conversation, all branches: prompts first, then answers (ids break ties). */
async function rows(userId: string, conversationId: string): Promise<Message[]> {
  const all = await listMessages({ db: t.db, userId, conversationId });
  const rank = (message: Message) => (message.role === "user" ? 0 : 1);
  return all.sort((a, b) => rank(a) - rank(b) || a.seq - b.seq || a.id.localeCompare(b.id));
}

async function row(userId: string, conversationId: string, id: string): Promise<Message> {
  const found = (await rows(userId, conversationId)).find((message) => message.id === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

/** The path a reload shows, as [id, version index/count, text]. */
async function shownPath(userId: string, conversationId: string): Promise<string[]> {
  const path = await conversationPath({ db: t.db, userId, conversationId });
  if (!path) throw new Error("conversation not found");
  return path.map((message) => {
    const text = message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
    return `${message.id} ${message.metadata?.version?.index}/${message.metadata?.version?.count} ${text.slice(0, 40)}`;
  });
}

/** The answer requests the simulator received for a prompt (the title request has a system message). */
async function answerRequests(match: string): Promise<LoggedRequestBody[]> {
  return (await loggedRequests(sim, match)).filter((body) => body.messages?.[0]?.role !== "system");
}

function sentMessages(body: LoggedRequestBody | undefined): { role: string; content: unknown }[] | undefined {
  return body?.messages?.map(({ role, content }) => ({ role, content }));
}

function startChunk(chunks: readonly ChatChunk[]): Extract<ChatChunk, { type: "start" }> {
  const first = chunks[0];
  if (first?.type !== "start") throw new Error("the stream did not begin with start");
  return first;
}

/** Waits until the generation's stream has delivered some text. */
async function untilText(generation: Generation): Promise<void> {
  const reader = generation.stream().getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the answer ended before any text");
    if (value.type === "text-delta") break;
  }
  await reader.cancel();
}

/** What a rejected request must leave untouched. */
async function snapshot(userId: string, conversationId: string) {
  const conversation = await getConversation({ db: t.db, userId, id: conversationId });
  return { conversation, messages: await rows(userId, conversationId) };
}

/** Settled already? (A promise that has resolved wins a race against an already-resolved one.) */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol("pending");
  return (await Promise.race([promise, Promise.resolve(pending)])) !== pending;
}

describe("sendChatMessage: a turn", () => {
  it("saves the prompt and a streaming answer row before the answer finishes", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const text = "Explain rust ownership rules please";
    // Both the answer and the title request wait ~300 ms before their first token.
    await addFault(sim, text, { kind: "keepalive", count: 2, intervalMs: 150 });

    const generation = await start(userId, submit(conversationId, null, "user-msg-1", text));
    const early = await rows(userId, conversationId);
    const conversation = await getConversation({ db: t.db, userId, id: conversationId });

    expect(early).toEqual([
      expect.objectContaining({
        id: "user-msg-1",
        role: "user",
        parentId: null,
        status: "complete",
        content: text,
        parts: [{ type: "text", text }],
        seq: 1,
        selected: true,
      }),
      expect.objectContaining({
        id: generation.messageId,
        role: "assistant",
        parentId: "user-msg-1",
        status: "streaming",
        content: "",
        parts: [],
        model: "flash",
        modelId: "deepseek-flash",
        mode: "non-think",
        effectiveMode: "non-think",
        backend: "Offline simulator",
        selected: true,
      }),
    ]);
    expect(conversation).toMatchObject({ title: fallbackTitle(text), model: "flash", mode: "non-think" });
    await generation.done;
  });

  it("asks for the title only once the answer's first token is here, so the two never race to it", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const text = `${uniqueTag("title-late")} how do hash maps grow`;
    await addFault(sim, text, { kind: "keepalive", count: 2, intervalMs: 150 });

    const generation = await start(userId, submit(conversationId, null, uniqueTag("m"), text));
    const reader = generation.stream().getReader();
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Still waiting for the first token: only the answer's request went upstream.
    const early = await loggedRequests(sim, text);
    expect(early).toHaveLength(1);
    expect(early[0]?.messages?.some((message) => message.role === "system")).toBe(false);

    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (chunk.value.type === "text-delta") break;
    }
    await reader.cancel();
    await generation.done;
    const all = await loggedRequests(sim, text);
    expect(all).toHaveLength(2);
    expect(all[1]?.messages?.[0]?.role).toBe("system");
  });

  it("stores the finished answer with its usage and cost, and gives the conversation the model's title", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const text = "Describe python generators briefly";
    const { id, answer, chunks } = await send(userId, submit(conversationId, null, "user-msg-2", text));

    expect(await row(userId, conversationId, id)).toMatchObject({
      role: "assistant",
      parentId: "user-msg-2",
      status: "complete",
      content: answer.text,
      parts: [{ type: "text", text: answer.text }],
      finishReason: "stop",
      model: "flash",
      modelId: "deepseek-flash",
      modelVersion: "deepseek-flash",
      mode: "non-think",
      effectiveMode: "non-think",
      modeNotice: null,
      backend: "Offline simulator",
      errorCode: null,
      errorMessage: null,
      inputTokens: answer.usage?.inputTokens,
      cacheHitTokens: answer.usage?.cacheHitTokens,
      cacheMissTokens: answer.usage?.cacheMissTokens,
      outputTokens: answer.usage?.outputTokens,
      reasoningTokens: 0,
      costUsd: answer.costUsd,
      priceTier: answer.priceTier,
      durationMs: answer.durationMs,
    });
    expect(answer.text.length).toBeGreaterThan(0);
    expect(answer.usage?.inputTokens).toBeGreaterThan(0);
    expect(answer.costUsd).toBeGreaterThan(0);
    expect(startChunk(chunks).messageMetadata).toMatchObject({ version: { index: 1, count: 1 }, parentId: "user-msg-2" });

    const conversation = await getConversation({ db: t.db, userId, id: conversationId });
    expect(conversation?.titleSource).toBe("auto");
    // The simulator's title for this message (3-6 content words in Title Case), not the fallback.
    expect(conversation?.title).toBe("Describe Python Generators Briefly");
    expect(conversation?.title).not.toBe(fallbackTitle(text));
    // The title arrived on the stream too, as a transient data part.
    expect(chunks).toContainEqual({ type: "data-title", data: { conversationId, title: conversation?.title }, transient: true });
  });

  it("sends the whole selected path on a later turn, without earlier reasoning", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const tag = uniqueTag("sunset");
    const first = await send(userId, submit(conversationId, null, uniqueTag("m"), "Why is the sky blue", { mode: "think-high" }));
    expect(first.answer.reasoning.length).toBeGreaterThan(0);
    expect((await row(userId, conversationId, first.id)).parts.map((part) => part.type)).toEqual(["reasoning", "text"]);

    await send(userId, submit(conversationId, first.id, uniqueTag("m"), `And why are sunsets red ${tag}`));
    const [body, ...more] = await answerRequests(tag);
    expect(more).toHaveLength(0);
    expect(sentMessages(body)).toEqual([
      { role: "user", content: "Why is the sky blue" },
      { role: "assistant", content: first.answer.text },
      { role: "user", content: `And why are sunsets red ${tag}` },
    ]);
    expect(body?.messages?.[1]?.reasoning_content ?? "").toBe("");
    expect(JSON.stringify(body)).not.toContain(first.answer.reasoning.slice(0, 60));
  });

  it("asks the simulator for deepseek-v4-pro with thinking disabled for Pro in Non-think", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const text = `${uniqueTag("pro")} summarize the raft protocol`;
    const { id } = await send(userId, submit(conversationId, null, uniqueTag("m"), text, { model: "pro" }));

    const bodies = await loggedRequests(sim, text);
    const proRequests = bodies.filter((body) => body.model === "deepseek-v4-pro");
    expect(proRequests).toHaveLength(1);
    expect(proRequests[0]).toMatchObject({
      model: "deepseek-v4-pro",
      thinking: { type: "disabled" },
      stream: true,
      temperature: 1,
      top_p: 1,
    });
    expect(proRequests[0]?.reasoning_effort).toBeUndefined();

    expect(await row(userId, conversationId, id)).toMatchObject({
      status: "complete",
      model: "pro",
      modelId: "deepseek-v4-pro",
      mode: "non-think",
    });
    expect((await row(userId, conversationId, id)).parts.map((part) => part.type)).toEqual(["text"]);
  });

  it("sends each mode's output cap as max_tokens, Think Max's own only where it is not replaced by Think High", async () => {
    const userId = await makeUser();
    const capped = simulatorBackend(sim, { outputCaps: { "non-think": 300, "think-high": 600, "think-max": 900 } });
    const small = { ...capped, contextWindow: 262_144 }; // too small for Think Max: Think High is used
    const cases = [
      { backend: capped, mode: "non-think", maxTokens: 300 },
      { backend: capped, mode: "think-high", maxTokens: 600 },
      { backend: capped, mode: "think-max", maxTokens: 900 },
      { backend: small, mode: "think-max", maxTokens: 600 },
    ] as const;
    for (const c of cases) {
      const conversationId = uniqueTag("conv");
      const text = `${uniqueTag("cap")} what is a monad?`;
      const generation = await sendChatMessage({
        db: t.db,
        userId,
        backend: c.backend,
        request: submit(conversationId, null, uniqueTag("m"), text, { mode: c.mode }),
      });
      await readAll(generation.stream());
      await generation.done;
      const [body] = await answerRequests(text);
      expect(body?.max_tokens, `${c.mode} on a ${c.backend.contextWindow}-token backend`).toBe(c.maxTokens);
    }
  });
});

describe("sendChatMessage: versions and branches", () => {
  it("regenerate adds a version beside the first answer, selects it, and may use another model and mode", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const tag = uniqueTag("monad");
    const promptId = uniqueTag("m");
    const first = await send(userId, submit(conversationId, null, promptId, `What is a monad ${tag}`));

    const again = await send(userId, regenerate(conversationId, promptId, { model: "pro", mode: "think-high" }));
    expect(again.id).not.toBe(first.id);
    expect(again.answer.status).toBe("complete");
    expect(startChunk(again.chunks).messageMetadata).toMatchObject({
      version: { index: 2, count: 2 },
      parentId: promptId,
      model: "pro",
      mode: "think-high",
    });

    // Both kept: the first untouched, the new one selected.
    expect(await row(userId, conversationId, first.id)).toMatchObject({
      status: "complete",
      content: first.answer.text,
      seq: 1,
      selected: false,
      model: "flash",
    });
    expect(await row(userId, conversationId, again.id)).toMatchObject({
      parentId: promptId,
      status: "complete",
      content: again.answer.text,
      seq: 2,
      selected: true,
      model: "pro",
      modelId: "deepseek-v4-pro",
      mode: "think-high",
      effectiveMode: "think-high",
    });
    expect(await shownPath(userId, conversationId)).toEqual([
      `${promptId} 1/1 ${`What is a monad ${tag}`.slice(0, 40)}`,
      `${again.id} 2/2 ${again.answer.text.slice(0, 40)}`,
    ]);
    const conversation = await getConversation({ db: t.db, userId, id: conversationId });
    expect(conversation).toMatchObject({ model: "pro", mode: "think-high" });

    // The regenerate asked Pro with thinking, with the prompt alone (not the first answer).
    const requests = await answerRequests(tag);
    expect(requests.map((body) => body.model)).toEqual(["deepseek-flash", "deepseek-v4-pro"]);
    expect(requests[1]).toMatchObject({ thinking: { type: "enabled" }, reasoning_effort: "high" });
    expect(sentMessages(requests[1])).toEqual([{ role: "user", content: `What is a monad ${tag}` }]);

    // The first version is one switch away, as it was.
    const switched = await switchVersion({ db: t.db, userId, conversationId, messageId: again.id, version: 1 });
    expect(switched?.[1]).toMatchObject({ id: first.id, metadata: { version: { index: 1, count: 2 }, status: "complete", model: "flash" } });
    expect(switched?.[1]?.parts).toEqual([{ type: "text", text: first.answer.text, state: "done" }]);
  });

  it("an edit of a middle prompt starts a new branch; the old branch is kept and reachable, deeper choices included", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const tag = uniqueTag("closure");
    const u1 = uniqueTag("u1");
    const u2 = uniqueTag("u2");
    const u3 = uniqueTag("u3");
    const a1 = await send(userId, submit(conversationId, null, u1, `What is a closure ${tag}`));
    const a2 = await send(userId, submit(conversationId, a1.id, u2, `Show an example in go ${tag}-old`));
    const a3 = await send(userId, submit(conversationId, a2.id, u3, `Now in python ${tag}-deeper`));
    const a3b = await send(userId, regenerate(conversationId, u3));
    const oldPath = await shownPath(userId, conversationId);
    expect(oldPath.map((step) => step.split(" ")[0])).toEqual([u1, a1.id, u2, a2.id, u3, a3b.id]);

    // Editing u2 = a new prompt after the message before it.
    const u2edit = uniqueTag("u2edit");
    const editText = `Show an example in rust instead ${tag}-new`;
    const edited = await send(userId, submit(conversationId, a1.id, u2edit, editText));

    expect(await row(userId, conversationId, u2edit)).toMatchObject({ parentId: a1.id, seq: 2, selected: true, content: editText });
    expect(await row(userId, conversationId, u2)).toMatchObject({ parentId: a1.id, seq: 1, selected: false });
    expect(await shownPath(userId, conversationId)).toEqual([
      oldPath[0],
      oldPath[1],
      `${u2edit} 2/2 ${editText.slice(0, 40)}`,
      `${edited.id} 1/1 ${edited.answer.text.slice(0, 40)}`,
    ]);
    // Nothing of the old branch was deleted.
    expect((await rows(userId, conversationId)).map((message) => message.id).sort()).toEqual(
      [u1, a1.id, u2, a2.id, u3, a3.id, a3b.id, u2edit, edited.id].sort(),
    );

    // The model saw the edited history only.
    const [body] = await answerRequests(`${tag}-new`);
    expect(sentMessages(body)).toEqual([
      { role: "user", content: `What is a closure ${tag}` },
      { role: "assistant", content: a1.answer.text },
      { role: "user", content: editText },
    ]);

    // Back to the old branch: the whole of it, with the second answer to u3 still the one shown.
    await switchVersion({ db: t.db, userId, conversationId, messageId: u2edit, version: 1 });
    expect(await shownPath(userId, conversationId)).toEqual(oldPath.map((step) => (step.startsWith(u2) ? step.replace(" 1/1 ", " 1/2 ") : step)));
    // And forth again.
    await switchVersion({ db: t.db, userId, conversationId, messageId: u2, version: 2 });
    expect((await shownPath(userId, conversationId)).map((step) => step.split(" ")[0])).toEqual([u1, a1.id, u2edit, edited.id]);
  });

  it("the simulator's captured request holds only the selected path", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const tag = uniqueTag("path");
    const u1 = uniqueTag("u1");
    const a1 = await send(userId, submit(conversationId, null, u1, `Tell me about owls ${tag}`));
    const a1b = await send(userId, regenerate(conversationId, u1));
    const oldBranch = await send(userId, submit(conversationId, a1b.id, uniqueTag("u2"), `OLD-BRANCH-${tag} what do they eat`));
    const newBranch = await send(userId, submit(conversationId, a1b.id, uniqueTag("u2"), `NEW-BRANCH-${tag} where do they live`));

    // A follow-up on the new branch.
    await send(userId, submit(conversationId, newBranch.id, uniqueTag("u3"), `FOLLOW-UP-${tag} and how long`));
    const [body, ...more] = await answerRequests(`FOLLOW-UP-${tag}`);
    expect(more).toHaveLength(0);
    expect(sentMessages(body)).toEqual([
      { role: "user", content: `Tell me about owls ${tag}` },
      { role: "assistant", content: a1b.answer.text },
      { role: "user", content: `NEW-BRANCH-${tag} where do they live` },
      { role: "assistant", content: newBranch.answer.text },
      { role: "user", content: `FOLLOW-UP-${tag} and how long` },
    ]);
    const sent = JSON.stringify(body);
    expect(sent).not.toContain(`OLD-BRANCH-${tag}`);
    expect(sent).not.toContain(JSON.stringify(oldBranch.answer.text));
    if (a1.answer.text !== a1b.answer.text) expect(sent).not.toContain(JSON.stringify(a1.answer.text));
  });

  it("a turn sent from a branch that is no longer the one shown (a stale tab) gets that branch's history and is shown after it", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const tag = uniqueTag("stale");
    const u1 = uniqueTag("u1");
    const first = await send(userId, submit(conversationId, null, u1, `Tell me about tides ${tag}`));
    const oldBranch = await send(userId, submit(conversationId, first.id, uniqueTag("u2"), `OLD-${tag} and the moon`));
    // Another tab edits the follow-up: the old branch is no longer the one shown...
    await send(userId, submit(conversationId, first.id, uniqueTag("u2"), `NEW-${tag} and the sun`));
    // ...but this tab still shows it, and follows up on it.
    const u3 = uniqueTag("u3");
    const stale = await send(userId, submit(conversationId, oldBranch.id, u3, `STALE-${tag} how high do they get`));

    expect(stale.answer.status).toBe("complete");
    const [body] = await answerRequests(`STALE-${tag}`);
    expect(sentMessages(body)).toEqual([
      { role: "user", content: `Tell me about tides ${tag}` },
      { role: "assistant", content: first.answer.text },
      { role: "user", content: `OLD-${tag} and the moon` },
      { role: "assistant", content: oldBranch.answer.text },
      { role: "user", content: `STALE-${tag} how high do they get` },
    ]);
    expect((await shownPath(userId, conversationId)).map((step) => step.split(" ").slice(0, 2).join(" "))).toEqual([
      `${u1} 1/1`,
      `${first.id} 1/1`,
      expect.stringMatching(/ 1\/2$/),
      `${oldBranch.id} 1/1`,
      `${u3} 1/1`,
      `${stale.id} 1/1`,
    ]);
  });

  it("a regenerate that fails with 402 is kept as an error version with its hint; the earlier version stays intact and selectable", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const tag = uniqueTag("broke");
    const promptId = uniqueTag("m");
    const first = await send(userId, submit(conversationId, null, promptId, `Explain bloom filters ${tag}`));
    const before = await row(userId, conversationId, first.id);

    await addFault(sim, tag, { kind: "status", status: 402 }, 1);
    const failed = await send(userId, regenerate(conversationId, promptId));
    expect(failed.answer.status).toBe("error");

    const stored = await row(userId, conversationId, failed.id);
    expect(stored).toMatchObject({
      parentId: promptId,
      status: "error",
      seq: 2,
      selected: true,
      content: "",
      parts: [],
      errorCode: "payment_required:model",
      errorHint: "Top up the account's balance, then retry.",
    });
    expect(stored.errorMessage).toMatch(/402/);
    expect(stored.errorMessage).not.toContain(stored.errorHint);

    const [, shown] = (await conversationPath({ db: t.db, userId, conversationId })) ?? [];
    expect(shown).toMatchObject({
      id: failed.id,
      parts: [],
      metadata: {
        status: "error",
        version: { index: 2, count: 2 },
        error: { code: "payment_required:model", hint: "Top up the account's balance, then retry.", retryable: false },
      },
    });

    // The first answer is exactly as it was, apart from no longer being the one shown.
    expect(await row(userId, conversationId, first.id)).toEqual({ ...before, selected: false, updatedAt: expect.any(Date) });
    const switched = await switchVersion({ db: t.db, userId, conversationId, messageId: failed.id, version: 1 });
    expect(switched?.[1]).toMatchObject({ id: first.id, metadata: { status: "complete", version: { index: 1, count: 2 } } });
    expect(switched?.[1]?.parts).toEqual([{ type: "text", text: first.answer.text, state: "done" }]);

    // A later retry works and becomes version 3.
    const retried = await send(userId, regenerate(conversationId, promptId));
    expect(retried.answer.status).toBe("complete");
    expect(startChunk(retried.chunks).messageMetadata?.version).toEqual({ index: 3, count: 3 });
  });
});

describe("sendChatMessage: one answer at a time", () => {
  it("of five sends fired at the same moment, exactly one starts and the others get 409", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const tag = uniqueTag("race");
    const first = await send(userId, submit(conversationId, null, uniqueTag("m"), `Warm up ${tag}`));
    const before = await rows(userId, conversationId);
    await addFault(sim, `${tag}-racer`, { kind: "slow", tokensPerSecond: 200 });

    const ids = [1, 2, 3, 4, 5].map((n) => uniqueTag(`racer${n}`));
    const results = await Promise.allSettled(
      ids.map((id) => start(userId, submit(conversationId, first.id, id, `${tag}-racer ${id}`))),
    );

    const started = results.filter((result): result is PromiseFulfilledResult<Generation> => result.status === "fulfilled");
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(started).toHaveLength(1);
    expect(rejected).toHaveLength(4);
    for (const { reason } of rejected) {
      expect(reason).toBeInstanceOf(ChatError);
      expect(reason).toMatchObject({ code: "conflict:chat", status: 409 });
    }
    const winner = started[0]!.value;

    // The database holds exactly one new prompt and one answer.
    const during = await rows(userId, conversationId);
    const added = during.filter((message) => !before.some((old) => old.id === message.id));
    expect(added.map(({ role, status }) => ({ role, status }))).toEqual([
      { role: "user", status: "complete" },
      { role: "assistant", status: "streaming" },
    ]);
    expect(added[1]?.id).toBe(winner.messageId);
    expect(ids).toContain(added[0]?.id);
    // Only the winner reached the upstream.
    await untilText(winner);
    const requests = await answerRequests(`${tag}-racer`);
    expect(requests).toHaveLength(1);
    expect(JSON.stringify(requests[0]?.messages)).toContain(added[0]?.content);

    winner.stop();
    expect((await winner.done).status).toBe("stopped");
    // After it ends, a new send goes through.
    const next = await send(userId, submit(conversationId, winner.messageId, uniqueTag("m"), `My turn now ${tag}`));
    expect(next.answer.status).toBe("complete");
  });

  it("five first messages to a new conversation at once create one conversation with one turn", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) => start(userId, submit(conversationId, null, uniqueTag(`first${n}`), `Hello number ${n}`))),
    );
    const started = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    expect(started).toHaveLength(1);
    expect(results.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason.code)).toEqual([
      "conflict:chat",
      "conflict:chat",
      "conflict:chat",
      "conflict:chat",
    ]);
    await started[0]!.done;
    expect((await rows(userId, conversationId)).map((message) => message.role)).toEqual(["user", "assistant"]);
  });

  it("refuses a send or a regenerate while an answer is still being written, without touching the conversation", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const tag = uniqueTag("busy");
    const first = await send(userId, submit(conversationId, null, uniqueTag("m"), "A quick first question"));
    await addFault(sim, tag, { kind: "slow", tokensPerSecond: 100 }, 1);
    const promptId = uniqueTag("m");
    const running = await start(userId, submit(conversationId, first.id, promptId, `Take your time ${tag}`));
    const before = await snapshot(userId, conversationId);

    await expect(start(userId, submit(conversationId, running.messageId, uniqueTag("m"), "meanwhile", { model: "pro", mode: "think-max" }))).rejects.toMatchObject({
      code: "conflict:chat",
      status: 409,
    });
    await expect(start(userId, regenerate(conversationId, promptId, { model: "pro" }))).rejects.toMatchObject({ code: "conflict:chat" });
    expect(await snapshot(userId, conversationId)).toEqual(before);

    running.stop();
    await running.done;
    const after = await send(userId, regenerate(conversationId, promptId));
    expect(after.answer.status).toBe("complete");
  });

  it("refuses a new answer with 429 when the server writes MAX_CONCURRENT_GENERATIONS already, before anything is written", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const first = await send(userId, submit(conversationId, null, uniqueTag("m"), "A quick first question"));
    const before = await snapshot(userId, conversationId);

    // Other conversations fill every slot (MAX_CONCURRENT_GENERATIONS, 32 by default).
    const max = concurrencyLimits().maxGenerations;
    const others = Array.from({ length: max - activeAnswers() }, () => claimConversation({ userId: "someone", conversationId: uniqueTag("other") }));
    const newConversation = uniqueTag("conv");
    try {
      await expect(start(userId, submit(conversationId, first.id, uniqueTag("m"), "one more"))).rejects.toMatchObject({
        code: "rate_limit:chat",
        status: 429,
        message: `V4 Chat is answering ${max} questions already; try again in a moment.`,
      });
      const promptId = startChunk(first.chunks).messageMetadata?.parentId ?? "";
      await expect(start(userId, regenerate(conversationId, promptId))).rejects.toMatchObject({ status: 429 });
      await expect(start(userId, submit(newConversation, null, uniqueTag("m"), "a new chat"))).rejects.toMatchObject({ status: 429 });
      expect(await snapshot(userId, conversationId)).toEqual(before);
      expect(await getConversation({ db: t.db, userId, id: newConversation })).toBeNull();
    } finally {
      for (const claim of others) claim.release();
    }
    // The conversation was not left claimed by the refused request.
    expect((await send(userId, submit(conversationId, first.id, uniqueTag("m"), "now it fits"))).answer.status).toBe("complete");
  });
});

describe("sendChatMessage: rejected requests change nothing", () => {
  async function conversationWithOneTurn() {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const promptId = uniqueTag("m");
    const first = await send(userId, submit(conversationId, null, promptId, `What is a b-tree ${conversationId}`));
    return { userId, conversationId, promptId, answerId: first.id, before: await snapshot(userId, conversationId) };
  }

  it("an unknown parentId: not_found, and model, mode, updatedAt and messages as they were", async () => {
    const { userId, conversationId, answerId, before } = await conversationWithOneTurn();
    const tag = uniqueTag("orphan");
    const attempt = start(userId, submit(conversationId, "no-such-message", uniqueTag("m"), `Lost ${tag}`, { model: "pro", mode: "think-max" }));
    await expect(attempt).rejects.toBeInstanceOf(ChatError);
    await expect(attempt).rejects.toMatchObject({ code: "not_found:chat", status: 404 });
    expect(await snapshot(userId, conversationId)).toEqual(before);
    expect(await loggedRequests(sim, tag)).toEqual([]);
    // The claim was released: the conversation takes the next message.
    expect((await send(userId, submit(conversationId, answerId, uniqueTag("m"), "still here"))).answer.status).toBe("complete");
  });

  it("a regenerate of an answer (not a prompt): bad_request, nothing changed", async () => {
    const { userId, conversationId, answerId, before } = await conversationWithOneTurn();
    await expect(start(userId, regenerate(conversationId, answerId, { model: "pro" }))).rejects.toMatchObject({ code: "bad_request:chat" });
    expect(await snapshot(userId, conversationId)).toEqual(before);
  });

  it("a message id that was already used: bad_request, nothing changed", async () => {
    const { userId, conversationId, promptId, answerId, before } = await conversationWithOneTurn();
    await expect(start(userId, submit(conversationId, answerId, promptId, "again", { mode: "think-high" }))).rejects.toMatchObject({
      code: "bad_request:chat",
    });
    expect(await snapshot(userId, conversationId)).toEqual(before);
  });

  describe("another user's conversation", () => {
    async function ownedConversation() {
      const owner = await conversationWithOneTurn();
      return { ...owner, owner: owner.userId, intruder: await makeUser() };
    }

    it.each([
      ["a new first message", (c: { conversationId: string }, tag: string) => submit(c.conversationId, null, uniqueTag("intruder"), `let me in ${tag}`)],
      ["a message after the owner's answer", (c: { conversationId: string; answerId: string }, tag: string) => submit(c.conversationId, c.answerId, uniqueTag("intruder"), `let me in ${tag}`)],
      ["a regenerate of the owner's prompt", (c: { conversationId: string; promptId: string }) => regenerate(c.conversationId, c.promptId)],
    ] as const)("rejects %s with not_found and writes nothing", async (_, request) => {
      const c = await ownedConversation();
      const tag = uniqueTag("intrusion");
      const attempt = start(c.intruder, request(c, tag));

      await expect(attempt).rejects.toBeInstanceOf(ChatError);
      await expect(attempt).rejects.toMatchObject({ code: "not_found:conversation", status: 404 });
      expect(await snapshot(c.owner, c.conversationId)).toEqual(c.before);
      expect(await getConversation({ db: t.db, userId: c.intruder, id: c.conversationId })).toBeNull();
      expect(await rows(c.intruder, c.conversationId)).toEqual([]);
      expect(await loggedRequests(sim, tag)).toEqual([]);
    });
  });
});

describe("removeConversation while it answers", () => {
  it("stops the answer (it settles stopped and its request is dropped) before the rows go", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const userId = await makeUser();
    const intruder = await makeUser();
    const conversationId = uniqueTag("conv");
    const tag = uniqueTag("doomed");
    await addFault(sim, tag, { kind: "slow", tokensPerSecond: 60 });
    const generation = await start(userId, submit(conversationId, null, uniqueTag("m"), `Write a long story ${tag}`));
    await untilText(generation);

    // Someone else cannot delete it, nor stop it.
    expect(await removeConversation({ db: t.db, userId: intruder, conversationId })).toBe(false);
    expect(findGeneration({ userId, messageId: generation.messageId })).toBe(generation);
    expect(await isSettled(generation.done)).toBe(false);

    const startedAt = performance.now();
    expect(await removeConversation({ db: t.db, userId, conversationId })).toBe(true);
    // By the time the delete returns, the answer has settled as stopped, well before the slow
    // stream could have finished: the upstream request was aborted, not waited for.
    expect(await isSettled(generation.done)).toBe(true);
    const settled = await generation.done;
    expect(settled.status).toBe("stopped");
    expect(performance.now() - startedAt).toBeLessThan(2000);
    // It was saved before the rows went (no "deleted before it could be saved").
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining("was deleted before it could be saved"));

    expect(await rows(userId, conversationId)).toEqual([]);
    expect(await getConversation({ db: t.db, userId, id: conversationId })).toBeNull();
    expect(await t.db.message.count({ where: { conversationId } })).toBe(0);
    expect(findGeneration({ userId, messageId: generation.messageId })).toBeUndefined();

    // The claim is gone with it: the same id can start a new conversation.
    const fresh = await send(userId, submit(conversationId, null, uniqueTag("m"), "a fresh start"));
    expect(fresh.answer.status).toBe("complete");
  });
});

describe("sendChatMessage: news of the turn", () => {
  it("names the page that sent it when the answer starts and when it ends, so that page passes its own news by", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("c");
    const heard = vi.fn();
    const stop = listenForChanges(userId, heard);
    try {
      const generation = await sendChatMessage({ db: t.db, userId, backend, request: submit(conversationId, null, uniqueTag("m"), "hello"), page: "page-abcd1234" });
      await readAll(generation.stream());
      await generation.done;
      await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(4));
      const news = [{ type: "list", page: "page-abcd1234" }, { type: "conversation", conversationId, page: "page-abcd1234" }];
      expect(heard.mock.calls.map(([change]) => change)).toEqual([...news, ...news]);
    } finally {
      stop();
    }
  });
});
