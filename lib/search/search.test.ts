import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, testDatabaseProvider, type TestDatabase } from "@/lib/db/test-helpers";
import { searchIndexFor } from "./index";
import { toTsQuery } from "./postgresql";
import { queryTerms, snippetSegments, toFts5Query } from "./query";
import { makeSnippet } from "./snippet";
import { ensureSqliteSearchIndex, sqliteSearchIndex } from "./sqlite";

const provider = testDatabaseProvider();
/** The index of the database the tests run on (SQLite's FTS5, or PostgreSQL's tsvector). */
const indexOf = (db: Db) => searchIndexFor(db, provider);

let test: TestDatabase;
let db: Db;

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  await db.user.createMany({ data: [{ id: "alice", name: "Alice" }, { id: "bob", name: "Bob" }] });
});
afterAll(async () => test.cleanup());

async function conversation(userId: string, id: string, title: string, texts: string[]) {
  await db.conversation.create({ data: { id, userId, title, model: "flash", mode: "non-think" } });
  let parentId: string | null = null;
  for (const [index, text] of texts.entries()) {
    const messageId = `${id}-m${index}`;
    await db.message.create({
      data: { id: messageId, conversationId: id, parentId, role: index % 2 === 0 ? "user" : "assistant", content: text, parts: JSON.stringify([{ type: "text", text }]) },
    });
    parentId = messageId;
  }
}

const plain = (segments: Array<{ text: string }>) => segments.map((segment) => segment.text).join("");
const hits = (segments: Array<{ text: string; hit: boolean }>) => segments.filter((segment) => segment.hit).map((segment) => segment.text);

describe("snippets", () => {
  it("cuts around the first hit and marks whole words, the last as a prefix", () => {
    const text = `${"lorem ipsum ".repeat(20)}then Merge sort merges the halves; merger is not a hit ${"dolor ".repeat(40)}`;
    const segments = makeSnippet(text, "merge hal");
    expect(segments[0]).toEqual({ text: "…", hit: false });
    expect(hits(segments)).toEqual(["Merge", "halves"]);
    expect(segments[segments.length - 1]).toEqual({ text: "…", hit: false });
    expect(plain(segments).length).toBeLessThan(260);
  });

  it("keeps markup in the text as text", () => {
    expect(makeSnippet("<img src=x onerror=alert(1)> about axolotls", "axolotls")).toEqual([
      { text: "<img src=x onerror=alert(1)> about ", hit: false },
      { text: "axolotls", hit: true },
    ]);
  });
});

describe("query", () => {
  it("drops the engine's syntax from what was typed", () => {
    expect(queryTerms('merge "sort" OR NEAR(a b) col:x*')).toEqual(["merge", "sort", "OR", "NEAR", "a", "b", "col", "x"]);
    expect(toFts5Query("merge so")).toBe('"merge" "so"*');
    expect(toFts5Query("  \"*:() ")).toBeNull();
    expect(toTsQuery("merge so")).toBe("'merge' & 'so':*");
    expect(toTsQuery("it's a (b|c) & !d")).toBe("'it' & 's' & 'a' & 'b' & 'c' & 'd':*");
    expect(toTsQuery("  \"*:() ")).toBeNull();
  });

  it("turns marks into segments and hides stray marks", () => {
    expect(snippetSegments("a \u0001merge\u0002 sort")).toEqual([
      { text: "a ", hit: false },
      { text: "merge", hit: true },
      { text: " sort", hit: false },
    ]);
    expect(snippetSegments("<img src=x> \u0001b\u0002")).toEqual([
      { text: "<img src=x> ", hit: false },
      { text: "b", hit: true },
    ]);
  });
});

