// One chat turn end to end: a migrated temp SQLite database, and answers and titles from the
// offline simulator over HTTP through the real DeepSeek provider.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Backend } from "@/lib/ai/backends/types";
import { getConversation, listMessages } from "@/lib/db/queries";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-helpers";
import { ChatError } from "@/lib/errors";
import type { RunningSimulator } from "@/lib/simulator/server";
import { sendChatMessage } from "./send";
import { addFault, loggedRequests, simulatorBackend, startTestSimulator, uniqueTag } from "./test-helpers";
import { fallbackTitle } from "./title";
import type { ChatRequest } from "./types";

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

let users = 0;
async function makeUser(): Promise<string> {
  const id = `user-${++users}`;
  await t.db.user.create({ data: { id, name: id } });
  return id;
}

/** Sends one message and waits for the whole answer (title side task included). */
async function send(userId: string, request: ChatRequest) {
  const generation = await sendChatMessage({ db: t.db, userId, backend, request });
  const answer = await generation.done;
  return { generation, answer };
}

function submit(conversationId: string, messageId: string, text: string): ChatRequest {
  return { conversationId, model: "flash", mode: "non-think", trigger: "submit", message: { id: messageId, text } };
}

async function rows(userId: string, conversationId: string) {
  return listMessages({ db: t.db, userId, conversationId });
}

