// The search index on SQLite (FTS5), kept in step by triggers on every insert, update and delete.
//
// - Message text: a contentless FTS5 table (`contentless_delete`, so rows can be removed by rowid)
//   holding each message's words and its owner as one token ("u" + hex of the user id), and
//   (stored, not indexed) its conversation and message ids, so results need no join. The
//   owner is part of the MATCH, so FTS5 itself keeps to one user's messages, and a word found in
//   every conversation costs about as little as a rare one (it walks the newest matches first and
//   stops). A trigger re-tokens a conversation's messages when it changes hands (the first
//   account takes over the local user's conversations).
// - Titles: an external-content FTS5 table over Conversation.title.
// - Chinese, Japanese and Korean: unicode61 reads a run of Han characters as one token, so "缓存"
//   would never match inside "提示缓存是什么". Messages holding such characters (only those: the
//   GLOB in the triggers) are also in a trigram table (external content over Message). A query
//   with such characters searches there: words of three characters or more through the trigram
//   index (MATCH), shorter ones by LIKE (a scan of the person's messages: trigrams cannot match
//   fewer than three characters), titles by LIKE.
//
// The tables and triggers are made here, at start-up, rather than in a Prisma migration: Prisma's
// SQLite migrations rebuild a table to change it (create, copy, drop, rename), which drops its
// triggers and may renumber its rowids. So `ensure` checks that every trigger exists and, when one
// is missing (a new database, or a migration rebuilt Message or Conversation), recreates them and
// rebuilds the index from the tables. Nothing in prisma/ knows about search.
import type { Db } from "@/lib/db/client";
import { CJK_GLOB, hasCjk, queryTerms, toFts5Query } from "./query";
import { assembleResults, bestPerConversation, type DateValue, type MessageCandidate, type TitleRow } from "./results";
import type { SearchIndex, SearchResult } from "./types";

const MESSAGE_FTS = "message_search_v2";
const TITLE_FTS = "conversation_title_search";
const CJK_FTS = "message_search_cjk";
/** How many of the newest matching messages are ranked (see search). */
const CANDIDATES = 500;

const OWNER_OF = (userIdSql: string) => `'u' || lower(hex(${userIdSql}))`;

const TABLES = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${MESSAGE_FTS} USING fts5(content, owner, conversation_id UNINDEXED, message_id UNINDEXED, content='', contentless_delete=1, contentless_unindexed=1, tokenize='unicode61 remove_diacritics 2')`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${TITLE_FTS} USING fts5(title, content='Conversation', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${CJK_FTS} USING fts5(content, content='Message', content_rowid='rowid', tokenize='trigram')`,
];

/** Whether a message's text belongs in the trigram table (SQL, on `new` or `old`). */
const HAS_CJK = (row: "new" | "old") => `${row}.content GLOB '${CJK_GLOB}'`;

const INSERT_MESSAGE = `INSERT INTO ${MESSAGE_FTS}(rowid, content, owner, conversation_id, message_id)
  VALUES (new.rowid, new.content, (SELECT ${OWNER_OF("userId")} FROM "Conversation" WHERE id = new.conversationId), new.conversationId, new.id);`;

