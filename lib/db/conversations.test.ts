import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LocalFolderStore } from "@/lib/storage/local-folder";
import {
  createConversation,
  deleteConversation,
  ensureLocalUser,
  getConversation,
  listConversations,
  listMessages,
  LOCAL_USER_ID,
  renameConversation,
  reserveTurn,
  setAutoTitle,
  TurnRejected,
} from "./queries";
import { ANSWER_START, promptInput, sleep, snapshotRows, useTestDatabase } from "./test-helpers";

const t = useTestDatabase();
// Conversations without images never touch it.
const store = new LocalFolderStore(path.join(tmpdir(), "v4chat-unused-files"));

async function makeUser(id: string): Promise<string> {
  await t.db.user.create({ data: { id, name: id } });
  return id;
}

/** One turn: a prompt after `parentId` (or, with `prompt` null, another answer to `parentId`). */
function turn(userId: string, conversationId: string, parentId: string | null, prompt: { id: string; text: string } | null) {
  return reserveTurn({
    db: t.db,
    userId,
    conversationId,
    settings: { model: "flash", mode: "non-think" },
    newTitle: "New chat",
    parentId,
    prompt: prompt && promptInput(prompt.id, prompt.text),
    answer: ANSWER_START,
  });
}

describe("ensureLocalUser", () => {
  it("creates the local user once, even when called concurrently", async () => {
    const users = await Promise.all([ensureLocalUser({ db: t.db }), ensureLocalUser({ db: t.db })]);
    const again = await ensureLocalUser({ db: t.db });
    expect(users.map((user) => user.id)).toEqual([LOCAL_USER_ID, LOCAL_USER_ID]);
    expect(again.id).toBe(LOCAL_USER_ID);
    expect(again.createdAt).toEqual(users[0]?.createdAt);
    expect(await t.db.user.count({ where: { id: LOCAL_USER_ID } })).toBe(1);
  });
});

