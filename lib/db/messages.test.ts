import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createAssistantPlaceholder,
  createConversation,
  createUserMessage,
  deleteMessagesFrom,
  finishAssistantMessage,
  listMessages,
  markStaleStreamingAsInterrupted,
  checkpointAssistantMessage,
} from "./queries";
import { createTestDatabase, type TestDatabase } from "./test-helpers";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.cleanup();
});
afterEach(() => {
  vi.restoreAllMocks();
});

let users = 0;
async function setup(): Promise<{ userId: string; conversationId: string }> {
  const userId = `user-${++users}`;
  await t.db.user.create({ data: { id: userId, name: userId } });
  const conversation = await createConversation({ db: t.db, userId, title: "T", model: "flash", mode: "non-think" });
  return { userId, conversationId: conversation.id };
}

const placeholder = { model: "pro", modelId: "deepseek-v4-pro", mode: "think-high", effectiveMode: "think-high", backend: "deepseek" };

describe("messages", () => {
  it("keep insertion order under rapid inserts (strictly increasing createdAt)", async () => {
    const { userId, conversationId } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const message =
        i % 2 === 0
          ? await createUserMessage({ db: t.db, userId, conversationId, content: `q${i}` })
          : await createAssistantPlaceholder({ db: t.db, userId, conversationId, ...placeholder });
      ids.push(message.id);
    }
    const listed = await listMessages({ db: t.db, userId, conversationId });
    expect(listed.map((m) => m.id)).toEqual(ids);
    for (let i = 1; i < listed.length; i++) {
      expect(listed[i]!.createdAt.getTime()).toBeGreaterThan(listed[i - 1]!.createdAt.getTime());
    }
  });

  it("keep order when the clock stands still or goes backwards", async () => {
    const { userId, conversationId } = await setup();
    const frozen = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(frozen);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await createUserMessage({ db: t.db, userId, conversationId, content: `f${i}` })).id);
    clock.mockReturnValue(frozen - 60_000);
    for (let i = 0; i < 4; i++) ids.push((await createUserMessage({ db: t.db, userId, conversationId, content: `b${i}` })).id);
    clock.mockRestore();

    const listed = await listMessages({ db: t.db, userId, conversationId });
    expect(listed.map((m) => m.id)).toEqual(ids);
    expect(listed.map((m) => m.createdAt.getTime() - frozen)).toEqual(ids.map((_, i) => i));
  });

  it("keep order when inserts are issued concurrently", async () => {
    const { userId, conversationId } = await setup();
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createUserMessage({ db: t.db, userId, conversationId, content: `m${i}` })),
    );
    const listed = await listMessages({ db: t.db, userId, conversationId });
    expect(new Set(listed.map((m) => m.createdAt.getTime())).size).toBe(10);
    const byCreation = [...created].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(listed.map((m) => m.id)).toEqual(byCreation.map((m) => m.id));
  });

  it("creates a user message and a streaming assistant placeholder with the given ids", async () => {
    const { userId, conversationId } = await setup();
    const question = await createUserMessage({ db: t.db, userId, conversationId, id: "q-1", content: "Hello?" });
    const answer = await createAssistantPlaceholder({ db: t.db, userId, conversationId, id: "a-1", ...placeholder });
    expect(question).toMatchObject({ id: "q-1", role: "user", content: "Hello?", status: "complete" });
    expect(answer).toMatchObject({ id: "a-1", role: "assistant", content: "", status: "streaming", ...placeholder });
  });

  it("finishAssistantMessage stores every final field", async () => {
    const { userId, conversationId } = await setup();
    const answer = await createAssistantPlaceholder({ db: t.db, userId, conversationId, ...placeholder });
    const final = {
      content: "The answer is 42.",
      reasoning: "Thinking about it...",
      status: "error" as const,
      errorCode: "rate_limit:chat",
      errorMessage: "Too many requests",
      finishReason: "length",
      inputTokens: 1200,
      cacheHitTokens: 1000,
      cacheMissTokens: 200,
      outputTokens: 345,
      reasoningTokens: 120,
      costUsd: 0.000123,
      ttftMs: 250.6,
      reasoningMs: 900,
      durationMs: 4321.2,
    };
    const finished = await finishAssistantMessage({ db: t.db, userId, id: answer.id, ...final });
    const expected = { ...final, ttftMs: 251, durationMs: 4321, ...placeholder, role: "assistant", id: answer.id };
    expect(finished).toMatchObject(expected);
    const [stored] = await listMessages({ db: t.db, userId, conversationId });
    expect(stored).toMatchObject(expected);

    // Another user cannot finish it; user messages cannot be "finished".
    await t.db.user.create({ data: { id: "intruder", name: "intruder" } });
    expect(await finishAssistantMessage({ db: t.db, userId: "intruder", id: answer.id, content: "x", status: "complete" })).toBeNull();
    const question = await createUserMessage({ db: t.db, userId, conversationId, content: "q" });
    expect(await finishAssistantMessage({ db: t.db, userId, id: question.id, content: "x", status: "complete" })).toBeNull();
    expect(await finishAssistantMessage({ db: t.db, userId, id: "missing", content: "x", status: "complete" })).toBeNull();
    await expect(
      finishAssistantMessage({ db: t.db, userId, id: answer.id, content: "x", status: "streaming" as never }),
    ).rejects.toThrow();
    expect((await listMessages({ db: t.db, userId, conversationId }))[0]?.content).toBe("The answer is 42.");
  });

  it("deleteMessagesFrom removes the message and everything after it, only for the owner", async () => {
    const { userId, conversationId } = await setup();
    const other = await setup();
    const otherMessage = await createUserMessage({ db: t.db, userId: other.userId, conversationId: other.conversationId, content: "x" });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await createUserMessage({ db: t.db, userId, conversationId, content: `m${i}` })).id);

    // Wrong owner, wrong conversation, unknown message: nothing happens.
    expect(await deleteMessagesFrom({ db: t.db, userId: other.userId, conversationId, messageId: ids[2]! })).toBe(0);
    expect(await deleteMessagesFrom({ db: t.db, userId, conversationId: other.conversationId, messageId: ids[2]! })).toBe(0);
    expect(await deleteMessagesFrom({ db: t.db, userId, conversationId, messageId: otherMessage.id })).toBe(0);
    expect(await listMessages({ db: t.db, userId, conversationId })).toHaveLength(6);

    expect(await deleteMessagesFrom({ db: t.db, userId, conversationId, messageId: ids[3]! })).toBe(3);
    expect((await listMessages({ db: t.db, userId, conversationId })).map((m) => m.id)).toEqual(ids.slice(0, 3));
    expect(await listMessages({ db: t.db, userId: other.userId, conversationId: other.conversationId })).toHaveLength(1);

    // New messages after a truncation still come last.
    const next = await createUserMessage({ db: t.db, userId, conversationId, content: "edited" });
    expect((await listMessages({ db: t.db, userId, conversationId })).at(-1)?.id).toBe(next.id);
  });

  it("markStaleStreamingAsInterrupted only touches streaming rows", async () => {
    const { userId, conversationId } = await setup();
    await t.db.message.updateMany({ where: { status: "streaming" }, data: { status: "complete" } });
    const stale = await createAssistantPlaceholder({ db: t.db, userId, conversationId, ...placeholder });
    const done = await createAssistantPlaceholder({ db: t.db, userId, conversationId, ...placeholder });
    await finishAssistantMessage({ db: t.db, userId, id: done.id, content: "ok", status: "complete" });

    expect(await markStaleStreamingAsInterrupted({ db: t.db })).toBe(1);
    const byId = new Map((await listMessages({ db: t.db, userId, conversationId })).map((m) => [m.id, m]));
    expect(byId.get(stale.id)?.status).toBe("interrupted");
    expect(byId.get(stale.id)?.errorCode).toBe("interrupted:chat");
    expect(byId.get(done.id)?.status).toBe("complete");
    expect(await markStaleStreamingAsInterrupted({ db: t.db })).toBe(0);
  });

  it("checkpoints a streaming answer, keeps it through a restart, and never overwrites a finished one", async () => {
    const { userId, conversationId } = await setup();
    const streaming = await createAssistantPlaceholder({ db: t.db, userId, conversationId, ...placeholder });
    expect(
      await checkpointAssistantMessage({ db: t.db, userId, id: streaming.id, content: "partial answer", reasoning: "some thought" }),
    ).toBe(true);
    // Another user cannot write into it.
    expect(await checkpointAssistantMessage({ db: t.db, userId: "someone-else", id: streaming.id, content: "x", reasoning: null })).toBe(
      false,
    );

    await markStaleStreamingAsInterrupted({ db: t.db });
    const [restarted] = (await listMessages({ db: t.db, userId, conversationId })).filter((m) => m.id === streaming.id);
    expect(restarted).toMatchObject({ status: "interrupted", content: "partial answer", reasoning: "some thought" });

    const done = await createAssistantPlaceholder({ db: t.db, userId, conversationId, ...placeholder });
    await finishAssistantMessage({ db: t.db, userId, id: done.id, content: "final", status: "complete" });
    expect(await checkpointAssistantMessage({ db: t.db, userId, id: done.id, content: "late", reasoning: null })).toBe(false);
    const [final] = (await listMessages({ db: t.db, userId, conversationId })).filter((m) => m.id === done.id);
    expect(final?.content).toBe("final");
  });
});
