// What every database's search does after its own matching: the best message per conversation,
// the rows read once more through Prisma (owner-checked), snippets made from the text.
import type { Db } from "@/lib/db/client";
import { snippetSegments } from "./query";
import { makeSnippet } from "./snippet";
import type { SearchResult } from "./types";

export type DateValue = string | number | Date;

export interface TitleRow {
  id: string;
  title: string;
  updatedAt: DateValue;
}

/** A matching message; a lower rank is a better match. */
export interface MessageCandidate {
  messageId: string;
  conversationId: string;
  /** bm25 comes back as a float; the constant rank of SQLite's LIKE-only search as an integer (a BigInt). */
  rank: number | bigint;
}

/** The best candidate (lowest rank) of each conversation. */
export function bestPerConversation(candidates: MessageCandidate[]): Map<string, { messageId: string; rank: number }> {
  const best = new Map<string, { messageId: string; rank: number }>();
  for (const row of candidates) {
    const rank = Number(row.rank);
    const current = best.get(row.conversationId);
    if (!current || rank < current.rank) best.set(row.conversationId, { messageId: row.messageId, rank });
  }
  return best;
}

export async function assembleResults(args: {
  db: Db;
  userId: string;
  query: string;
  limit: number;
  /** Conversations whose title matched, in the order to show them. */
  titleRows: TitleRow[];
  best: Map<string, { messageId: string; rank: number }>;
}): Promise<SearchResult[]> {
  const { db, userId, query, limit, titleRows, best } = args;
  const chosen = [...best.values()].sort((a, b) => a.rank - b.rank).slice(0, limit);
  // The words and titles of the chosen messages, owner-checked once more.
  const details = chosen.length
    ? await db.message.findMany({
        where: { id: { in: chosen.map((entry) => entry.messageId) }, conversation: { userId } },
        select: { id: true, role: true, content: true, conversationId: true, conversation: { select: { title: true, updatedAt: true } } },
      })
    : [];
  const byId = new Map(details.map((row) => [row.id, row]));

  const results = new Map<string, SearchResult>();
  for (const row of titleRows) {
    results.set(row.id, { conversationId: row.id, title: makeSnippet(row.title, query), updatedAt: isoDate(row.updatedAt), match: null });
  }
  for (const entry of chosen) {
    const row = byId.get(entry.messageId);
    if (!row) continue;
    const match = { messageId: row.id, role: row.role === "user" ? ("user" as const) : ("assistant" as const), snippet: makeSnippet(row.content, query) };
    const existing = results.get(row.conversationId);
    if (existing) existing.match = match;
    else results.set(row.conversationId, { conversationId: row.conversationId, title: snippetSegments(row.conversation.title), updatedAt: isoDate(row.conversation.updatedAt), match });
  }
  return [...results.values()].slice(0, limit);
}

function isoDate(value: DateValue): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}