describe(`${provider} search index`, () => {
  it("finds message text and titles, owner-scoped, with highlighted snippets", async () => {
    const index = indexOf(db);
    await index.ensure();
    await conversation("alice", "c1", "Sorting algorithms", ["How does merge sort work?", "Merge sort splits the list in halves, sorts each and merges them."]);
    await conversation("alice", "c2", "Paris trip", ["Plan three days in Paris", "Day one: the Louvre and a walk along the Seine."]);
    await conversation("bob", "c3", "Bob's merge notes", ["merge conflicts in git"]);

    const found = await index.search({ userId: "alice", query: "merge", limit: 20 });
    expect(found.map((result) => result.conversationId)).toEqual(["c1"]);
    expect(found[0]?.match?.messageId).toMatch(/^c1-m/);
    expect(hits(found[0]?.match?.snippet ?? []).map((hit) => hit.toLowerCase())).toContain("merge");

    const byTitle = await index.search({ userId: "alice", query: "paris", limit: 20 });
    expect(byTitle[0]?.conversationId).toBe("c2");
    expect(hits(byTitle[0]?.title ?? [])).toEqual(["Paris"]);

    // Prefix of the last word, as it is typed.
    expect((await index.search({ userId: "alice", query: "louv", limit: 20 })).map((result) => result.conversationId)).toEqual(["c2"]);
    // Another user's conversations are never found.
    expect(await index.search({ userId: "bob", query: "paris", limit: 20 })).toEqual([]);
    expect((await index.search({ userId: "bob", query: "merge", limit: 20 })).map((result) => result.conversationId)).toEqual(["c3"]);
  });

  it("follows edits, renames and deletions", async () => {
    const index = indexOf(db);
    await conversation("alice", "c4", "Draft", ["first words about quokkas"]);
    expect(await index.search({ userId: "alice", query: "quokkas", limit: 5 })).toHaveLength(1);

    await db.message.update({ where: { id: "c4-m0" }, data: { content: "now about wombats" } });
    expect(await index.search({ userId: "alice", query: "quokkas", limit: 5 })).toEqual([]);
    expect(await index.search({ userId: "alice", query: "wombats", limit: 5 })).toHaveLength(1);

    await db.conversation.update({ where: { id: "c4" }, data: { title: "Marsupials" } });
    expect((await index.search({ userId: "alice", query: "marsupials", limit: 5 }))[0]?.conversationId).toBe("c4");
    expect(await index.search({ userId: "alice", query: "draft", limit: 5 })).toEqual([]);

    await db.message.delete({ where: { id: "c4-m0" } });
    expect(await index.search({ userId: "alice", query: "wombats", limit: 5 })).toEqual([]);
    await db.conversation.delete({ where: { id: "c4" } });
    expect(await index.search({ userId: "alice", query: "marsupials", limit: 5 })).toEqual([]);
  });

  it.runIf(provider === "sqlite")("rebuilds itself when a migration dropped its triggers", async () => {
    const index = sqliteSearchIndex(db);
    await db.$executeRawUnsafe("DROP TRIGGER message_search_v2_insert");
    await conversation("alice", "c5", "Later", ["a note on axolotls"]);
    await ensureSqliteSearchIndex(db);
    expect((await index.search({ userId: "alice", query: "axolotls", limit: 5 })).map((result) => result.conversationId)).toEqual(["c5"]);
    const snippet = (await index.search({ userId: "alice", query: "axolotls", limit: 5 }))[0]?.match?.snippet ?? [];
    expect(plain(snippet)).toBe("a note on axolotls");
  });

  it("follows a conversation to its new owner", async () => {
    const index = indexOf(db);
    await conversation("bob", "c6", "Handed over", ["notes about capybaras"]);
    expect(await index.search({ userId: "alice", query: "capybaras", limit: 5 })).toEqual([]);
    await db.conversation.update({ where: { id: "c6" }, data: { userId: "alice" } });
    expect((await index.search({ userId: "alice", query: "capybaras", limit: 5 })).map((result) => result.conversationId)).toEqual(["c6"]);
    expect(await index.search({ userId: "bob", query: "capybaras", limit: 5 })).toEqual([]);
  });
});

