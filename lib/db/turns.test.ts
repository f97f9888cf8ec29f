import { describe, expect, it } from "vitest";
import { selectedPath } from "@/lib/chat/message-tree";
import { listMessages, reserveTurn, selectVersion, TurnRejected, type TurnInput } from "./queries";
import { ANSWER_START, promptInput, sleep, snapshotRows, useTestDatabase } from "./test-helpers";

const t = useTestDatabase({ userPrefix: "turn-user" });
const { makeUser } = t;

type TurnArgs = Pick<TurnInput, "userId" | "conversationId" | "parentId" | "prompt"> & Partial<TurnInput>;

/** A turn, and proof that the messages it hands back are the stored ones (they are built, not re-read). */
async function turn(args: TurnArgs) {
  const reserved = await reserveTurn({
    db: t.db,
    settings: { model: "flash", mode: "non-think" },
    newTitle: "New chat",
    answer: ANSWER_START,
    ...args,
  });
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
  const stored = await listMessages({ db: t.db, userId: args.userId, conversationId: args.conversationId });
  expect([...reserved.messages].sort(byId)).toEqual(stored.sort(byId));
  expect(reserved.prompt).toEqual(stored.find((message) => message.id === reserved.prompt.id));
  return reserved;
}

/** Ids of the selected path over `messages`. */
function pathIds(messages: Parameters<typeof selectedPath>[0], lane = 0): string[] {
  return selectedPath(messages, lane).map((step) => step.message.id);
}

async function storedPath(userId: string, conversationId: string, lane = 0): Promise<string[]> {
  return pathIds(await listMessages({ db: t.db, userId, conversationId }), lane);
}

/**
 * A conversation p1 → a1 → p2 → a2 → p3 → a3 (prompt ids are `${prefix}-p1`…, answers are the
 * reserved rows' ids).
 */
async function threeTurns(userId: string, conversationId: string) {
  const ids: string[] = [];
  let parentId: string | null = null;
  for (let i = 1; i <= 3; i++) {
    const reserved = await turn({ userId, conversationId, parentId, prompt: promptInput(`${conversationId}-p${i}`, `q${i}`) });
    ids.push(reserved.prompt.id, reserved.answer.id);
    parentId = reserved.answer.id;
  }
  return ids;
}

