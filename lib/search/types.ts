import type { SnippetSegment } from "./query";

/** One conversation found by a search: its title (highlighted) and its best matching message. */
export interface SearchResult {
  conversationId: string;
  title: SnippetSegment[];
  updatedAt: string;
  /** The best matching message, or null when only the title matched. */
  match: { messageId: string; role: "user" | "assistant"; snippet: SnippetSegment[] } | null;
}

/**
 * The full-text index of one database. SQLite uses FTS5 (./sqlite.ts). PostgreSQL would keep a
 * generated `tsvector` column on Message(content) and Conversation(title) with GIN indexes, match
 * with `to_tsquery('simple', 'word1 & word2:*')` built from `queryTerms`, rank with `ts_rank`, and
 * make snippets with `ts_headline(..., 'StartSel=\u0001, StopSel=\u0002, MaxFragments=1')`, so
 * `snippetSegments` and everything above this interface stay the same.
 */
export interface SearchIndex {
  /** Creates the index if missing and brings it in step with the tables (at start-up). */
  ensure(): Promise<void>;
  /** The owner's conversations matching `query`, best first. */
  search(args: { userId: string; query: string; limit: number }): Promise<SearchResult[]>;
}
