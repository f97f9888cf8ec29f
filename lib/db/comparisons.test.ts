import { describe, expect, it } from "vitest";
import { comparisonTurns, laneHistory } from "@/lib/compare/thread";
import {
  ComparisonRejected,
  createChatFromComparison,
  getComparison,
  listComparisons,
  listConversations,
  reserveComparisonTurn,
  reserveLaneAnswer,
  reserveTurn,
  saveVote,
  TurnRejected,
} from "./queries";
import { ANSWER_START, promptInput, snapshotRows, useTestDatabase } from "./test-helpers";

const t = useTestDatabase({ userPrefix: "cmp-user" });
const { makeUser } = t;

const FLASH = { ...ANSWER_START, model: "flash", modelId: "deepseek-flash" };
const PRO = ANSWER_START;

function firstTurn(userId: string, conversationId: string, promptId: string) {
  return reserveComparisonTurn({
    db: t.db,
    userId,
    conversationId,
    parentId: null,
    prompt: promptInput(promptId, "Which is faster?"),
    answers: [FLASH, PRO],
    create: { title: "Which is faster", blind: true, carried: [] },
  });
}

describe("comparison turns", () => {
  it("saves the prompt and one answer per pane, each in its lane, and keeps comparisons out of the chat list", async () => {
    const userId = await makeUser();
    const turn = await firstTurn(userId, "cmp-1", "cmp-1-p1");
    expect(turn.answers.map((answer) => [answer.lane, answer.model, answer.status])).toEqual([
      [0, "flash", "streaming"],
      [1, "pro", "streaming"],
    ]);
    const stored = await getComparison({ db: t.db, userId, id: "cmp-1" });
    expect(stored?.conversation.kind).toBe("comparison");
    expect(stored?.setup).toMatchObject({ blind: true, panes: [{ model: "flash", mode: "think-high" }, { model: "pro", mode: "think-high" }] });
    expect((await listComparisons({ db: t.db, userId })).map((item) => item.id)).toEqual(["cmp-1"]);
    expect(await listConversations({ db: t.db, userId })).toEqual([]);
  });

  it("chains a follow-up after the prompt, so each lane's history holds only its own answers", async () => {
    const userId = await makeUser();
    const first = await firstTurn(userId, "cmp-2", "cmp-2-p1");
    const second = await reserveComparisonTurn({
      db: t.db,
      userId,
      conversationId: "cmp-2",
      parentId: first.prompt.id,
      prompt: promptInput("cmp-2-p2", "And cheaper?"),
      answers: [FLASH, PRO],
      create: { title: "", blind: false, carried: [] },
    });
    const turns = comparisonTurns(second.messages, 2);
    expect(laneHistory(turns, 0).map((message) => message.id)).toEqual(["cmp-2-p1", first.answers[0]?.id, "cmp-2-p2", second.answers[0]?.id]);
    expect(laneHistory(turns, 1).map((message) => message.id)).toEqual(["cmp-2-p1", first.answers[1]?.id, "cmp-2-p2", second.answers[1]?.id]);
  });

  it("retries one pane as a new version in its lane; the other lane is untouched", async () => {
    const userId = await makeUser();
    const first = await firstTurn(userId, "cmp-3", "cmp-3-p1");
    const retried = await reserveLaneAnswer({ db: t.db, userId, conversationId: "cmp-3", promptId: "cmp-3-p1", lane: 1, answer: PRO });
    const [turn] = comparisonTurns(retried.messages, 2);
    expect(turn?.answers[0]?.message.id).toBe(first.answers[0]?.id);
    expect(turn?.answers[1]?.message.id).toBe(retried.answer.id);
    expect(turn?.answers[1]?.version).toEqual({ index: 2, count: 2 });
  });

  it("refuses another user's comparison, a wrong pane count, and chat turns in a comparison, writing nothing", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    const first = await firstTurn(owner, "cmp-4", "cmp-4-p1");
    const before = await snapshotRows(t.db);
    await expect(
      reserveComparisonTurn({
        db: t.db,
        userId: other,
        conversationId: "cmp-4",
        parentId: first.prompt.id,
        prompt: promptInput("cmp-4-x", "mine?"),
        answers: [FLASH, PRO],
        create: { title: "", blind: false, carried: [] },
      }),
    ).rejects.toBeInstanceOf(ComparisonRejected);
    await expect(
      reserveComparisonTurn({
        db: t.db,
        userId: owner,
        conversationId: "cmp-4",
        parentId: first.prompt.id,
        prompt: promptInput("cmp-4-y", "three?"),
        answers: [FLASH, PRO, PRO],
        create: { title: "", blind: false, carried: [] },
      }),
    ).rejects.toMatchObject({ reason: "no_lane" });
    await expect(
      reserveTurn({
        db: t.db,
        userId: owner,
        conversationId: "cmp-4",
        settings: { model: "flash", mode: "non-think" },
        newTitle: "x",
        parentId: first.answers[0]?.id ?? null,
        prompt: promptInput("cmp-4-z", "as a chat"),
        answer: ANSWER_START,
      }),
    ).rejects.toBeInstanceOf(TurnRejected);
    await expect(reserveLaneAnswer({ db: t.db, userId: other, conversationId: "cmp-4", promptId: "cmp-4-p1", lane: 0, answer: FLASH })).rejects.toBeInstanceOf(ComparisonRejected);
    expect(await snapshotRows(t.db)).toEqual(before);
    expect(await saveVote({ db: t.db, userId: other, conversationId: "cmp-4", promptId: "cmp-4-p1", outcome: "tie", winnerLane: null })).toBe(false);
  });

  it("keeps one vote per prompt, replaced by a later one", async () => {
    const userId = await makeUser();
    await firstTurn(userId, "cmp-5", "cmp-5-p1");
    expect(await saveVote({ db: t.db, userId, conversationId: "cmp-5", promptId: "cmp-5-p1", outcome: "tie", winnerLane: null })).toBe(true);
    expect(await saveVote({ db: t.db, userId, conversationId: "cmp-5", promptId: "cmp-5-p1", outcome: "better", winnerLane: 1 })).toBe(true);
    expect((await getComparison({ db: t.db, userId, id: "cmp-5" }))?.votes).toEqual([{ promptId: "cmp-5-p1", outcome: "better", winnerLane: 1 }]);
  });

  it("starts from carried history, copied into every lane, and continues one lane as a plain chat", async () => {
    const userId = await makeUser();
    const turn = await reserveComparisonTurn({
      db: t.db,
      userId,
      conversationId: "cmp-6",
      parentId: null,
      prompt: promptInput("cmp-6-p2", "Second"),
      answers: [FLASH, PRO],
      create: {
        title: "Carried",
        blind: false,
        carried: [
          { role: "user", content: "First", parts: JSON.stringify([{ type: "text", text: "First" }]), status: "complete" },
          { role: "assistant", content: "Earlier answer", parts: JSON.stringify([{ type: "text", text: "Earlier answer" }]), status: "complete", model: "flash" },
        ],
      },
    });
    const turns = comparisonTurns(turn.messages, 2);
    expect(turns.map((item) => item.prompt.content)).toEqual(["First", "Second"]);
    for (const lane of [0, 1]) expect(laneHistory(turns, lane).map((message) => message.content)).toEqual(["First", "Earlier answer", "Second", ""]);

    const created = await createChatFromComparison({
      db: t.db,
      userId,
      comparisonId: "cmp-6",
      lane: 1,
      chat: {
        id: "chat-from-cmp-6",
        title: "Carried",
        model: "pro",
        mode: "think-high",
        messages: [
          { role: "user", content: "First", parts: "[]", status: "complete" },
          { role: "assistant", content: "Pro's answer", parts: "[]", status: "complete", model: "pro" },
        ],
      },
    });
    expect(created).toBe(true);
    const chats = await listConversations({ db: t.db, userId });
    expect(chats.map((chat) => [chat.id, chat.kind])).toEqual([["chat-from-cmp-6", "chat"]]);
    const rows = await t.db.message.findMany({ where: { conversationId: "chat-from-cmp-6" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.role, row.content, row.parentId === null])).toEqual([
      ["user", "First", true],
      ["assistant", "Pro's answer", false],
    ]);
    expect((await getComparison({ db: t.db, userId, id: "cmp-6" }))?.setup).toMatchObject({ continuedConversationId: "chat-from-cmp-6", continuedLane: 1 });
  });
});