describe("reserveTurn", () => {
  it("creates the conversation on a first prompt, with the prompt and a streaming answer", async () => {
    const userId = await makeUser();
    const reserved = await turn({
      userId,
      conversationId: "first-conv",
      parentId: null,
      prompt: promptInput("first-p1", "Hello?"),
      newTitle: "Hello?",
      settings: { model: "pro", mode: "think-max" },
    });

    expect(reserved.created).toBe(true);
    expect(reserved.conversation).toMatchObject({
      id: "first-conv",
      userId,
      title: "Hello?",
      titleSource: "auto",
      model: "pro",
      mode: "think-max",
    });
    expect(reserved.prompt).toMatchObject({
      id: "first-p1",
      conversationId: "first-conv",
      parentId: null,
      role: "user",
      seq: 1,
      selected: true,
      lane: 0,
      status: "complete",
      content: "Hello?",
      parts: [{ type: "text", text: "Hello?" }],
    });
    expect(reserved.answer).toMatchObject({
      conversationId: "first-conv",
      parentId: "first-p1",
      role: "assistant",
      seq: 1,
      selected: true,
      lane: 0,
      status: "streaming",
      content: "",
      parts: [],
      ...ANSWER_START,
    });

    const rows = await t.db.message.findMany({ where: { conversationId: "first-conv" }, orderBy: { role: "desc" } });
    expect(rows.map((row) => [row.id, row.parentId, row.role, row.status])).toEqual([
      ["first-p1", null, "user", "complete"],
      [reserved.answer.id, "first-p1", "assistant", "streaming"],
    ]);
    expect(reserved.messages.map((m) => m.id).sort()).toEqual(rows.map((row) => row.id).sort());
    expect(await t.db.conversation.findUnique({ where: { id: "first-conv" } })).toMatchObject({
      userId,
      model: "pro",
      mode: "think-max",
    });
  });

  it("adds a second prompt after the answer, remembers the settings and moves the conversation up", async () => {
    const userId = await makeUser();
    const first = await turn({ userId, conversationId: "second-conv", parentId: null, prompt: promptInput("second-p1", "one") });
    await sleep(5);
    const second = await turn({
      userId,
      conversationId: "second-conv",
      parentId: first.answer.id,
      prompt: promptInput("second-p2", "two"),
      settings: { model: "pro", mode: "think-high" },
      newTitle: "ignored",
    });

    expect(second.created).toBe(false);
    expect(second.prompt).toMatchObject({ id: "second-p2", parentId: first.answer.id, seq: 1, selected: true });
    expect(second.answer).toMatchObject({ parentId: "second-p2", seq: 1, selected: true, status: "streaming" });
    expect(second.conversation).toMatchObject({ title: "New chat", model: "pro", mode: "think-high" });
    expect(second.conversation.updatedAt.getTime()).toBeGreaterThan(first.conversation.updatedAt.getTime());
    expect(pathIds(second.messages)).toEqual(["second-p1", first.answer.id, "second-p2", second.answer.id]);
    expect(await storedPath(userId, "second-conv")).toEqual(pathIds(second.messages));
  });

  it("an edited prompt becomes version 2 and selected; the old branch is kept and can be shown again", async () => {
    const userId = await makeUser();
    const conversationId = "edit-conv";
    const [p1, a1, p2, a2, p3, a3] = await threeTurns(userId, conversationId);

    const edited = await turn({ userId, conversationId, parentId: a1!, prompt: promptInput("edit-p2b", "q2, edited") });
    expect(edited.prompt).toMatchObject({ id: "edit-p2b", parentId: a1, role: "user", seq: 2, selected: true });
    expect(edited.answer).toMatchObject({ parentId: "edit-p2b", seq: 1, selected: true });

    const old = await t.db.message.findUniqueOrThrow({ where: { id: p2! } });
    expect(old).toMatchObject({ seq: 1, selected: false, content: "q2" });
    // The old branch is all still there, untouched.
    for (const id of [a2!, p3!, a3!]) {
      expect(await t.db.message.findUnique({ where: { id } })).toMatchObject({ selected: true });
    }
    expect(await t.db.message.count({ where: { conversationId } })).toBe(8);
    expect(edited.messages).toHaveLength(8);

    const path = selectedPath(edited.messages);
    expect(path.map((step) => step.message.id)).toEqual([p1, a1, "edit-p2b", edited.answer.id]);
    expect(path.map((step) => step.version)).toEqual([
      { index: 1, count: 1 },
      { index: 1, count: 1 },
      { index: 2, count: 2 },
      { index: 1, count: 1 },
    ]);

    // The old branch is one selectVersion away, and back.
    expect(await selectVersion({ db: t.db, userId, conversationId, messageId: "edit-p2b", version: 1 })).toBe(true);
    expect(await storedPath(userId, conversationId)).toEqual([p1, a1, p2, a2, p3, a3]);
    expect(await selectVersion({ db: t.db, userId, conversationId, messageId: p2!, version: 2 })).toBe(true);
    expect(await storedPath(userId, conversationId)).toEqual([p1, a1, "edit-p2b", edited.answer.id]);
  });

  it("a turn sent from a branch another tab switched away from shows that branch again, with the turn on it", async () => {
    const userId = await makeUser();
    const conversationId = "stale-branch-conv";
    const [p1, a1, p2] = await threeTurns(userId, conversationId);
    const edited = await turn({ userId, conversationId, parentId: a1!, prompt: promptInput("stale-p2b", "q2, edited") });
    // Another tab goes back to the first version of p2.
    expect(await selectVersion({ db: t.db, userId, conversationId, messageId: "stale-p2b", version: 1 })).toBe(true);
    expect((await storedPath(userId, conversationId))[2]).toBe(p2);

    // This tab still shows the edited branch, and goes on from its answer.
    const next = await turn({ userId, conversationId, parentId: edited.answer.id, prompt: promptInput("stale-p3b", "q3 on the edit") });
    const expected = [p1, a1, "stale-p2b", edited.answer.id, "stale-p3b", next.answer.id];
    expect(pathIds(next.messages)).toEqual(expected);
    expect(await storedPath(userId, conversationId)).toEqual(expected);
    expect(await t.db.message.findUniqueOrThrow({ where: { id: p2! } })).toMatchObject({ selected: false });
  });

  it("editing the first prompt (parentId null) adds a root version", async () => {
    const userId = await makeUser();
    const conversationId = "edit-root-conv";
    const [p1, a1] = await threeTurns(userId, conversationId);
    const edited = await turn({ userId, conversationId, parentId: null, prompt: promptInput("edit-root-p1b", "new start") });
    expect(edited.created).toBe(false);
    expect(edited.prompt).toMatchObject({ parentId: null, seq: 2, selected: true });
    expect(await t.db.message.findUniqueOrThrow({ where: { id: p1! } })).toMatchObject({ seq: 1, selected: false });
    expect(pathIds(edited.messages)).toEqual(["edit-root-p1b", edited.answer.id]);
    expect(await selectVersion({ db: t.db, userId, conversationId, messageId: p1!, version: 1 })).toBe(true);
    expect((await storedPath(userId, conversationId)).slice(0, 2)).toEqual([p1, a1]);
  });

  it("regenerating (prompt null) adds an answer version to the prompt", async () => {
    const userId = await makeUser();
    const conversationId = "regen-conv";
    const first = await turn({ userId, conversationId, parentId: null, prompt: promptInput("regen-p1", "q") });
    await sleep(5);
    const again = await turn({ userId, conversationId, parentId: "regen-p1", prompt: null, settings: { model: "pro", mode: "think-max" } });

    expect(again.created).toBe(false);
    expect(again.prompt.id).toBe("regen-p1");
    expect(again.answer).toMatchObject({ parentId: "regen-p1", role: "assistant", seq: 2, selected: true, status: "streaming" });
    expect(await t.db.message.findUniqueOrThrow({ where: { id: first.answer.id } })).toMatchObject({ seq: 1, selected: false });
    expect(await t.db.message.count({ where: { conversationId, role: "user" } })).toBe(1);
    expect(again.conversation).toMatchObject({ model: "pro", mode: "think-max" });
    expect(again.conversation.updatedAt.getTime()).toBeGreaterThan(first.conversation.updatedAt.getTime());
    const path = selectedPath(again.messages);
    expect(path.map((step) => step.message.id)).toEqual(["regen-p1", again.answer.id]);
    expect(path[1]?.version).toEqual({ index: 2, count: 2 });

    // Another lane numbers its own versions and leaves lane 0's selection alone.
    const lane1 = await turn({ userId, conversationId, parentId: "regen-p1", prompt: null, lane: 1 });
    expect(lane1.answer).toMatchObject({ lane: 1, seq: 1, selected: true });
    expect(await t.db.message.findUniqueOrThrow({ where: { id: again.answer.id } })).toMatchObject({ selected: true });
    expect(pathIds(lane1.messages, 0)).toEqual(["regen-p1", again.answer.id]);
    expect(pathIds(lane1.messages, 1)).toEqual(["regen-p1", lane1.answer.id]);
  });
});