describe("conversations", () => {
  it("creates, reads and lists newest activity first", async () => {
    const userId = await makeUser("crud-user");
    const a = await createConversation({ db: t.db, userId, title: "A", model: "flash", mode: "non-think" });
    await sleep(5);
    const b = await createConversation({ db: t.db, userId, title: "B", model: "pro", mode: "think-high", id: "conv-b" });
    await sleep(5);
    const c = await createConversation({ db: t.db, userId, title: "C", model: "flash", mode: "think-max" });

    expect(b.id).toBe("conv-b");
    expect(a.titleSource).toBe("auto");
    expect((await listConversations({ db: t.db, userId })).map((x) => x.id)).toEqual([c.id, b.id, a.id]);

    const got = await getConversation({ db: t.db, userId, id: b.id });
    expect(got).toMatchObject({ id: "conv-b", userId, title: "B", model: "pro", mode: "think-high", titleSource: "auto" });
    expect(await getConversation({ db: t.db, userId, id: "nope" })).toBeNull();

    // A new turn moves the conversation to the top; so does regenerating an answer.
    await sleep(5);
    const first = await turn(userId, a.id, null, { id: "crud-p1", text: "hi" });
    expect((await listConversations({ db: t.db, userId })).map((x) => x.id)).toEqual([a.id, c.id, b.id]);
    await sleep(5);
    await turn(userId, b.id, null, { id: "crud-p2", text: "hello" });
    expect((await listConversations({ db: t.db, userId })).map((x) => x.id)).toEqual([b.id, a.id, c.id]);
    await sleep(5);
    await turn(userId, a.id, first.prompt.id, null);
    expect((await listConversations({ db: t.db, userId })).map((x) => x.id)).toEqual([a.id, b.id, c.id]);
  });

  it("renames (user title wins over auto titles) without reordering", async () => {
    const userId = await makeUser("title-user");
    const first = await createConversation({ db: t.db, userId, title: "New chat", model: "flash", mode: "non-think" });
    await sleep(5);
    const second = await createConversation({ db: t.db, userId, title: "Other", model: "flash", mode: "non-think" });

    expect(await setAutoTitle({ db: t.db, userId, id: first.id, title: "Auto title" })).toBe(true);
    const auto = await getConversation({ db: t.db, userId, id: first.id });
    expect(auto).toMatchObject({ title: "Auto title", titleSource: "auto" });
    expect(auto?.updatedAt).toEqual(first.updatedAt);

    const renamed = await renameConversation({ db: t.db, userId, id: first.id, title: "Mine" });
    expect(renamed).toMatchObject({ title: "Mine", titleSource: "user" });
    expect(await setAutoTitle({ db: t.db, userId, id: first.id, title: "Late auto title" })).toBe(false);
    expect((await getConversation({ db: t.db, userId, id: first.id }))?.title).toBe("Mine");

    expect((await listConversations({ db: t.db, userId })).map((x) => x.id)).toEqual([second.id, first.id]);

    // A later turn (which remembers the model and mode) keeps the user's title.
    const next = await reserveTurn({
      db: t.db,
      userId,
      conversationId: first.id,
      settings: { model: "pro", mode: "think-max" },
      newTitle: "Ignored",
      parentId: null,
      prompt: promptInput("title-p1", "hi"),
      answer: ANSWER_START,
    });
    expect(next.conversation).toMatchObject({ title: "Mine", titleSource: "user", model: "pro", mode: "think-max" });
    expect(await setAutoTitle({ db: t.db, userId, id: first.id, title: "Late auto title" })).toBe(false);
  });

  it("deletes a conversation with the messages of all its branches, and only that one", async () => {
    const userId = await makeUser("delete-user");
    for (const conversationId of ["doomed", "kept"]) {
      // p1 → a1 → p2 → a2, then p2 edited (p2b → a2b), then a2b regenerated, then p1 edited.
      const one = await turn(userId, conversationId, null, { id: `${conversationId}-p1`, text: "q1" });
      await turn(userId, conversationId, one.answer.id, { id: `${conversationId}-p2`, text: "q2" });
      await turn(userId, conversationId, one.answer.id, { id: `${conversationId}-p2b`, text: "q2b" });
      await turn(userId, conversationId, `${conversationId}-p2b`, null);
      await turn(userId, conversationId, null, { id: `${conversationId}-p1b`, text: "q1b" });
    }
    expect(await t.db.message.count({ where: { conversationId: "doomed" } })).toBe(9);
    expect(await t.db.message.count({ where: { conversationId: "doomed", selected: false } })).toBe(3);
    const kept = await t.db.message.findMany({ where: { conversationId: "kept" }, orderBy: { id: "asc" } });

    expect(await deleteConversation({ db: t.db, store, userId, id: "doomed" })).toBe(true);
    expect(await getConversation({ db: t.db, userId, id: "doomed" })).toBeNull();
    expect(await t.db.message.count({ where: { conversationId: "doomed" } })).toBe(0);
    expect(await t.db.message.findMany({ where: { conversationId: "kept" }, orderBy: { id: "asc" } })).toEqual(kept);
    expect(await listMessages({ db: t.db, userId, conversationId: "kept" })).toHaveLength(9);
    expect(await deleteConversation({ db: t.db, store, userId, id: "doomed" })).toBe(false);
  });

  it("cascades through the foreign key too (deleting the row directly)", async () => {
    const userId = await makeUser("cascade-user");
    const first = await turn(userId, "cascade-conv", null, { id: "cascade-p1", text: "q" });
    await turn(userId, "cascade-conv", first.prompt.id, null);
    expect(await t.db.message.count({ where: { conversationId: "cascade-conv" } })).toBe(3);
    await t.db.conversation.delete({ where: { id: "cascade-conv" } });
    expect(await t.db.message.count({ where: { conversationId: "cascade-conv" } })).toBe(0);
  });
});

describe("owner scoping", () => {
  it("never lets user B see or change user A's conversation or messages", async () => {
    const alice = await makeUser("alice");
    const bob = await makeUser("bob");
    const { conversation, prompt, answer } = await turn(alice, "secret-conv", null, { id: "secret-p1", text: "secret" });
    const before = await snapshotRows(t.db);

    expect(await getConversation({ db: t.db, userId: bob, id: conversation.id })).toBeNull();
    expect(await listConversations({ db: t.db, userId: bob })).toEqual([]);
    expect(await listMessages({ db: t.db, userId: bob, conversationId: conversation.id })).toEqual([]);
    expect(await renameConversation({ db: t.db, userId: bob, id: conversation.id, title: "Pwned" })).toBeNull();
    expect(await setAutoTitle({ db: t.db, userId: bob, id: conversation.id, title: "Pwned" })).toBe(false);
    expect(await deleteConversation({ db: t.db, store, userId: bob, id: conversation.id })).toBe(false);
    await expect(turn(bob, conversation.id, answer.id, { id: "injected", text: "injected" })).rejects.toBeInstanceOf(TurnRejected);
    await expect(turn(bob, conversation.id, null, { id: "injected", text: "injected" })).rejects.toBeInstanceOf(TurnRejected);
    await expect(turn(bob, conversation.id, prompt.id, null)).rejects.toBeInstanceOf(TurnRejected);

    // Alice's data is untouched.
    expect(await snapshotRows(t.db)).toEqual(before);
    expect((await listMessages({ db: t.db, userId: alice, conversationId: conversation.id })).map((m) => m.id).sort()).toEqual(
      [prompt.id, answer.id].sort(),
    );
  });
});