/** name → body. Updates fire only when the indexed column changes (not on every status write). */
const TRIGGERS: Record<string, string> = {
  message_search_v2_insert: `AFTER INSERT ON "Message" BEGIN ${INSERT_MESSAGE} END`,
  message_search_v2_delete: `AFTER DELETE ON "Message" BEGIN DELETE FROM ${MESSAGE_FTS} WHERE rowid = old.rowid; END`,
  message_search_v2_update: `AFTER UPDATE OF content ON "Message" BEGIN
    DELETE FROM ${MESSAGE_FTS} WHERE rowid = old.rowid; ${INSERT_MESSAGE} END`,
  message_search_v2_owner: `AFTER UPDATE OF userId ON "Conversation" BEGIN
    DELETE FROM ${MESSAGE_FTS} WHERE rowid IN (SELECT rowid FROM "Message" WHERE conversationId = new.id);
    INSERT INTO ${MESSAGE_FTS}(rowid, content, owner, conversation_id, message_id)
      SELECT rowid, content, ${OWNER_OF("new.userId")}, conversationId, id FROM "Message" WHERE conversationId = new.id; END`,
  message_search_cjk_insert: `AFTER INSERT ON "Message" WHEN ${HAS_CJK("new")} BEGIN
    INSERT INTO ${CJK_FTS}(rowid, content) VALUES (new.rowid, new.content); END`,
  message_search_cjk_delete: `AFTER DELETE ON "Message" WHEN ${HAS_CJK("old")} BEGIN
    INSERT INTO ${CJK_FTS}(${CJK_FTS}, rowid, content) VALUES ('delete', old.rowid, old.content); END`,
  // The old text leaves before the row changes, the new one enters after: two triggers (each with
  // its own condition) whose order is then fixed.
  message_search_cjk_update_old: `BEFORE UPDATE OF content ON "Message" WHEN ${HAS_CJK("old")} BEGIN
    INSERT INTO ${CJK_FTS}(${CJK_FTS}, rowid, content) VALUES ('delete', old.rowid, old.content); END`,
  message_search_cjk_update_new: `AFTER UPDATE OF content ON "Message" WHEN ${HAS_CJK("new")} BEGIN
    INSERT INTO ${CJK_FTS}(rowid, content) VALUES (new.rowid, new.content); END`,
  conversation_title_search_insert: `AFTER INSERT ON "Conversation" BEGIN
    INSERT INTO ${TITLE_FTS}(rowid, title) VALUES (new.rowid, new.title); END`,
  conversation_title_search_delete: `AFTER DELETE ON "Conversation" BEGIN
    INSERT INTO ${TITLE_FTS}(${TITLE_FTS}, rowid, title) VALUES ('delete', old.rowid, old.title); END`,
  conversation_title_search_update: `AFTER UPDATE OF title ON "Conversation" BEGIN
    INSERT INTO ${TITLE_FTS}(${TITLE_FTS}, rowid, title) VALUES ('delete', old.rowid, old.title);
    INSERT INTO ${TITLE_FTS}(rowid, title) VALUES (new.rowid, new.title); END`,
};

/** The owner as one index token ("u" and the id's UTF-8 bytes in hex): no id can split into several words. */
export function ownerToken(userId: string): string {
  return `u${Buffer.from(userId, "utf8").toString("hex")}`;
}

export function sqliteSearchIndex(db: Db): SearchIndex {
  let ready: Promise<void> | null = null;
  const ensure = () =>
    (ready ??= ensureSqliteSearchIndex(db).catch((error: unknown) => {
      ready = null;
      throw error;
    }));

  return {
    ensure,
    async search({ userId, query, limit }) {
      const terms = toFts5Query(query);
      if (!terms) return [];
      await ensure();
      if (hasCjk(query)) return searchCjk(db, { userId, query, limit });
      // Titles first (newest first): a conversation named after the words is the likeliest one wanted.
      const titleRows = await db.$queryRawUnsafe<Array<{ id: string; title: string; updatedAt: DateValue }>>(
        `SELECT c.id AS id, c.title AS title, c.updatedAt AS updatedAt
           FROM ${TITLE_FTS} JOIN "Conversation" c ON c.rowid = ${TITLE_FTS}.rowid
          WHERE ${TITLE_FTS} MATCH ? AND c.userId = ?
          ORDER BY ${TITLE_FTS}.rowid DESC LIMIT ?`,
        terms,
        userId,
        limit,
      );
      // Then the best matching message (bm25) of each conversation, among the owner's newest
      // CANDIDATES matching messages.
      const candidates = await db.$queryRawUnsafe<Array<{ messageId: string; conversationId: string; rank: number }>>(
        `SELECT message_id AS messageId, conversation_id AS conversationId, rank
           FROM ${MESSAGE_FTS} WHERE ${MESSAGE_FTS} MATCH ? ORDER BY rowid DESC LIMIT ${CANDIDATES}`,
        `owner:"${ownerToken(userId)}" AND content:(${terms})`,
      );
      return assemble(db, { userId, query, limit, titleRows, candidates });
    },
  };
}

/** Titles first, then the best matching message of each conversation, with their snippets (shared with PostgreSQL). */
function assemble(
  db: Db,
  { userId, query, limit, titleRows, candidates }: { userId: string; query: string; limit: number; titleRows: TitleRow[]; candidates: MessageCandidate[] },
): Promise<SearchResult[]> {
  return assembleResults({ db, userId, query, limit, titleRows, best: bestPerConversation(candidates) });
}

