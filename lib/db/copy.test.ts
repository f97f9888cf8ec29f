// Moving a SQLite database into an empty PostgreSQL one (npm run db:copy): every row of every
// table arrives unchanged, the counts match, and a target holding anything is refused untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client";
import { COPY_ORDER, copyDatabase, TargetNotEmpty } from "./copy";
import { ModelName } from "./generated/internal/prismaNamespace";
import { reserveComparisonTurn, reserveTurn, saveVote } from "./queries";
import { ANSWER_START, createEmptyPostgresDatabase, createTestDatabase, promptInput, testDatabaseProvider, type TestDatabase } from "./test-helpers";

it("copies every model, parents first", () => {
  expect([...COPY_ORDER].sort()).toEqual(Object.values(ModelName).sort());
});

/** Every row of every table, in key order, as the database gives them back. */
async function everything(db: Db): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const model of COPY_ORDER) {
    const name = model.charAt(0).toLowerCase() + model.slice(1);
    const key = model === "Setting" ? "key" : model === "Comparison" ? "conversationId" : "id";
    const delegate = (db as unknown as Record<string, { findMany(args: unknown): Promise<unknown[]> }>)[name]!;
    result[model] = await delegate.findMany({ orderBy: { [key]: "asc" } });
  }
  return result;
}

describe.runIf(testDatabaseProvider() === "postgresql")("copying SQLite into PostgreSQL", () => {
  let source: TestDatabase;
  let target: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    [source, target] = await Promise.all([createTestDatabase({ provider: "sqlite" }), createEmptyPostgresDatabase()]);
    const db = source.db;
    await db.user.create({ data: { id: "ann", name: "Ann", email: "ann@example.com", role: "admin", usdPerDay: 2.5 } });
    await db.setting.create({ data: { key: "signUp", value: "open" } });
    const folder = await db.folder.create({ data: { userId: "ann", name: "Work" } });

    // A conversation with two versions of its answer and an edited prompt (a branch).
    await reserveTurn({ db, userId: "ann", conversationId: "chat-1", settings: { model: "pro", mode: "think-high" }, newTitle: "Sorting", parentId: null, prompt: promptInput("p1", "How does merge sort work? «ünïcödé» 🚀"), answer: ANSWER_START });
    await reserveTurn({ db, userId: "ann", conversationId: "chat-1", settings: { model: "flash", mode: "non-think" }, newTitle: "", parentId: "p1", prompt: null, answer: { ...ANSWER_START, model: "flash" } });
    await reserveTurn({ db, userId: "ann", conversationId: "chat-1", settings: { model: "pro", mode: "think-high" }, newTitle: "", parentId: null, prompt: promptInput("p1b", "And quicksort?"), answer: ANSWER_START });
    await db.message.updateMany({ where: { conversationId: "chat-1", role: "assistant" }, data: { status: "complete", content: "Split, sort, merge.", parts: JSON.stringify([{ type: "text", text: "Split, sort, merge." }]), inputTokens: 12, outputTokens: 5, costUsd: 0.000123, usageEstimated: true, retryAt: new Date("2026-11-30T10:00:00.123Z") } });
    await db.conversation.update({ where: { id: "chat-1" }, data: { folderId: folder.id, pinnedAt: new Date("2026-11-29T08:00:00.456Z") } });

    // A comparison with two panes and a vote.
    await reserveComparisonTurn({ db, userId: "ann", conversationId: "cmp-1", parentId: null, prompt: promptInput("cp1", "Which is faster?"), answers: [{ ...ANSWER_START, model: "flash" }, ANSWER_START], create: { title: "Which is faster", blind: true, carried: [] } });
    await saveVote({ db, userId: "ann", conversationId: "cmp-1", promptId: "cp1", outcome: "better", winnerLane: 1 });

    // A document with its original file.
    const attachment = await db.attachment.create({ data: { userId: "ann", name: "notes.md", mediaType: "text/markdown", size: 42, sha256: "ab".repeat(32), storageKey: "ann/notes-1" } });
    await db.document.create({ data: { userId: "ann", attachmentId: attachment.id, sha256: "ab".repeat(32), kind: "markdown", text: "# Notes\n\nLine with a tab\tand a NUL-free “quote”.", pages: null, chars: 44, tokens: 11, encoding: "utf-8", partSummaries: JSON.stringify({ partTokens: 5, summaries: ["a", "b"] }) } });
  });
  afterAll(async () => {
    await source?.cleanup();
    await target?.drop();
  });

  it("copies every row unchanged and reports equal counts on both sides", async () => {
    const lines: string[] = [];
    const report = await copyDatabase({ fromUrl: source.url, toUrl: target.url, log: (line) => lines.push(line) });
    const byModel = Object.fromEntries(report.tables.map((row) => [row.model, row]));
    expect(byModel.Conversation).toEqual({ model: "Conversation", source: 2, target: 2 });
    expect(byModel.Message?.source).toBeGreaterThanOrEqual(5);
    expect(byModel.Comparison).toMatchObject({ source: 1, target: 1 });
    expect(byModel.ComparisonVote).toMatchObject({ source: 1, target: 1 });
    expect(byModel.Document).toMatchObject({ source: 1, target: 1 });
    for (const row of report.tables) expect(row.target).toBe(row.source);
    expect(lines).toHaveLength(COPY_ORDER.length);

    const { createDb } = await import("./client");
    const copied = createDb(target.url);
    try {
      expect(await everything(copied)).toEqual(await everything(source.db));
    } finally {
      await copied.$disconnect();
    }
  });

  it("refuses a target that is not empty, and changes nothing", async () => {
    const error = await copyDatabase({ fromUrl: source.url, toUrl: target.url }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TargetNotEmpty);
    expect((error as Error).message).toMatch(/not empty \(User: 1, Setting: 1, Folder: 1, Conversation: 2/);
    const { createDb } = await import("./client");
    const copied = createDb(target.url);
    try {
      expect(await copied.conversation.count()).toBe(2);
    } finally {
      await copied.$disconnect();
    }
  });
});
