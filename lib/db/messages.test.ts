import { describe, expect, it } from "vitest";
import type { Prisma } from "./generated/client";
import {
  checkpointAnswer,
  createConversation,
  finishAnswer,
  getMessage,
  insertSelectedVersion,
  listMessages,
  markAnswerInterrupted,
  markStaleStreamingAsInterrupted,
  reserveTurn,
  selectVersion,
} from "./queries";
import { ANSWER_START, promptInput, snapshotRows, useTestDatabase } from "./test-helpers";

const t = useTestDatabase({ userPrefix: "msg-user" });
const { makeUser } = t;

let conversations = 0;
async function setup(): Promise<{ userId: string; conversationId: string }> {
  const userId = await makeUser();
  const conversation = await createConversation({
    db: t.db,
    userId,
    title: "T",
    model: "flash",
    mode: "non-think",
    id: `msg-conv-${++conversations}`,
  });
  return { userId, conversationId: conversation.id };
}

/** A first turn (prompt + streaming answer) in a new conversation of a new user. */
async function firstTurn() {
  const userId = await makeUser();
  const conversationId = `msg-conv-${++conversations}`;
  const turn = await reserveTurn({
    db: t.db,
    userId,
    conversationId,
    settings: { model: "flash", mode: "non-think" },
    newTitle: "T",
    parentId: null,
    prompt: promptInput(`${conversationId}-p1`, "Question?"),
    answer: ANSWER_START,
  });
  return { userId, conversationId, promptId: turn.prompt.id, answerId: turn.answer.id };
}

function insert(data: Parameters<typeof insertSelectedVersion>[1]) {
  return t.db.$transaction((tx: Prisma.TransactionClient) => insertSelectedVersion(tx, data));
}

/** [id, seq, selected] of every row of a conversation with this parent, role and lane. */
async function group(conversationId: string, parentId: string | null, role: string, lane = 0) {
  const rows = await t.db.message.findMany({ where: { conversationId, parentId, role, lane }, orderBy: { seq: "asc" } });
  return rows.map((row) => [row.id, row.seq, row.selected]);
}

describe("listMessages / getMessage", () => {
  it("return the owner's messages of every branch, and nothing to anyone else", async () => {
    const { userId, conversationId, promptId, answerId } = await firstTurn();
    const regenerated = await reserveTurn({
      db: t.db,
      userId,
      conversationId,
      settings: { model: "flash", mode: "non-think" },
      newTitle: "T",
      parentId: promptId,
      prompt: null,
      answer: ANSWER_START,
    });
    const stranger = await setup();
    const mine = await listMessages({ db: t.db, userId, conversationId });
    expect(mine.map((m) => m.id).sort()).toEqual([promptId, answerId, regenerated.answer.id].sort());

    const prompt = await getMessage({ db: t.db, userId, conversationId, id: promptId });
    expect(prompt).toMatchObject({ id: promptId, role: "user", content: "Question?", parts: [{ type: "text", text: "Question?" }] });
    expect(await getMessage({ db: t.db, userId, conversationId, id: answerId })).toMatchObject({ selected: false, seq: 1 });

    // Another user: empty / null, as for a conversation that does not exist.
    expect(await listMessages({ db: t.db, userId: stranger.userId, conversationId })).toEqual([]);
    expect(await getMessage({ db: t.db, userId: stranger.userId, conversationId, id: promptId })).toBeNull();
    expect(await listMessages({ db: t.db, userId, conversationId: "missing" })).toEqual([]);
    // The right user but the wrong conversation, or a missing id.
    const second = await createConversation({ db: t.db, userId, title: "U", model: "flash", mode: "non-think" });
    expect(await getMessage({ db: t.db, userId, conversationId: second.id, id: promptId })).toBeNull();
    expect(await getMessage({ db: t.db, userId, conversationId, id: "missing" })).toBeNull();
  });
});

