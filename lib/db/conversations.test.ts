import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAssistantPlaceholder,
  createConversation,
  createUserMessage,
  deleteConversation,
  ensureLocalUser,
  getConversation,
  listConversations,
  listMessages,
  LOCAL_USER_ID,
  renameConversation,
  setAutoTitle,
  touchConversation,
  updateConversationSettings,
} from "./queries";
import { createTestDatabase, type TestDatabase } from "./test-helpers";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.cleanup();
});

async function makeUser(id: string): Promise<string> {
  await t.db.user.create({ data: { id, name: id } });
  return id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

    // A new message moves the conversation to the top; touch does too.
    await sleep(5);
    await createUserMessage({ db: t.db, userId, conversationId: a.id, content: "hi" });
    expect((await listConversations({ db: t.db, userId })).map((x) => x.id)).toEqual([a.id, c.id, b.id]);
    await sleep(5);
    expect(await touchConversation({ db: t.db, userId, id: b.id })).toBe(true);
    expect((await listConversations({ db: t.db, userId })).map((x) => x.id)).toEqual([b.id, a.id, c.id]);
  });

  it("renames (user title wins over auto titles) without reordering", async () => {
    const userId = await makeUser("title-user");
    const first = await createConversation({ db: t.db, userId, title: "New chat", model: "flash", mode: "non-think" });
    await sleep(5);
    const second = await createConversation({ db: t.db, userId, title: "Other", model: "flash", mode: "non-think" });

    const auto = await setAutoTitle({ db: t.db, userId, id: first.id, title: "Auto title" });
    expect(auto).toMatchObject({ title: "Auto title", titleSource: "auto" });
    expect(auto?.updatedAt).toEqual(first.updatedAt);

    const renamed = await renameConversation({ db: t.db, userId, id: first.id, title: "Mine" });
    expect(renamed).toMatchObject({ title: "Mine", titleSource: "user" });
    expect(await setAutoTitle({ db: t.db, userId, id: first.id, title: "Late auto title" })).toBeNull();
    expect((await getConversation({ db: t.db, userId, id: first.id }))?.title).toBe("Mine");

    const settings = await updateConversationSettings({ db: t.db, userId, id: first.id, model: "pro", mode: "think-max" });
    expect(settings).toMatchObject({ model: "pro", mode: "think-max", title: "Mine" });
    expect((await listConversations({ db: t.db, userId })).map((x) => x.id)).toEqual([second.id, first.id]);
  });

  it("deletes a conversation with its messages, and only that one", async () => {
    const userId = await makeUser("delete-user");
    const doomed = await createConversation({ db: t.db, userId, title: "Doomed", model: "flash", mode: "non-think" });
    const kept = await createConversation({ db: t.db, userId, title: "Kept", model: "flash", mode: "non-think" });
    for (const conversationId of [doomed.id, kept.id]) {
      await createUserMessage({ db: t.db, userId, conversationId, content: "q" });
      await createAssistantPlaceholder({
        db: t.db,
        userId,
        conversationId,
        model: "flash",
        modelId: "deepseek-v4-flash",
        mode: "non-think",
        effectiveMode: "non-think",
        backend: "sim",
      });
    }

    expect(await deleteConversation({ db: t.db, userId, id: doomed.id })).toBe(true);
    expect(await getConversation({ db: t.db, userId, id: doomed.id })).toBeNull();
    expect(await t.db.message.count({ where: { conversationId: doomed.id } })).toBe(0);
    expect(await listMessages({ db: t.db, userId, conversationId: kept.id })).toHaveLength(2);
    expect(await deleteConversation({ db: t.db, userId, id: doomed.id })).toBe(false);
  });

  it("cascades through the foreign key too (deleting the row directly)", async () => {
    const userId = await makeUser("cascade-user");
    const conversation = await createConversation({ db: t.db, userId, title: "X", model: "flash", mode: "non-think" });
    await createUserMessage({ db: t.db, userId, conversationId: conversation.id, content: "q" });
    await t.db.conversation.delete({ where: { id: conversation.id } });
    expect(await t.db.message.count({ where: { conversationId: conversation.id } })).toBe(0);
  });
});

describe("owner scoping", () => {
  it("never lets user B see or change user A's conversation or messages", async () => {
    const alice = await makeUser("alice");
    const bob = await makeUser("bob");
    const conversation = await createConversation({ db: t.db, userId: alice, title: "Secret", model: "flash", mode: "non-think" });
    const question = await createUserMessage({ db: t.db, userId: alice, conversationId: conversation.id, content: "secret" });
    const before = await getConversation({ db: t.db, userId: alice, id: conversation.id });

    expect(await getConversation({ db: t.db, userId: bob, id: conversation.id })).toBeNull();
    expect(await listConversations({ db: t.db, userId: bob })).toEqual([]);
    expect(await listMessages({ db: t.db, userId: bob, conversationId: conversation.id })).toEqual([]);
    expect(await renameConversation({ db: t.db, userId: bob, id: conversation.id, title: "Pwned" })).toBeNull();
    expect(await setAutoTitle({ db: t.db, userId: bob, id: conversation.id, title: "Pwned" })).toBeNull();
    expect(
      await updateConversationSettings({ db: t.db, userId: bob, id: conversation.id, model: "pro", mode: "think-max" }),
    ).toBeNull();
    expect(await touchConversation({ db: t.db, userId: bob, id: conversation.id })).toBe(false);
    expect(await deleteConversation({ db: t.db, userId: bob, id: conversation.id })).toBe(false);
    await expect(
      createUserMessage({ db: t.db, userId: bob, conversationId: conversation.id, content: "injected" }),
    ).rejects.toThrow(/not found/);

    // Alice's data is untouched.
    expect(await getConversation({ db: t.db, userId: alice, id: conversation.id })).toEqual(before);
    expect((await listMessages({ db: t.db, userId: alice, conversationId: conversation.id })).map((m) => m.id)).toEqual([
      question.id,
    ]);
  });
});
