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
//
// The tables and triggers are made here, at start-up, rather than in a Prisma migration: Prisma's
// SQLite migrations rebuild a table to change it (create, copy, drop, rename), which drops its
// triggers and may renumber its rowids. So `ensure` checks that every trigger exists and, when one
// is missing (a new database, or a migration rebuilt Message or Conversation), recreates them and
// rebuilds the index from the tables. Nothing in prisma/ knows about search.
import type { Db } from "@/lib/db/client";
import { toFts5Query } from "./query";
import { assembleResults, bestPerConversation, type DateValue } from "./results";
import type { SearchIndex } from "./types";

const MESSAGE_FTS = "message_search_v2";
const TITLE_FTS = "conversation_title_search";
/** How many of the newest matching messages are ranked (see search). */
const CANDIDATES = 500;

const OWNER_OF = (userIdSql: string) => `'u' || lower(hex(${userIdSql}))`;

const TABLES = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${MESSAGE_FTS} USING fts5(content, owner, conversation_id UNINDEXED, message_id UNINDEXED, content='', contentless_delete=1, contentless_unindexed=1, tokenize='unicode61 remove_diacritics 2')`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${TITLE_FTS} USING fts5(title, content='Conversation', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`,
];

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
      const best = bestPerConversation(candidates);
      return assembleResults({ db, userId, query, limit, titleRows, best });
    },
  };
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
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}
