import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-helpers";
import { ChatError } from "@/lib/errors";
import { claimConversation } from "@/lib/chat/registry";
import { enforceLimits, limitsFor, usageSince } from "./limits";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.cleanup();
});

/** A user with answers made `agoMs` before `now`, each of 100 in / 50 out tokens and $0.01. */
async function userWithAnswers(id: string, role: string, agoMs: number[], now: Date, limits: Record<string, number> = {}) {
  await t.db.user.create({ data: { id, name: id, email: `${id}@example.com`, role, ...limits } });
  const conversation = await t.db.conversation.create({ data: { userId: id, title: "t", model: "flash", mode: "non-think" } });
  for (const ago of agoMs) {
    await t.db.message.create({
      data: {
        conversationId: conversation.id,
        role: "assistant",
        content: "a",
        inputTokens: 100,
        outputTokens: 50,
        costUsd: 0.01,
        createdAt: new Date(now.getTime() - ago),
      },
    });
  }
}

const refusal = async (run: Promise<unknown>) => {
  try {
    await run;
    return null;
  } catch (error) {
    return error instanceof ChatError ? `${error.status} ${error.message}` : String(error);
  }
};

describe("per-user limits", () => {
  const now = new Date("2026-11-30T12:00:00Z");

  it("apply the server's defaults to users, but not to the admin unless set on them", async () => {
    await userWithAnswers("plain", "user", [], now);
    await userWithAnswers("boss", "admin", [], now);
    expect((await limitsFor(t.db, "plain")).requestsPerMinute).toBe(20);
    expect((await limitsFor(t.db, "plain")).maxConcurrent).toBe(4);
    expect(await limitsFor(t.db, "boss")).toEqual({ requestsPerMinute: null, tokensPerDay: null, usdPerDay: null, maxConcurrent: null });
  });

  it("count answers in the last minute", async () => {
    await userWithAnswers("busy", "user", [5_000, 30_000, 90_000], now, { requestsPerMinute: 2 });
    expect((await usageSince(t.db, "busy", new Date(now.getTime() - 60_000))).requests).toBe(2);
    expect(await refusal(enforceLimits({ db: t.db, userId: "busy", now }))).toMatch(/^429 You have asked 2 times in the last minute \(your limit is 2\)/);
    expect(await refusal(enforceLimits({ db: t.db, userId: "busy", now: new Date(now.getTime() + 31_000) }))).toBeNull();
  });

  it("count tokens and money since midnight UTC", async () => {
    // Two answers today (300 tokens, $0.02), one yesterday.
    await userWithAnswers("spender", "user", [60 * 60_000, 2 * 60 * 60_000, 13 * 60 * 60_000], now, { tokensPerDay: 300 });
    expect(await refusal(enforceLimits({ db: t.db, userId: "spender", now }))).toMatch(/used 300 tokens today \(your limit is 300\)/);
    await t.db.user.update({ where: { id: "spender" }, data: { tokensPerDay: 301, usdPerDay: 0.02 } });
    expect(await refusal(enforceLimits({ db: t.db, userId: "spender", now }))).toMatch(/spent \$0\.02 today \(your limit is \$0\.02\)/);
    await t.db.user.update({ where: { id: "spender" }, data: { usdPerDay: 0.05 } });
    expect(await refusal(enforceLimits({ db: t.db, userId: "spender", now }))).toBeNull();
  });

  it("cap answers being written at once, checked in the same step that claims the conversation", async () => {
    await userWithAnswers("parallel", "user", [], now, { maxConcurrent: 2 });
    const limits = { maxGenerations: 100, maxForUser: (await enforceLimits({ db: t.db, userId: "parallel", now })).maxConcurrent };
    const first = claimConversation({ userId: "parallel", conversationId: "c1", limits });
    const second = claimConversation({ userId: "parallel", conversationId: "c2", limits });
    expect(() => claimConversation({ userId: "parallel", conversationId: "c3", limits })).toThrow(/You have 2 answers being written already \(your limit is 2\)/);
    // Someone else is not held back by this user's cap.
    claimConversation({ userId: "someone-else", conversationId: "c3", limits }).release();
    first.release();
    claimConversation({ userId: "parallel", conversationId: "c3", limits }).release();
    second.release();
  });
});
