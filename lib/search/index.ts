import "server-only";
import type { Db } from "@/lib/db/client";
import { sqliteSearchIndex } from "./sqlite";
import type { SearchIndex } from "./types";

export type { SearchResult } from "./types";

const indexes = new WeakMap<Db, SearchIndex>();

/** The search index of this database (SQLite's FTS5 today; see types.ts for PostgreSQL). */
export function searchIndex(db: Db): SearchIndex {
  let index = indexes.get(db);
  if (!index) {
    index = sqliteSearchIndex(db);
    indexes.set(db, index);
  }
  return index;
}