// SQLite's trigram table; PostgreSQL's 'simple' text search does not split CJK runs (see postgresql.ts).
describe.runIf(provider === "sqlite")("searching Chinese, Japanese and Korean text", () => {
  it("finds words inside a run of Han characters, owner-scoped, and marks them", async () => {
    const index = sqliteSearchIndex(db);
    await conversation("alice", "z1", "关于提示缓存的笔记", ["什么是提示缓存？", "提示缓存把重复的前缀存起来，后续请求按缓存命中价格计费，可以省下不少钱。"]);
    await conversation("alice", "z2", "京都旅行", ["规划一次秋季京都三日游", "第一天：清水寺和祇园。"]);
    await conversation("bob", "z3", "Bob 的缓存", ["鲍勃的缓存问题"]);

    // Two characters (below the trigram length) and longer words alike.
    for (const query of ["缓存", "命中价格", "前缀 计费"]) {
      const found = await index.search({ userId: "alice", query, limit: 20 });
      expect(found.map((result) => result.conversationId), query).toEqual(["z1"]);
    }
    const found = await index.search({ userId: "alice", query: "命中价格", limit: 20 });
    expect(found[0]?.match?.messageId).toBe("z1-m1");
    expect(hits(found[0]?.match?.snippet ?? [])).toEqual(["命中价格"]);

    // Titles too, with the hit marked.
    const byTitle = await index.search({ userId: "alice", query: "京都", limit: 20 });
    expect(byTitle[0]?.conversationId).toBe("z2");
    expect(hits(byTitle[0]?.title ?? [])).toEqual(["京都"]);

    // Full-width punctuation typed with the words is not part of them.
    expect((await index.search({ userId: "alice", query: "清水寺。", limit: 20 })).map((result) => result.conversationId)).toEqual(["z2"]);
    // Another user's conversations are never found.
    expect((await index.search({ userId: "bob", query: "缓存", limit: 20 })).map((result) => result.conversationId)).toEqual(["z3"]);
    expect(await index.search({ userId: "bob", query: "京都", limit: 20 })).toEqual([]);

    // Several conversations found by a short word, newest match first among equals.
    await conversation("alice", "z5", "另一段对话", ["缓存的另一种说法"]);
    expect((await index.search({ userId: "alice", query: "缓存", limit: 20 })).map((result) => result.conversationId).sort()).toEqual(["z1", "z5"]);
    // A short Latin word beside Chinese ones ignores case, as the word index does.
    await conversation("alice", "z6", "杂记", ["用 ai 写的大模型笔记"]);
    expect((await index.search({ userId: "alice", query: "AI 大模型", limit: 20 })).map((result) => result.conversationId)).toEqual(["z6"]);
  });

  it("follows edits and deletions of Chinese text", async () => {
    const index = sqliteSearchIndex(db);
    await conversation("alice", "z4", "草稿", ["关于袋鼠的第一段话"]);
    expect(await index.search({ userId: "alice", query: "袋鼠", limit: 5 })).toHaveLength(1);
    await db.message.update({ where: { id: "z4-m0" }, data: { content: "现在说的是考拉和树袋熊" } });
    expect(await index.search({ userId: "alice", query: "袋鼠的第一", limit: 5 })).toEqual([]);
    expect(await index.search({ userId: "alice", query: "树袋熊", limit: 5 })).toHaveLength(1);
    // From Chinese to English and back: the index keeps only text with such characters.
    await db.message.update({ where: { id: "z4-m0" }, data: { content: "now in English about koalas" } });
    expect(await index.search({ userId: "alice", query: "树袋熊", limit: 5 })).toEqual([]);
    expect(await index.search({ userId: "alice", query: "koalas", limit: 5 })).toHaveLength(1);
    await db.message.update({ where: { id: "z4-m0" }, data: { content: "又回到了树袋熊" } });
    expect(await index.search({ userId: "alice", query: "树袋熊", limit: 5 })).toHaveLength(1);
    await db.message.delete({ where: { id: "z4-m0" } });
    expect(await index.search({ userId: "alice", query: "树袋熊", limit: 5 })).toEqual([]);
  });

  it("marks hits inside Chinese words in snippets", () => {
    expect(hits(makeSnippet("提示缓存把重复的前缀存起来", "前缀"))).toEqual(["前缀"]);
    expect(queryTerms("提示缓存？ 省钱。")).toEqual(["提示缓存", "省钱"]);
  });
});
