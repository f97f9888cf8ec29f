// The search index on SQLite: two FTS5 tables over the existing rows ("external content", so the
// text is not stored twice), kept in step by triggers on every insert, update and delete.
//
// The tables and triggers are made here, at start-up, rather than in a Prisma migration: Prisma's
// SQLite migrations rebuild a table to change it (create, copy, drop, rename), which drops its
// triggers and may renumber its rowids. So `ensure` checks that every trigger exists and, when one
// is missing (a new database, or a migration rebuilt Message or Conversation), recreates them and
// rebuilds the index from the tables. Nothing in prisma/ knows about search.
import type { Db } from "@/lib/db/client";
import { HIT_END, HIT_START, snippetSegments, toFts5Query } from "./query";
import type { SearchIndex, SearchResult } from "./types";

const MESSAGE_FTS = "message_fts";
const TITLE_FTS = "conversation_title_fts";

const TABLES = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${MESSAGE_FTS} USING fts5(content, content='Message', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${TITLE_FTS} USING fts5(title, content='Conversation', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`,
];

/** name → body. Updates fire only when the indexed column changes (not on every status write). */
const TRIGGERS: Record<string, string> = {
  message_fts_insert: `AFTER INSERT ON "Message" BEGIN
    INSERT INTO ${MESSAGE_FTS}(rowid, content) VALUES (new.rowid, new.content); END`,
  message_fts_delete: `AFTER DELETE ON "Message" BEGIN
    INSERT INTO ${MESSAGE_FTS}(${MESSAGE_FTS}, rowid, content) VALUES ('delete', old.rowid, old.content); END`,
  message_fts_update: `AFTER UPDATE OF content ON "Message" BEGIN
    INSERT INTO ${MESSAGE_FTS}(${MESSAGE_FTS}, rowid, content) VALUES ('delete', old.rowid, old.content);
    INSERT INTO ${MESSAGE_FTS}(rowid, content) VALUES (new.rowid, new.content); END`,
  conversation_title_fts_insert: `AFTER INSERT ON "Conversation" BEGIN
    INSERT INTO ${TITLE_FTS}(rowid, title) VALUES (new.rowid, new.title); END`,
  conversation_title_fts_delete: `AFTER DELETE ON "Conversation" BEGIN
    INSERT INTO ${TITLE_FTS}(${TITLE_FTS}, rowid, title) VALUES ('delete', old.rowid, old.title); END`,
  conversation_title_fts_update: `AFTER UPDATE OF title ON "Conversation" BEGIN
    INSERT INTO ${TITLE_FTS}(${TITLE_FTS}, rowid, title) VALUES ('delete', old.rowid, old.title);
    INSERT INTO ${TITLE_FTS}(rowid, title) VALUES (new.rowid, new.title); END`,
};

interface MessageHitRow {
  rowid: number | bigint;
  messageId: string;
  conversationId: string;
  role: string;
  title: string;
  updatedAt: string | number | Date;
  rank: number;
}

export function sqliteSearchIndex(db: Db): SearchIndex {
  let ready: Promise<void> | null = null;
  const ensure = () => (ready ??= ensureSqliteSearchIndex(db).catch((error: unknown) => {
    ready = null;
    throw error;
  }));

  return {
    ensure,
    async search({ userId, query, limit }) {
      const match = toFts5Query(query);
      if (!match) return [];
      await ensure();
      // Titles first: a conversation named after the words is the likeliest one wanted.
      const titleRows = await db.$queryRawUnsafe<Array<{ id: string; title: string; updatedAt: string | number | Date; marked: string }>>(
        `SELECT c.id AS id, c.title AS title, c.updatedAt AS updatedAt,
                highlight(${TITLE_FTS}, 0, char(1), char(2)) AS marked
           FROM ${TITLE_FTS} JOIN "Conversation" c ON c.rowid = ${TITLE_FTS}.rowid
          WHERE ${TITLE_FTS} MATCH ? AND c.userId = ?
          ORDER BY c.updatedAt DESC LIMIT ?`,
        match,
        userId,
        limit,
      );
      // Then the best matching message of each other conversation. Snippets are made only for
      // the rows returned, not for every match.
      const messageRows = await db.$queryRawUnsafe<MessageHitRow[]>(
        `SELECT rowid, messageId, conversationId, role, title, updatedAt, rank FROM (
           SELECT m.rowid AS rowid, m.id AS messageId, m.conversationId AS conversationId, m.role AS role,
                  c.title AS title, c.updatedAt AS updatedAt, ${MESSAGE_FTS}.rank AS rank,
                  ROW_NUMBER() OVER (PARTITION BY m.conversationId ORDER BY ${MESSAGE_FTS}.rank) AS n
             FROM ${MESSAGE_FTS}
             JOIN "Message" m ON m.rowid = ${MESSAGE_FTS}.rowid
             JOIN "Conversation" c ON c.id = m.conversationId
            WHERE ${MESSAGE_FTS} MATCH ? AND c.userId = ?
         ) WHERE n = 1 ORDER BY rank LIMIT ?`,
        match,
        userId,
        limit,
      );
      const snippets = new Map<string, string>();
      if (messageRows.length > 0) {
        const rowids = messageRows.map((row) => Number(row.rowid));
        const snippetRows = await db.$queryRawUnsafe<Array<{ rowid: number | bigint; snippet: string }>>(
          `SELECT rowid, snippet(${MESSAGE_FTS}, 0, char(1), char(2), '…', 24) AS snippet
             FROM ${MESSAGE_FTS} WHERE ${MESSAGE_FTS} MATCH ? AND rowid IN (${rowids.map(() => "?").join(",")})`,
          match,
          ...rowids,
        );
        for (const row of snippetRows) snippets.set(String(Number(row.rowid)), row.snippet);
      }

      const results = new Map<string, SearchResult>();
      for (const row of titleRows) {
        results.set(row.id, { conversationId: row.id, title: snippetSegments(row.marked), updatedAt: isoDate(row.updatedAt), match: null });
      }
      for (const row of messageRows) {
        const match = {
          messageId: row.messageId,
          role: row.role === "user" ? ("user" as const) : ("assistant" as const),
          snippet: snippetSegments(snippets.get(String(Number(row.rowid))) ?? ""),
        };
        const existing = results.get(row.conversationId);
        if (existing) existing.match = match;
        else results.set(row.conversationId, { conversationId: row.conversationId, title: [{ text: row.title, hit: false }], updatedAt: isoDate(row.updatedAt), match });
      }
      return [...results.values()].slice(0, limit);
    },
  };
}

/** Makes the FTS tables and triggers when missing; rebuilds the index when any trigger was missing. */
export async function ensureSqliteSearchIndex(db: Db): Promise<void> {
  const existing = await db.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN (${Object.keys(TRIGGERS).map(() => "?").join(",")})`,
    ...Object.keys(TRIGGERS),
  );
  if (existing.length === Object.keys(TRIGGERS).length) return;
  await db.$transaction(async (tx) => {
    for (const statement of TABLES) await tx.$executeRawUnsafe(statement);
    for (const [name, body] of Object.entries(TRIGGERS)) {
      await tx.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name}`);
      await tx.$executeRawUnsafe(`CREATE TRIGGER ${name} ${body}`);
    }
    await tx.$executeRawUnsafe(`INSERT INTO ${MESSAGE_FTS}(${MESSAGE_FTS}) VALUES ('rebuild')`);
    await tx.$executeRawUnsafe(`INSERT INTO ${TITLE_FTS}(${TITLE_FTS}) VALUES ('rebuild')`);
  });
}

function isoDate(value: string | number | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

export { HIT_END, HIT_START };
