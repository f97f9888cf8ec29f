// The search index on PostgreSQL: GIN indexes on the `tsvector` of Message.content and
// Conversation.title (the 'simple' configuration: lower-cased words, no stemming, like FTS5's
// unicode61), matched with `to_tsquery` built from the typed words (the last one as a prefix)
// and ranked with `ts_rank`. The index follows every write by itself, so there are no triggers.
// Not yet here: SQLite's trigram table for Chinese, Japanese and Korean text ('simple' keeps a run
// of Han characters as one word, so only whole runs match); pg_trgm would be the counterpart.
//
// Like SQLite's FTS5 tables, the indexes are made here at start-up, not in a Prisma migration:
// expression indexes are not something the Prisma schema can describe, and a migration made from
// the schema would drop them.
import type { Db } from "@/lib/db/client";
import { queryTerms } from "./query";
import { assembleResults, bestPerConversation, type MessageCandidate, type TitleRow } from "./results";
import type { SearchIndex } from "./types";

/** How many of the newest matching messages are ranked (as on SQLite). */
const CANDIDATES = 500;
/**
 * Characters of a message that are indexed. A tsvector holds at most 1 MB; a 4M-character
 * message could exceed it, which would make its insert fail. The index and the query use the
 * same expression, so the index is used.
 */
const INDEXED_CHARS = 200_000;

const MESSAGE_VECTOR = `to_tsvector('simple', left(m.content, ${INDEXED_CHARS}))`;
const TITLE_VECTOR = `to_tsvector('simple', c.title)`;

const INDEXES = [
  `CREATE INDEX IF NOT EXISTS message_content_search ON "Message" USING GIN (to_tsvector('simple', left(content, ${INDEXED_CHARS})))`,
  `CREATE INDEX IF NOT EXISTS conversation_title_search ON "Conversation" USING GIN (to_tsvector('simple', title))`,
];

/**
 * A `to_tsquery` text: every word must appear, each quoted, the last also as a prefix.
 * queryTerms has already removed quotes, backslashes and operators. Null when nothing to search.
 */
export function toTsQuery(query: string): string | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  return terms.map((term, index) => `'${term}'${index === terms.length - 1 ? ":*" : ""}`).join(" & ");
}

export function postgresqlSearchIndex(db: Db): SearchIndex {
  let ready: Promise<void> | null = null;
  const ensure = () =>
    (ready ??= ensurePostgresqlSearchIndex(db).catch((error: unknown) => {
      ready = null;
      throw error;
    }));

  return {
    ensure,
    async search({ userId, query, limit }) {
      const tsQuery = toTsQuery(query);
      if (!tsQuery) return [];
      await ensure();
      // Titles first (newest first), as on SQLite.
      const titleRows = await db.$queryRawUnsafe<TitleRow[]>(
        `SELECT c.id AS "id", c.title AS "title", c."updatedAt" AS "updatedAt"
           FROM "Conversation" c
          WHERE c."userId" = $1 AND ${TITLE_VECTOR} @@ to_tsquery('simple', $2)
          ORDER BY c."createdAt" DESC, c.id DESC LIMIT $3`,
        userId,
        tsQuery,
        limit,
      );
      // Then the best matching message of each conversation among the owner's newest matches;
      // ts_rank grows with relevance, the shared code wants lower-is-better.
      const candidates = await db.$queryRawUnsafe<MessageCandidate[]>(
        `SELECT m.id AS "messageId", m."conversationId" AS "conversationId",
                -ts_rank(${MESSAGE_VECTOR}, to_tsquery('simple', $2))::float8 AS "rank"
           FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
          WHERE c."userId" = $1 AND ${MESSAGE_VECTOR} @@ to_tsquery('simple', $2)
          ORDER BY m."createdAt" DESC, m.id DESC LIMIT ${CANDIDATES}`,
        userId,
        tsQuery,
      );
      return assembleResults({ db, userId, query, limit, titleRows, best: bestPerConversation(candidates) });
    },
  };
}

/** Makes the indexes when missing. Several instances may start at once: a lock takes them in turn. */
export async function ensurePostgresqlSearchIndex(db: Db): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('v4chat.search-index'))`);
      for (const statement of INDEXES) await tx.$executeRawUnsafe(statement);
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
}
