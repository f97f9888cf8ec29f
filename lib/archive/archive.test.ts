import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-helpers";
import { ChatError } from "@/lib/errors";
import { exportArchive, exportConversationMarkdown } from "./export";
import { planImport, runImport } from "./import";

let source: TestDatabase;
let target: TestDatabase;

beforeEach(async () => {
  [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  for (const db of [source.db, target.db]) await db.user.createMany({ data: [{ id: "alice", name: "Alice" }, { id: "bob", name: "Bob" }] });
});
afterEach(async () => Promise.all([source.cleanup(), target.cleanup()]));

/** A conversation with a regenerated answer (two versions) and an edited prompt (a branch), in a folder, pinned. */
async function seed(db: Db) {
  await db.folder.create({ data: { id: "folder1", userId: "alice", name: "Algorithms" } });
  await db.conversation.create({
    data: { id: "conv1", userId: "alice", title: "Merge sort", titleSource: "user", model: "pro", mode: "think-high", pinnedAt: new Date("2026-11-02T10:00:00Z"), folderId: "folder1" },
  });
  const base = { conversationId: "conv1", parts: "[]" };
  await db.message.create({ data: { ...base, id: "p1", role: "user", content: "Explain merge sort", parts: JSON.stringify([{ type: "text", text: "Explain merge sort" }]) } });
  await db.message.create({
    data: {
      ...base,
      id: "a1",
      parentId: "p1",
      role: "assistant",
      seq: 1,
      selected: false,
      content: "It splits the list.",
      parts: JSON.stringify([{ type: "reasoning", text: "The user wants $O(n \\log n)$." }, { type: "text", text: "It splits the list." }]),
      model: "pro",
      modelId: "deepseek-v4-pro",
      mode: "think-high",
      effectiveMode: "think-high",
      inputTokens: 12,
      cacheHitTokens: 0,
      cacheMissTokens: 12,
      outputTokens: 40,
      reasoningTokens: 10,
      costUsd: 0.0001,
      priceTier: "standard",
      ttftMs: 300,
      reasoningMs: 800,
      durationMs: 1500,
      finishReason: "stop",
    },
  });
  await db.message.create({
    data: { ...base, id: "a2", parentId: "p1", role: "assistant", seq: 2, selected: true, content: "Divide and conquer.", parts: JSON.stringify([{ type: "text", text: "Divide and conquer." }]), status: "stopped", model: "flash", usageEstimated: true },
  });
  await db.message.create({ data: { ...base, id: "p2", parentId: "a2", role: "user", seq: 1, selected: false, content: "And quicksort?" } });
  await db.message.create({ data: { ...base, id: "p2b", parentId: "a2", role: "user", seq: 2, selected: true, content: "And heapsort?" } });
  await db.conversation.create({ data: { id: "conv2", userId: "bob", title: "Bob's secret", model: "flash", mode: "non-think" } });
}

async function rows(db: Db, userId: string) {
  const [folders, conversations, messages] = await Promise.all([
    db.folder.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    db.conversation.findMany({ where: { userId }, orderBy: { id: "asc" } }),
    db.message.findMany({ where: { conversation: { userId } }, orderBy: { id: "asc" } }),
  ]);
  return { folders, conversations, messages };
}

describe("archive", () => {
  it("round-trips into a new database with nothing lost, field by field", async () => {
    await seed(source.db);
    const archive = await exportArchive({ db: source.db, userId: "alice" });
    expect(archive.conversations.map((conversation) => conversation.id)).toEqual(["conv1"]); // not Bob's
    const json = JSON.parse(JSON.stringify(archive)) as unknown;

    const summary = await runImport({ db: target.db, userId: "alice", plan: planImport(json) });
    expect(summary).toMatchObject({ source: "v4chat", conversationsAdded: 1, messagesAdded: 5, foldersAdded: 1 });
    const before = await rows(source.db, "alice");
    const after = await rows(target.db, "alice");
    expect(after.messages).toEqual(before.messages);
    expect(after.conversations).toEqual(before.conversations);
    expect(after.folders.map(({ id, name, userId, createdAt }) => ({ id, name, userId, createdAt }))).toEqual(
      before.folders.map(({ id, name, userId, createdAt }) => ({ id, name, userId, createdAt })),
    );
  });

  it("importing twice adds nothing the second time, also for another user", async () => {
    await seed(source.db);
    const json = JSON.parse(JSON.stringify(await exportArchive({ db: source.db, userId: "alice" }))) as unknown;
    // Into the same database, by its owner: everything is already there.
    expect(await runImport({ db: source.db, userId: "alice", plan: planImport(json) })).toMatchObject({ conversationsAdded: 0, conversationsSkipped: 1, foldersAdded: 0 });
    // By another user of the same database: copied with new ids, once.
    expect(await runImport({ db: source.db, userId: "bob", plan: planImport(json) })).toMatchObject({ conversationsAdded: 1, messagesAdded: 5 });
    expect(await runImport({ db: source.db, userId: "bob", plan: planImport(json) })).toMatchObject({ conversationsAdded: 0, conversationsSkipped: 1 });
    const bobs = await rows(source.db, "bob");
    expect(bobs.conversations.map((conversation) => conversation.title).sort()).toEqual(["Bob's secret", "Merge sort"]);
    const copy = bobs.conversations.find((conversation) => conversation.title === "Merge sort");
    expect(copy?.id).not.toBe("conv1");
    expect(copy?.sourceKey).toBe("v4chat:conv1");
    // The copy's tree is intact: every parent is one of its own messages.
    const ids = new Set(bobs.messages.filter((message) => message.conversationId === copy?.id).map((message) => message.id));
    for (const message of bobs.messages.filter((message) => message.conversationId === copy?.id)) {
      if (message.parentId) expect(ids.has(message.parentId)).toBe(true);
    }
    // Alice's rows are untouched.
    expect((await rows(source.db, "alice")).messages).toHaveLength(5);
  });

  it("refuses a bad file with its reason and stores nothing", async () => {
    const expectRefused = (json: unknown, message: RegExp) => {
      let error: unknown;
      try {
        planImport(json);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ChatError);
      expect((error as ChatError).status).toBe(400);
      expect((error as ChatError).message).toMatch(message);
    };
    expectRefused({ hello: "world" }, /neither a V4 Chat archive nor ChatGPT/);
    expectRefused([1, 2, 3], /neither/);
    expectRefused({ format: "v4chat-archive", version: 2, exportedAt: new Date().toISOString(), conversations: [] }, /newer V4 Chat/);
    await seed(source.db);
    const archive = JSON.parse(JSON.stringify(await exportArchive({ db: source.db, userId: "alice" }))) as { conversations: Array<{ messages: Array<{ role: string; parentId: string | null }> }> };
    const wrongRole = structuredClone(archive);
    wrongRole.conversations[0]!.messages[1]!.role = "robot";
    expectRefused(wrongRole, /cannot be read: .*at conversations\.0\.messages\.1\.role/);
    const orphan = structuredClone(archive);
    orphan.conversations[0]!.messages[1]!.parentId = "nowhere";
    expectRefused(orphan, /follows a message that is not in the archive/);
    expect(await rows(target.db, "alice")).toEqual({ folders: [], conversations: [], messages: [] });
  });

  it("writes nothing when the import fails half-way", async () => {
    await seed(source.db);
    const json = JSON.parse(JSON.stringify(await exportArchive({ db: source.db, userId: "alice" }))) as { conversations: Array<Record<string, unknown>> };
    // A second conversation whose model name cannot be stored (NOT NULL) fails after the first was written.
    const second = { ...structuredClone(json.conversations[0]!), id: "conv-other", messages: [] };
    json.conversations.push(second);
    const plan = planImport(json);
    (plan.archive.conversations[1] as { model: unknown }).model = null;
    await expect(runImport({ db: target.db, userId: "alice", plan })).rejects.toThrow();
    expect(await rows(target.db, "alice")).toEqual({ folders: [], conversations: [], messages: [] });
  });

  it("exports the path shown as Markdown, reasoning optional", async () => {
    await seed(source.db);
    const plain = await exportConversationMarkdown({ db: source.db, userId: "alice", id: "conv1", withReasoning: false });
    expect(plain?.markdown).toContain("# Merge sort");
    expect(plain?.markdown).toContain("## You\n\nExplain merge sort");
    expect(plain?.markdown).toContain("Divide and conquer.");
    expect(plain?.markdown).toContain("And heapsort?");
    expect(plain?.markdown).not.toContain("And quicksort?");
    expect(await exportConversationMarkdown({ db: source.db, userId: "bob", id: "conv1", withReasoning: false })).toBeNull();
    // Reasoning of the selected answer (a2 has none); select a1 to see it.
    await source.db.message.update({ where: { id: "a1" }, data: { selected: true } });
    await source.db.message.update({ where: { id: "a2" }, data: { selected: false } });
    const withReasoning = await exportConversationMarkdown({ db: source.db, userId: "alice", id: "conv1", withReasoning: true });
    expect(withReasoning?.markdown).toContain("> **Reasoning**\n>\n> The user wants $O(n \\log n)$.");
    expect(withReasoning?.markdown).toContain("## DeepSeek V4 Pro · Think High");
  });
});