describe("reserveTurn rejections change nothing", () => {
  /**
   * Runs `run` with settings different from the conversation's, after a pause (so a write to
   * updatedAt would show), and asserts it is rejected for `reason` and that no row changed.
   */
  async function expectRejected(reason: TurnRejected["reason"], run: () => Promise<unknown>) {
    const before = await snapshotRows(t.db);
    await sleep(5);
    const error = await run().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TurnRejected);
    expect((error as TurnRejected).reason).toBe(reason);
    expect(await snapshotRows(t.db)).toEqual(before);
  }

  const other = { settings: { model: "pro", mode: "think-max" }, newTitle: "Changed" };

  it("rejects an unknown parent", async () => {
    const userId = await makeUser();
    const conversationId = "reject-parent-conv";
    const [, a1] = await threeTurns(userId, conversationId);
    const elsewhere = await threeTurns(userId, "reject-parent-other");
    expect(a1).toBeDefined();

    await expectRejected("no_parent", () =>
      turn({ userId, conversationId, parentId: "missing", prompt: promptInput("rp-x1", "x"), ...other }),
    );
    await expectRejected("no_parent", () => turn({ userId, conversationId, parentId: "missing", prompt: null, ...other }));
    // A message of another conversation (even the same user's) is not a parent here.
    await expectRejected("no_parent", () =>
      turn({ userId, conversationId, parentId: elsewhere[1]!, prompt: promptInput("rp-x2", "x"), ...other }),
    );
    await expectRejected("no_parent", () =>
      turn({ userId, conversationId, parentId: elsewhere[0]!, prompt: null, ...other }),
    );
  });

  it("rejects regenerating an answer to something that is not a prompt", async () => {
    const userId = await makeUser();
    const conversationId = "reject-regen-conv";
    const [, a1] = await threeTurns(userId, conversationId);
    await expectRejected("parent_not_prompt", () => turn({ userId, conversationId, parentId: a1!, prompt: null, ...other }));
    await expectRejected("parent_not_prompt", () => turn({ userId, conversationId, parentId: null, prompt: null, ...other }));
  });

  it("rejects a prompt id that was already used", async () => {
    const userId = await makeUser();
    const conversationId = "reject-dup-conv";
    const [p1, a1, p2, a2] = await threeTurns(userId, conversationId);
    await expectRejected("duplicate_message", () =>
      turn({ userId, conversationId, parentId: a2!, prompt: promptInput(p2!, "again"), ...other }),
    );
    await expectRejected("duplicate_message", () =>
      turn({ userId, conversationId, parentId: null, prompt: promptInput(p1!, "again"), ...other }),
    );
    await expectRejected("duplicate_message", () =>
      turn({ userId, conversationId, parentId: a1!, prompt: promptInput(a2!, "an answer's id"), ...other }),
    );
    // Used in another conversation: still taken, and no new conversation is created.
    await expectRejected("duplicate_message", () =>
      turn({ userId, conversationId: "reject-dup-new", parentId: null, prompt: promptInput(p1!, "again"), ...other }),
    );
  });

  it("treats another user's conversation exactly like a missing one", async () => {
    const alice = await makeUser();
    const bob = await makeUser();
    const conversationId = "reject-owner-conv";
    const [p1, a1] = await threeTurns(alice, conversationId);

    // First prompt into an id that is taken by someone else's conversation.
    await expectRejected("no_conversation", () =>
      turn({ userId: bob, conversationId, parentId: null, prompt: promptInput("bob-p1", "mine now"), ...other }),
    );
    await expectRejected("no_conversation", () =>
      turn({ userId: bob, conversationId, parentId: a1!, prompt: promptInput("bob-p2", "injected"), ...other }),
    );
    await expectRejected("no_conversation", () => turn({ userId: bob, conversationId, parentId: p1!, prompt: null, ...other }));

    // The same requests against a conversation that does not exist at all.
    await expectRejected("no_conversation", () =>
      turn({ userId: bob, conversationId: "nowhere", parentId: a1!, prompt: promptInput("bob-p3", "x"), ...other }),
    );
    await expectRejected("no_conversation", () =>
      turn({ userId: bob, conversationId: "nowhere", parentId: p1!, prompt: null, ...other }),
    );
    await expectRejected("no_conversation", () =>
      turn({ userId: bob, conversationId: "nowhere", parentId: null, prompt: null, ...other }),
    );
    expect(await t.db.conversation.count({ where: { userId: bob } })).toBe(0);
  });
});