describe("insertSelectedVersion", () => {
  it("numbers versions 1, 2, 3 within a sibling group and selects only the newest", async () => {
    const { conversationId } = await setup();
    const root = { conversationId, parentId: null, role: "user" as const, lane: 0, content: "q", parts: "[]" };
    const v1 = await insert({ ...root, id: "isv-p1" });
    const v2 = await insert({ ...root, id: "isv-p2" });
    const v3 = await insert({ ...root, id: "isv-p3" });
    expect([v1, v2, v3].map((m) => [m.seq, m.selected])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
    expect(await group(conversationId, null, "user")).toEqual([
      ["isv-p1", 1, false],
      ["isv-p2", 2, false],
      ["isv-p3", 3, true],
    ]);
  });

  it("keeps groups with another parent, lane or conversation independent", async () => {
    const { conversationId } = await setup();
    const { conversationId: elsewhere } = await setup();
    await insert({ conversationId, parentId: null, role: "user", lane: 0, content: "q1", parts: "[]", id: "ind-p1" });
    await insert({ conversationId, parentId: null, role: "user", lane: 0, content: "q1b", parts: "[]", id: "ind-p1b" });
    const answer = (id: string, parentId: string, lane: number) =>
      insert({ conversationId, parentId, role: "assistant", lane, content: "", parts: "[]", status: "streaming", id, ...ANSWER_START });

    // Answers to p1 in lane 0 (two versions), lane 1 (one), and to p1b (one).
    expect((await answer("ind-a1", "ind-p1", 0)).seq).toBe(1);
    expect((await answer("ind-a1v2", "ind-p1", 0)).seq).toBe(2);
    expect((await answer("ind-a1l1", "ind-p1", 1)).seq).toBe(1);
    expect((await answer("ind-a1b", "ind-p1b", 0)).seq).toBe(1);
    // A root prompt in another conversation starts at 1 and deselects nothing here.
    const other = await insert({ conversationId: elsewhere, parentId: null, role: "user", lane: 0, content: "x", parts: "[]", id: "ind-x" });
    expect(other).toMatchObject({ seq: 1, selected: true });

    expect(await group(conversationId, null, "user")).toEqual([
      ["ind-p1", 1, false],
      ["ind-p1b", 2, true],
    ]);
    expect(await group(conversationId, "ind-p1", "assistant", 0)).toEqual([
      ["ind-a1", 1, false],
      ["ind-a1v2", 2, true],
    ]);
    expect(await group(conversationId, "ind-p1", "assistant", 1)).toEqual([["ind-a1l1", 1, true]]);
    expect(await group(conversationId, "ind-p1b", "assistant", 0)).toEqual([["ind-a1b", 1, true]]);
  });
});

describe("selectVersion", () => {
  it("switches the selection within the sibling group only", async () => {
    const { userId, conversationId } = await setup();
    const base = { conversationId, role: "user" as const, lane: 0, content: "q", parts: "[]" };
    await insert({ ...base, parentId: null, id: "sv-p1" });
    await insert({ ...base, parentId: null, id: "sv-p2" });
    const answer = { conversationId, role: "assistant" as const, lane: 0, content: "a", parts: "[]" };
    for (const id of ["sv-a1", "sv-a2", "sv-a3"]) await insert({ ...answer, parentId: "sv-p2", id });
    await insert({ ...answer, parentId: "sv-p1", id: "sv-b1" });

    // Any member of the group names it.
    expect(await selectVersion({ db: t.db, userId, conversationId, messageId: "sv-a3", version: 1 })).toBe(true);
    expect(await group(conversationId, "sv-p2", "assistant")).toEqual([
      ["sv-a1", 1, true],
      ["sv-a2", 2, false],
      ["sv-a3", 3, false],
    ]);
    expect(await selectVersion({ db: t.db, userId, conversationId, messageId: "sv-a1", version: 2 })).toBe(true);
    expect(await group(conversationId, "sv-p2", "assistant")).toEqual([
      ["sv-a1", 1, false],
      ["sv-a2", 2, true],
      ["sv-a3", 3, false],
    ]);
    // Other groups are untouched.
    expect(await group(conversationId, null, "user")).toEqual([
      ["sv-p1", 1, false],
      ["sv-p2", 2, true],
    ]);
    expect(await group(conversationId, "sv-p1", "assistant")).toEqual([["sv-b1", 1, true]]);

    expect(await selectVersion({ db: t.db, userId, conversationId, messageId: "sv-p2", version: 1 })).toBe(true);
    expect(await group(conversationId, null, "user")).toEqual([
      ["sv-p1", 1, true],
      ["sv-p2", 2, false],
    ]);
    expect(await group(conversationId, "sv-p2", "assistant")).toEqual([
      ["sv-a1", 1, false],
      ["sv-a2", 2, true],
      ["sv-a3", 3, false],
    ]);
  });

  it("returns false and changes nothing for a missing version, another user or the wrong conversation", async () => {
    const { userId, conversationId, promptId, answerId } = await firstTurn();
    await reserveTurn({
      db: t.db,
      userId,
      conversationId,
      settings: { model: "flash", mode: "non-think" },
      newTitle: "T",
      parentId: promptId,
      prompt: null,
      answer: ANSWER_START,
    });
    const intruder = await setup();
    const own = await createConversation({ db: t.db, userId, title: "Other", model: "flash", mode: "non-think" });
    const before = await snapshotRows(t.db);

    const attempts = [
      { userId, conversationId, messageId: answerId, version: 3 },
      { userId, conversationId, messageId: answerId, version: 0 },
      { userId, conversationId, messageId: promptId, version: 2 },
      { userId, conversationId, messageId: "missing", version: 1 },
      { userId: intruder.userId, conversationId, messageId: answerId, version: 1 },
      { userId: intruder.userId, conversationId: intruder.conversationId, messageId: answerId, version: 1 },
      { userId, conversationId: own.id, messageId: answerId, version: 1 },
    ];
    for (const attempt of attempts) {
      expect(await selectVersion({ db: t.db, ...attempt }), JSON.stringify(attempt)).toBe(false);
    }
    expect(await snapshotRows(t.db)).toEqual(before);
    expect(await t.db.message.findUniqueOrThrow({ where: { id: answerId } })).toMatchObject({ selected: false });
  });
});

const finalFields = {
  parts: JSON.stringify([
    { type: "reasoning", text: "Thinking about it..." },
    { type: "text", text: "The answer is 42." },
  ]),
  content: "The answer is 42.",
  status: "error",
  errorCode: "rate_limit:chat",
  errorMessage: "Too many requests",
  errorHint: "Wait a minute.",
  retryAt: new Date("2026-12-01T10:00:00.000Z"),
  modelVersion: "deepseek-v4-pro-20261101",
  finishReason: "length",
  inputTokens: 1200,
  cacheHitTokens: 1000,
  cacheMissTokens: 200,
  outputTokens: 345,
  reasoningTokens: 120,
  costUsd: 0.000123,
  priceTier: "off-peak",
  ttftMs: 251,
  reasoningMs: 900,
  durationMs: 4321,
} satisfies Prisma.MessageUpdateManyMutationInput;

describe("finishAnswer", () => {
  it("writes every final field of the answer", async () => {
    const { userId, conversationId, answerId } = await firstTurn();
    expect(await finishAnswer({ db: t.db, userId, id: answerId, data: finalFields })).toBe(true);
    const { parts, ...columns } = finalFields;
    const expected = { ...columns, id: answerId, role: "assistant", model: "pro", modelId: "deepseek-v4-pro", backend: "simulator" };
    expect(await t.db.message.findUniqueOrThrow({ where: { id: answerId } })).toMatchObject({ ...expected, parts });
    expect(await getMessage({ db: t.db, userId, conversationId, id: answerId })).toMatchObject({ ...expected, parts: JSON.parse(parts) });
  });

  it("resolves null and writes nothing for a user message, another user or a missing id", async () => {
    const { userId, promptId, answerId } = await firstTurn();
    const intruder = await makeUser();
    const before = await snapshotRows(t.db);
    expect(await finishAnswer({ db: t.db, userId, id: promptId, data: finalFields })).toBe(false);
    expect(await finishAnswer({ db: t.db, userId: intruder, id: answerId, data: finalFields })).toBe(false);
    expect(await finishAnswer({ db: t.db, userId, id: "missing", data: finalFields })).toBe(false);
    expect(await snapshotRows(t.db)).toEqual(before);
  });
});

describe("checkpointAnswer", () => {
  const partial = { parts: JSON.stringify([{ type: "text", text: "partial" }]), content: "partial" };

  it("saves a streaming answer's progress, only for its owner", async () => {
    const { userId, promptId, answerId } = await firstTurn();
    const intruder = await makeUser();
    expect(await checkpointAnswer({ db: t.db, userId, id: answerId, ...partial })).toBe(true);
    expect(await t.db.message.findUniqueOrThrow({ where: { id: answerId } })).toMatchObject({ ...partial, status: "streaming" });

    const before = await snapshotRows(t.db);
    const other = { parts: JSON.stringify([{ type: "text", text: "x" }]), content: "x" };
    expect(await checkpointAnswer({ db: t.db, userId: intruder, id: answerId, ...other })).toBe(false);
    expect(await checkpointAnswer({ db: t.db, userId, id: promptId, ...other })).toBe(false);
    expect(await checkpointAnswer({ db: t.db, userId, id: "missing", ...other })).toBe(false);
    expect(await snapshotRows(t.db)).toEqual(before);
  });

  it("never overwrites a finished or interrupted answer", async () => {
    const { userId, answerId } = await firstTurn();
    await finishAnswer({ db: t.db, userId, id: answerId, data: { ...finalFields, status: "complete" } });
    expect(await checkpointAnswer({ db: t.db, userId, id: answerId, ...partial })).toBe(false);
    expect(await t.db.message.findUniqueOrThrow({ where: { id: answerId } })).toMatchObject({
      status: "complete",
      content: finalFields.content,
      parts: finalFields.parts,
    });

    const second = await firstTurn();
    expect(await markAnswerInterrupted({ db: t.db, userId: second.userId, id: second.answerId, errorMessage: "gone" })).toBe(true);
    expect(await checkpointAnswer({ db: t.db, userId: second.userId, id: second.answerId, ...partial })).toBe(false);
    expect(await t.db.message.findUniqueOrThrow({ where: { id: second.answerId } })).toMatchObject({ content: "", parts: "[]" });
  });
});

describe("interrupted answers", () => {
  const hint = "What arrived is kept. Retry to ask again.";

  it("markStaleStreamingAsInterrupted marks every streaming row (any user) and nothing else", async () => {
    const a = await firstTurn();
    const b = await firstTurn();
    await checkpointAnswer({ db: t.db, userId: a.userId, id: a.answerId, parts: JSON.stringify([{ type: "text", text: "so far" }]), content: "so far" });
    const done = await firstTurn();
    await finishAnswer({ db: t.db, userId: done.userId, id: done.answerId, data: { ...finalFields, status: "complete" } });

    const streaming = await t.db.message.findMany({ where: { status: "streaming" }, select: { id: true } });
    expect(streaming.map((row) => row.id)).toEqual(expect.arrayContaining([a.answerId, b.answerId]));
    const untouched = await t.db.message.findMany({ where: { status: { not: "streaming" } }, orderBy: { id: "asc" } });

    expect(await markStaleStreamingAsInterrupted({ db: t.db })).toBe(streaming.length);
    for (const { id } of streaming) {
      expect(await t.db.message.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "interrupted",
        errorCode: "interrupted:chat",
        errorMessage: "V4 Chat stopped before this answer was complete.",
        errorHint: hint,
      });
    }
    // What had arrived is kept.
    expect(await t.db.message.findUniqueOrThrow({ where: { id: a.answerId } })).toMatchObject({ content: "so far" });
    expect(
      await t.db.message.findMany({ where: { id: { notIn: streaming.map((row) => row.id) } }, orderBy: { id: "asc" } }),
    ).toEqual(untouched);
    expect(await markStaleStreamingAsInterrupted({ db: t.db })).toBe(0);
  });

  it("markAnswerInterrupted marks one streaming answer of its owner, with the given message", async () => {
    const { userId, promptId, answerId } = await firstTurn();
    const intruder = await makeUser();
    const before = await snapshotRows(t.db);
    expect(await markAnswerInterrupted({ db: t.db, userId: intruder, id: answerId, errorMessage: "x" })).toBe(false);
    expect(await markAnswerInterrupted({ db: t.db, userId, id: promptId, errorMessage: "x" })).toBe(false);
    expect(await markAnswerInterrupted({ db: t.db, userId, id: "missing", errorMessage: "x" })).toBe(false);
    expect(await snapshotRows(t.db)).toEqual(before);

    expect(await markAnswerInterrupted({ db: t.db, userId, id: answerId, errorMessage: "The save kept failing." })).toBe(true);
    expect(await t.db.message.findUniqueOrThrow({ where: { id: answerId } })).toMatchObject({
      status: "interrupted",
      errorCode: "interrupted:chat",
      errorMessage: "The save kept failing.",
      errorHint: hint,
    });

    // A finished answer is never marked.
    const finished = await firstTurn();
    await finishAnswer({ db: t.db, userId: finished.userId, id: finished.answerId, data: { ...finalFields, status: "complete" } });
    expect(await markAnswerInterrupted({ db: t.db, userId: finished.userId, id: finished.answerId, errorMessage: "x" })).toBe(false);
    expect(await t.db.message.findUniqueOrThrow({ where: { id: finished.answerId } })).toMatchObject({
      status: "complete",
      errorCode: finalFields.errorCode,
      errorMessage: finalFields.errorMessage,
    });
  });
});
