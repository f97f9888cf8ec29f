// The archive's comparisons and documents: exported and imported with nothing lost, once, all or
// nothing, and an imported document (text without its original file) still works.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Backend } from "@/lib/ai/backends/types";
import { storedPartsSchema } from "@/lib/contract";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-helpers";
import { documentRequest } from "@/lib/documents/in-context";
import { deleteDocument } from "@/lib/documents/service";
import { getDocument, listDocuments } from "@/lib/documents/store";
import { ChatError } from "@/lib/errors";
import { LocalFolderStore } from "@/lib/storage";
import { exportArchive, exportConversationArchive } from "./export";
import { planImport, runImport } from "./import";

let source: TestDatabase;
let target: TestDatabase;

beforeEach(async () => {
  [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  for (const db of [source.db, target.db]) await db.user.createMany({ data: [{ id: "alice", name: "Alice" }, { id: "bob", name: "Bob" }] });
});
afterEach(async () => Promise.all([source.cleanup(), target.cleanup()]));

const SHA_NOTES = "a".repeat(64);
const SHA_REPORT = "b".repeat(64);
const notesPart = {
  type: "file",
  attachmentId: "att-notes",
  name: "notes.md",
  mediaType: "text/markdown",
  size: 120,
  document: { id: "doc-notes", kind: "markdown", pages: null, chars: 42, tokens: 12 },
};

/**
 * Alice has two documents, a chat asking about one of them, and a comparison of two panes: the
 * second pane's first answer was retried (two versions), both prompts have votes, and pane 1 was
 * continued as a chat.
 */
async function seed(db: Db) {
  await db.attachment.create({ data: { id: "att-notes", userId: "alice", name: "notes.md", mediaType: "text/markdown", size: 120, sha256: SHA_NOTES, storageKey: "k/notes" } });
  await db.document.create({
    data: { id: "doc-notes", userId: "alice", attachmentId: "att-notes", sha256: SHA_NOTES, kind: "markdown", text: "# Notes\n\nThe launch is on **Tuesday**.", chars: 42, tokens: 12, encoding: "utf-8" },
  });
  await db.attachment.create({ data: { id: "att-report", userId: "alice", name: "report.pdf", mediaType: "application/pdf", size: 90_000, sha256: SHA_REPORT, storageKey: "k/report" } });
  await db.document.create({
    data: {
      id: "doc-report",
      userId: "alice",
      attachmentId: "att-report",
      sha256: SHA_REPORT,
      kind: "pdf",
      text: "--- Page 1 ---\nRevenue rose 12%.\n--- Page 2 ---\nCosts fell.",
      pages: 2,
      chars: 58,
      tokens: 20,
      notice: "Page 3 had no text layer.",
      partSummaries: JSON.stringify({ partTokens: 10, summaries: ["Revenue up.", "Costs down."] }),
    },
  });

  await db.conversation.create({ data: { id: "chat-notes", userId: "alice", title: "About my notes", model: "flash", mode: "non-think" } });
  await db.message.create({
    data: { id: "n1", conversationId: "chat-notes", role: "user", content: "When is the launch?", parts: JSON.stringify([notesPart, { type: "text", text: "When is the launch?" }]) },
  });
  await db.message.create({ data: { id: "n2", conversationId: "chat-notes", parentId: "n1", role: "assistant", content: "On Tuesday.", parts: JSON.stringify([{ type: "text", text: "On Tuesday." }]), model: "flash" } });

  await db.conversation.create({ data: { id: "chat-from-cmp", userId: "alice", title: "Continued from pane 1", model: "pro", mode: "think-high" } });
  await db.conversation.create({
    data: {
      id: "cmp1",
      userId: "alice",
      kind: "comparison",
      title: "Flash vs Pro on haiku",
      model: "flash",
      mode: "think-high",
      pinnedAt: new Date("2026-11-20T08:00:00Z"),
      comparison: {
        create: { panes: JSON.stringify([{ model: "flash", mode: "think-high" }, { model: "pro", mode: "think-high" }]), blind: true, continuedConversationId: "chat-from-cmp", continuedLane: 1 },
      },
    },
  });
  const m = (id: string, data: Record<string, unknown>) => db.message.create({ data: { id, conversationId: "cmp1", role: "assistant", content: "", ...data } });
  await m("q1", { role: "user", content: "Write a haiku", parts: JSON.stringify([{ type: "text", text: "Write a haiku" }]) });
  await m("q1-a0", { parentId: "q1", lane: 0, content: "Autumn moon", model: "flash", outputTokens: 9, costUsd: 0.00001, durationMs: 900 });
  await m("q1-b0", { parentId: "q1", lane: 1, seq: 1, selected: false, status: "error", content: "", errorCode: "rate_limit:model", errorMessage: "Too many requests", model: "pro" });
  await m("q1-b1", { parentId: "q1", lane: 1, seq: 2, content: "Cold pond, a frog", model: "pro", reasoningTokens: 30 });
  await m("q2", { role: "user", parentId: "q1", content: "Another", parts: JSON.stringify([{ type: "text", text: "Another" }]) });
  await m("q2-a0", { parentId: "q2", lane: 0, content: "Spring rain", model: "flash" });
  await m("q2-b0", { parentId: "q2", lane: 1, content: "Summer grass", model: "pro" });
  await db.comparisonVote.create({ data: { id: "vote1", conversationId: "cmp1", promptId: "q1", outcome: "better", winnerLane: 1 } });
  await db.comparisonVote.create({ data: { id: "vote2", conversationId: "cmp1", promptId: "q2", outcome: "tie" } });
}

async function rows(db: Db, userId: string) {
  const byId = { orderBy: { id: "asc" as const } };
  const [conversations, messages, comparisons, votes, documents, attachments] = await Promise.all([
    db.conversation.findMany({ where: { userId }, ...byId }),
    db.message.findMany({ where: { conversation: { userId } }, ...byId }),
    db.comparison.findMany({ where: { conversation: { userId } }, orderBy: { conversationId: "asc" } }),
    db.comparisonVote.findMany({ where: { conversation: { userId } }, ...byId }),
    db.document.findMany({ where: { userId }, ...byId }),
    // The storage key is the one thing that differs: the archive carries no bytes.
    db.attachment.findMany({ where: { userId }, ...byId, omit: { storageKey: true } }),
  ]);
  return { conversations, messages, comparisons, votes, documents, attachments };
}

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

function refusal(json: unknown): ChatError {
  try {
    planImport(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ChatError);
    return error as ChatError;
  }
  throw new Error("the archive was accepted");
}

describe("archive: comparisons and documents", () => {
  it("round-trips into an empty database with every row the same, field by field", async () => {
    await seed(source.db);
    const archive = await exportArchive({ db: source.db, userId: "alice" });
    expect(archive.comparisons.map((comparison) => comparison.id)).toEqual(["cmp1"]);
    expect(archive.conversations.map((conversation) => conversation.id).sort()).toEqual(["chat-from-cmp", "chat-notes"]);
    expect(archive.documents.map((document) => document.id).sort()).toEqual(["doc-notes", "doc-report"]);
    expect(JSON.stringify(archive)).not.toContain("k/report"); // no storage keys

    const summary = await runImport({ db: target.db, userId: "alice", plan: planImport(asJson(archive)) });
    expect(summary).toMatchObject({ conversationsAdded: 2, comparisonsAdded: 1, documentsAdded: 2, messagesAdded: 2 });
    const before = await rows(source.db, "alice");
    const after = await rows(target.db, "alice");
    expect(after.votes).toHaveLength(2);
    expect(after.messages.filter((message) => message.lane === 1)).toHaveLength(3);
    for (const key of Object.keys(before) as Array<keyof typeof before>) expect(after[key], key).toEqual(before[key]);
  });

  it("an imported document without its original file still goes upstream, shows, and deletes", async () => {
    await seed(source.db);
    await runImport({ db: target.db, userId: "alice", plan: planImport(asJson(await exportArchive({ db: source.db, userId: "alice" }))) });

    const prompt = await target.db.message.findUniqueOrThrow({ where: { id: "n1" } });
    const request = await documentRequest({
      db: target.db,
      userId: "alice",
      path: [{ role: "user", content: prompt.content, status: "complete", parts: storedPartsSchema.parse(JSON.parse(prompt.parts)) }],
      budgetTokens: 100_000,
      backend: {} as Backend, // not called: the document fits the window
      model: "flash",
    });
    expect(JSON.stringify(request.messages)).toContain('<document name=\\"notes.md\\">\\n# Notes\\n\\nThe launch is on **Tuesday**.\\n</document>');

    expect((await listDocuments({ db: target.db, userId: "alice" })).map((document) => document.name).sort()).toEqual(["notes.md", "report.pdf"]);
    expect((await getDocument({ db: target.db, userId: "alice", id: "doc-report" }))?.text).toContain("Revenue rose 12%.");
    const folder = await mkdtemp(path.join(tmpdir(), "v4chat-blobs-"));
    try {
      expect(await deleteDocument({ db: target.db, store: new LocalFolderStore(folder), userId: "alice", id: "doc-report" })).toBe(true);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    expect(await target.db.attachment.count({ where: { id: "att-report" } })).toBe(0);
  });

  it("importing twice adds nothing; another user gets copies with new ids, linked among themselves", async () => {
    await seed(source.db);
    const json = asJson(await exportArchive({ db: source.db, userId: "alice" }));
    await runImport({ db: target.db, userId: "alice", plan: planImport(json) });
    const once = await rows(target.db, "alice");
    expect(await runImport({ db: target.db, userId: "alice", plan: planImport(json) })).toMatchObject({
      conversationsAdded: 0,
      comparisonsAdded: 0,
      comparisonsSkipped: 1,
      documentsAdded: 0,
      documentsSkipped: 2,
      messagesAdded: 0,
    });
    expect(await rows(target.db, "alice")).toEqual(once);

    // Bob, in the database that holds Alice's rows: everything is copied with new ids, once.
    expect(await runImport({ db: source.db, userId: "bob", plan: planImport(json) })).toMatchObject({ conversationsAdded: 2, comparisonsAdded: 1, documentsAdded: 2 });
    const bobs = await rows(source.db, "bob");
    expect(await runImport({ db: source.db, userId: "bob", plan: planImport(json) })).toMatchObject({ comparisonsAdded: 0, documentsAdded: 0, messagesAdded: 0 });
    expect(await rows(source.db, "bob")).toEqual(bobs);

    const comparison = bobs.conversations.find((conversation) => conversation.kind === "comparison");
    expect(comparison?.id).not.toBe("cmp1");
    expect(comparison?.sourceKey).toBe("v4chat:cmp1");
    const ownMessages = new Set(bobs.messages.map((message) => message.id));
    expect(bobs.votes.map((vote) => [vote.outcome, vote.winnerLane, ownMessages.has(vote.promptId)])).toEqual(
      expect.arrayContaining([
        ["better", 1, true],
        ["tie", null, true],
      ]),
    );
    const continued = bobs.conversations.find((conversation) => conversation.title === "Continued from pane 1");
    expect(bobs.comparisons[0]).toMatchObject({ conversationId: comparison?.id, blind: true, continuedConversationId: continued?.id, continuedLane: 1 });

    // Bob's copy of the chat points at Bob's copy of the document, whose text Bob can read.
    const notes = bobs.documents.find((document) => document.sha256 === SHA_NOTES);
    expect(notes?.id).not.toBe("doc-notes");
    const prompt = bobs.messages.find((message) => message.content === "When is the launch?");
    const [file] = storedPartsSchema.parse(JSON.parse(prompt?.parts ?? "[]"));
    expect(file).toMatchObject({ type: "file", attachmentId: notes?.attachmentId, document: { id: notes?.id } });
    expect((await rows(source.db, "alice")).documents.map((document) => document.id)).toEqual(["doc-notes", "doc-report"]);
  });

  it("refuses a malformed comparison or document entry whole, with its reason, and writes nothing", async () => {
    await seed(source.db);
    type Loose = { comparisons: Array<Record<string, any>>; documents: Array<Record<string, any>> };
    const archive = asJson(await exportArchive({ db: source.db, userId: "alice" })) as Loose;
    const broken = (change: (copy: Loose) => void) => {
      const copy = structuredClone(archive);
      change(copy);
      return copy;
    };
    expect(refusal(broken((a) => (a.comparisons[0]!.votes[0].outcome = "great"))).message).toMatch(/cannot be read: .*\(at comparisons\.0\.votes\.0\.outcome\)\. Nothing was imported\./);
    expect(refusal(broken((a) => delete a.comparisons[0]!.comparison)).message).toMatch(/at comparisons\.0\.comparison/);
    expect(refusal(broken((a) => (a.comparisons[0]!.votes[0].promptId = "q1-a0"))).message).toMatch(/Flash vs Pro on haiku", a vote is for a prompt that is not in the archive/);
    expect(refusal(broken((a) => (a.comparisons[0]!.votes[0].winnerLane = 3))).message).toMatch(/names no pane it has/);
    expect(refusal(broken((a) => (a.documents[1]!.text = 42))).message).toMatch(/at documents\.1\.text/);
    expect(refusal(broken((a) => (a.documents[0]!.sha256 = "not-a-hash"))).message).toMatch(/SHA-256 .*at documents\.0\.sha256/);
    expect(refusal(broken((a) => a.documents.push(structuredClone(a.documents[0]!)))).message).toMatch(/has the document "notes\.md" .* twice/);
    expect(await rows(target.db, "alice")).toMatchObject({ conversations: [], documents: [], attachments: [], votes: [] });

    // Valid, but failing while written (the vote's prompt is taken): the documents and chats written before it are undone.
    const plan = planImport(archive);
    plan.archive.comparisons[0]!.votes[1]!.promptId = "q1";
    await expect(runImport({ db: target.db, userId: "alice", plan })).rejects.toThrow();
    expect(await rows(target.db, "alice")).toEqual({ conversations: [], messages: [], comparisons: [], votes: [], documents: [], attachments: [] });
  });

  it("one conversation's JSON carries the documents its messages attach, and imports with them", async () => {
    await seed(source.db);
    const single = await exportConversationArchive({ db: source.db, userId: "alice", id: "chat-notes" });
    expect(single?.documents.map((document) => document.id)).toEqual(["doc-notes"]);
    expect(await runImport({ db: target.db, userId: "alice", plan: planImport(asJson(single)) })).toMatchObject({ conversationsAdded: 1, documentsAdded: 1 });
    expect((await target.db.document.findUniqueOrThrow({ where: { id: "doc-notes" } })).text).toContain("Tuesday");
  });

  it("still imports an archive from before comparisons and documents", async () => {
    await seed(source.db);
    const { comparisons: _comparisons, documents: _documents, ...old } = (await exportArchive({ db: source.db, userId: "alice" })) as unknown as Record<string, unknown>;
    const summary = await runImport({ db: target.db, userId: "alice", plan: planImport(asJson(old)) });
    expect(summary).toMatchObject({ conversationsAdded: 2, comparisonsAdded: 0, documentsAdded: 0 });
    // The chat's file part keeps its reference; without the document its text is simply not there.
    expect(await target.db.message.findUniqueOrThrow({ where: { id: "n1" } })).toMatchObject({ parts: JSON.stringify([notesPart, { type: "text", text: "When is the launch?" }]) });
  });
});
