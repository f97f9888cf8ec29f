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
 * The full-text index of one database. SQLite uses FTS5 (./sqlite.ts). PostgreSQL
 * (./postgresql.ts) keeps GIN indexes on the `tsvector` of Message(content) and
 * Conversation(title), matches with `to_tsquery('simple', 'word1' & 'word2':*)` built from
 * `queryTerms`, filters by the owner through the conversation, and ranks with `ts_rank`. Snippets
 * are made from the text by ./snippet.ts for every database, so everything above this interface
 * stays the same.
 */
export interface SearchIndex {
  /** Creates the index if missing and brings it in step with the tables (at start-up). */
  ensure(): Promise<void>;
  /** The owner's conversations matching `query`, best first. */
  search(args: { userId: string; query: string; limit: number }): Promise<SearchResult[]>;
}