/** A LIKE pattern that finds `term` anywhere, its own %, _ and backslash taken literally (ESCAPE backslash). */
function containing(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * A short word's test on a message's text (SQL, with one parameter): Han, kana and hangul have no
 * case, so a plain substring search (instr, faster than LIKE); a short Latin word by LIKE, which
 * ignores ASCII case as the index does.
 */
function shortWordTest(term: string, column: string): { sql: string; value: string } {
  return hasCjk(term) ? { sql: `instr(${column}, ?) > 0`, value: term } : { sql: `${column} LIKE ? ESCAPE '\\'`, value: containing(term) };
}

/**
 * A query with Han, kana or hangul: every word must appear, anywhere (not only at a word's start).
 * Words of three characters or more go through the trigram index; shorter ones are looked for in
 * the text itself, newest message first, stopping at CANDIDATES matches.
 */
async function searchCjk(db: Db, { userId, query, limit }: { userId: string; query: string; limit: number }): Promise<SearchResult[]> {
  const terms = queryTerms(query);
  const indexed = terms.filter((term) => [...term].length >= 3);
  const scanned = terms.filter((term) => [...term].length < 3);
  const titleRows = await db.$queryRawUnsafe<TitleRow[]>(
    `SELECT id, title, updatedAt FROM "Conversation"
      WHERE userId = ? ${terms.map(() => `AND title LIKE ? ESCAPE '\\'`).join(" ")}
      ORDER BY updatedAt DESC LIMIT ?`,
    userId,
    ...terms.map(containing),
    limit,
  );
  const match = indexed.map((term) => `"${term}"`).join(" AND ");
  const tests = scanned.map((term) => shortWordTest(term, "m.content"));
  const candidates = match
    ? await db.$queryRawUnsafe<MessageCandidate[]>(
        `SELECT m.id AS messageId, m.conversationId AS conversationId, ${CJK_FTS}.rank AS rank
           FROM ${CJK_FTS} JOIN "Message" m ON m.rowid = ${CJK_FTS}.rowid JOIN "Conversation" c ON c.id = m.conversationId
          WHERE ${CJK_FTS} MATCH ? AND c.userId = ? ${tests.map((test) => `AND ${test.sql}`).join(" ")}
          ORDER BY ${CJK_FTS}.rowid DESC LIMIT ${CANDIDATES}`,
        match,
        userId,
        ...tests.map((test) => test.value),
      )
    : // CROSS JOIN keeps Message the outer loop, read newest first: the scan stops at CANDIDATES
      // matches instead of testing every message of the person before sorting.
      await db.$queryRawUnsafe<MessageCandidate[]>(
        `SELECT m.id AS messageId, m.conversationId AS conversationId, 0 AS rank
           FROM "Message" m CROSS JOIN "Conversation" c ON c.id = m.conversationId
          WHERE c.userId = ? ${tests.map((test) => `AND ${test.sql}`).join(" ")}
          ORDER BY m.rowid DESC LIMIT ${CANDIDATES}`,
        userId,
        ...tests.map((test) => test.value),
      );
  return assemble(db, { userId, query, limit, titleRows, candidates });
}

/** Makes the FTS tables and triggers when missing; rebuilds the index when any trigger was missing. */
export async function ensureSqliteSearchIndex(db: Db): Promise<void> {
  const names = Object.keys(TRIGGERS);
  const existing = await db.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => "?").join(",")})`,
    ...names,
  );
  if (existing.length === names.length) return;
  await db.$transaction(
    async (tx) => {
      for (const statement of TABLES) await tx.$executeRawUnsafe(statement);
      for (const [name, body] of Object.entries(TRIGGERS)) {
        await tx.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name}`);
        await tx.$executeRawUnsafe(`CREATE TRIGGER ${name} ${body}`);
      }
      await tx.$executeRawUnsafe(`INSERT INTO ${MESSAGE_FTS}(${MESSAGE_FTS}) VALUES ('delete-all')`);
      await tx.$executeRawUnsafe(
        `INSERT INTO ${MESSAGE_FTS}(rowid, content, owner, conversation_id, message_id)
         SELECT m.rowid, m.content, ${OWNER_OF("c.userId")}, m.conversationId, m.id FROM "Message" m JOIN "Conversation" c ON c.id = m.conversationId`,
      );
      await tx.$executeRawUnsafe(`INSERT INTO ${TITLE_FTS}(${TITLE_FTS}) VALUES ('rebuild')`);
      await tx.$executeRawUnsafe(`INSERT INTO ${CJK_FTS}(${CJK_FTS}) VALUES ('delete-all')`);
      await tx.$executeRawUnsafe(`INSERT INTO ${CJK_FTS}(rowid, content) SELECT rowid, content FROM "Message" WHERE content GLOB '${CJK_GLOB}'`);
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}