describe("sendChatMessage", () => {
  it("saves the user's message and a streaming answer row before the answer finishes", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const text = "Explain rust ownership rules please";
    // Both the answer and the title request wait ~300 ms before their first token.
    await addFault(sim, text, { kind: "keepalive", count: 2, intervalMs: 150 });

    const generation = await sendChatMessage({ db: t.db, userId, backend, request: submit(conversationId, "user-msg-1", text) });
    const early = await rows(userId, conversationId);
    const conversation = await getConversation({ db: t.db, userId, id: conversationId });

    expect(early.map(({ id, role, status, content }) => ({ id, role, status, content }))).toEqual([
      { id: "user-msg-1", role: "user", status: "complete", content: text },
      { id: generation.messageId, role: "assistant", status: "streaming", content: "" },
    ]);
    expect(conversation?.title).toBe(fallbackTitle(text));
    await generation.done;
  });

  it("refuses a second message while an answer is still being written in the conversation", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const text = `Take your time ${conversationId}`;
    await addFault(sim, text, { kind: "slow", tokensPerSecond: 100 });
    const running = await sendChatMessage({ db: t.db, userId, backend, request: submit(conversationId, `m1-${conversationId}`, text) });

    const second = sendChatMessage({ db: t.db, userId, backend, request: submit(conversationId, `m2-${conversationId}`, "meanwhile") });
    await expect(second).rejects.toMatchObject({ code: "conflict:chat", status: 409 });
    expect((await rows(userId, conversationId)).map((row) => row.role)).toEqual(["user", "assistant"]);

    running.stop();
    await running.done;
    const { answer } = await send(userId, submit(conversationId, `m3-${conversationId}`, "now it is my turn"));
    expect(answer.status).toBe("complete");
  });

  it("stores the finished answer with its usage and cost, and gives the conversation the model's title", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const text = "Describe python generators briefly";
    const { generation, answer } = await send(userId, submit(conversationId, "user-msg-2", text));

    const [, stored] = await rows(userId, conversationId);
    expect(stored).toMatchObject({
      id: generation.messageId,
      role: "assistant",
      status: "complete",
      content: answer.text,
      reasoning: null,
      finishReason: "stop",
      model: "flash",
      modelId: "deepseek-v4-flash",
      mode: "non-think",
      effectiveMode: "non-think",
      backend: "Offline simulator",
      errorCode: null,
      inputTokens: answer.usage?.inputTokens,
      cacheHitTokens: answer.usage?.cacheHitTokens,
      cacheMissTokens: answer.usage?.cacheMissTokens,
      outputTokens: answer.usage?.outputTokens,
      reasoningTokens: 0,
      costUsd: answer.costUsd,
      durationMs: answer.durationMs,
    });
    expect(stored?.content.length).toBeGreaterThan(0);
    expect(stored?.inputTokens).toBeGreaterThan(0);
    expect(stored?.costUsd).toBeGreaterThan(0);

    const conversation = await getConversation({ db: t.db, userId, id: conversationId });
    expect(conversation?.titleSource).toBe("auto");
    // The simulator's title for this message (3-6 content words in Title Case), not the fallback.
    expect(conversation?.title).toBe("Describe Python Generators Briefly");
    expect(conversation?.title).not.toBe(fallbackTitle(text));
  });

  it("regenerate deletes the previous answer and answers the same message again", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const first = await send(userId, submit(conversationId, "user-msg-3", "What is a monad"));

    const again = await send(userId, { conversationId, model: "flash", mode: "non-think", trigger: "regenerate" });

    expect(again.generation.messageId).not.toBe(first.generation.messageId);
    expect((await rows(userId, conversationId)).map(({ id, role, status }) => ({ id, role, status }))).toEqual([
      { id: "user-msg-3", role: "user", status: "complete" },
      { id: again.generation.messageId, role: "assistant", status: "complete" },
    ]);
  });

  it("edit replaces the edited message, keeps what came before and drops what followed", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const first = await send(userId, submit(conversationId, "user-msg-4a", "What is a closure"));
    await send(userId, submit(conversationId, "user-msg-4b", "Show an example in go"));

    const edited = await send(userId, {
      conversationId,
      model: "flash",
      mode: "non-think",
      trigger: "edit",
      message: { id: "user-msg-4b", text: "Show an example in rust instead" },
    });

    const after = await rows(userId, conversationId);
    expect(after.map(({ id, role, content }) => ({ id, role, content }))).toEqual([
      { id: "user-msg-4a", role: "user", content: "What is a closure" },
      { id: first.generation.messageId, role: "assistant", content: first.answer.text },
      { id: "user-msg-4b", role: "user", content: "Show an example in rust instead" },
      { id: edited.generation.messageId, role: "assistant", content: edited.answer.text },
    ]);
    // The model saw the edited history, not the replaced message.
    const [body] = await loggedRequests(sim, "Show an example in rust instead");
    expect(body?.messages?.map(({ role, content }) => ({ role, content }))).toEqual([
      { role: "user", content: "What is a closure" },
      { role: "assistant", content: first.answer.text },
      { role: "user", content: "Show an example in rust instead" },
    ]);
  });

  it("sends the whole conversation on a later turn, without earlier reasoning", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const first = await send(userId, { ...submit(conversationId, "user-msg-5a", "Why is the sky blue"), mode: "think-high" });
    expect(first.answer.reasoning.length).toBeGreaterThan(0);

    await send(userId, submit(conversationId, "user-msg-5b", "And why are sunsets red"));
    const [body] = await loggedRequests(sim, "And why are sunsets red");
    expect(body?.messages?.map(({ role, content }) => ({ role, content }))).toEqual([
      { role: "user", content: "Why is the sky blue" },
      { role: "assistant", content: first.answer.text },
      { role: "user", content: "And why are sunsets red" },
    ]);
    expect(body?.messages?.[1]?.reasoning_content ?? "").toBe("");
    expect(JSON.stringify(body)).not.toContain(first.answer.reasoning.slice(0, 60));
  });

  it("asks the simulator for deepseek-v4-pro with thinking disabled for Pro in Non-think", async () => {
    const userId = await makeUser();
    const conversationId = uniqueTag("conv");
    const text = `${uniqueTag("pro")} summarize the raft protocol`;
    const { generation } = await send(userId, { ...submit(conversationId, "user-msg-6", text), model: "pro" });

    const bodies = await loggedRequests(sim, text);
    const answerRequests = bodies.filter((body) => body.model === "deepseek-v4-pro");
    expect(answerRequests).toHaveLength(1);
    expect(answerRequests[0]).toMatchObject({
      model: "deepseek-v4-pro",
      thinking: { type: "disabled" },
      stream: true,
      temperature: 1,
      top_p: 1,
    });
    expect(answerRequests[0]?.reasoning_effort).toBeUndefined();

    const [, stored] = await rows(userId, conversationId);
    expect(stored).toMatchObject({
      id: generation.messageId,
      status: "complete",
      model: "pro",
      modelId: "deepseek-v4-pro",
      mode: "non-think",
      reasoning: null,
    });
  });

  describe("another user's conversation", () => {
    async function ownedConversation() {
      const owner = await makeUser();
      const intruder = await makeUser();
      const conversationId = uniqueTag("conv");
      await send(owner, submit(conversationId, uniqueTag("owner-msg"), "What is a b-tree"));
      const before = await rows(owner, conversationId);
      return { owner, intruder, conversationId, before };
    }

    it("rejects regenerate with ChatError not_found and leaves the conversation as it was", async () => {
      const { owner, intruder, conversationId, before } = await ownedConversation();
      const attempt = sendChatMessage({
        db: t.db,
        userId: intruder,
        backend,
        request: { conversationId, model: "flash", mode: "non-think", trigger: "regenerate" },
      });

      await expect(attempt).rejects.toBeInstanceOf(ChatError);
      await expect(attempt).rejects.toMatchObject({ code: "not_found:conversation" });
      expect(await rows(owner, conversationId)).toEqual(before);
    });

    it("rejects edit with ChatError not_found", async () => {
      const { intruder, conversationId, before } = await ownedConversation();
      const userMessage = before[0];
      if (!userMessage) throw new Error("no user message");
      const attempt = sendChatMessage({
        db: t.db,
        userId: intruder,
        backend,
        request: { conversationId, model: "flash", mode: "non-think", trigger: "edit", message: { id: userMessage.id, text: "mine now" } },
      });
      await expect(attempt).rejects.toMatchObject({ name: "ChatError", code: "not_found:conversation" });
    });

    // Known bug: for a submit, send.ts takes the unknown (foreign) id for a new conversation and
    // createConversation fails on the primary key (Prisma P2002), so the route answers 500.
    // Remove `.fails` once send.ts reports not_found for an id that exists under another owner.
    it("rejects a new message with ChatError not_found", async () => {
      const { intruder, conversationId } = await ownedConversation();
      const attempt = sendChatMessage({
        db: t.db,
        userId: intruder,
        backend,
        request: submit(conversationId, uniqueTag("intruder-msg"), "let me in"),
      });
      await expect(attempt).rejects.toMatchObject({ name: "ChatError", code: "not_found:conversation" });
    });

    it("writes nothing when a new message is sent to it", async () => {
      const { owner, intruder, conversationId, before } = await ownedConversation();
      const attempt = sendChatMessage({
        db: t.db,
        userId: intruder,
        backend,
        request: submit(conversationId, uniqueTag("intruder-msg"), "let me in"),
      });

      await expect(attempt).rejects.toThrow();
      expect(await rows(owner, conversationId)).toEqual(before);
      expect(await getConversation({ db: t.db, userId: intruder, id: conversationId })).toBeNull();
      expect((await getConversation({ db: t.db, userId: owner, id: conversationId }))?.userId).toBe(owner);
    });
  });
});
