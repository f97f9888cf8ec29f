import "server-only";
import type { Db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/client";
import { providerOf } from "@/lib/db/url";
import { postgresqlSearchIndex } from "./postgresql";
import { sqliteSearchIndex } from "./sqlite";
import type { SearchIndex } from "./types";

export type { SearchResult } from "./types";

const indexes = new WeakMap<Db, SearchIndex>();

/** The search index of a database: FTS5 on SQLite, tsvector GIN indexes on PostgreSQL. */
export function searchIndexFor(db: Db, provider: "sqlite" | "postgresql"): SearchIndex {
  let index = indexes.get(db);
  if (!index) {
    index = provider === "postgresql" ? postgresqlSearchIndex(db) : sqliteSearchIndex(db);
    indexes.set(db, index);
  }
  return index;
}

/** The search index of the app's database. */
export function searchIndex(db: Db): SearchIndex {
  return searchIndexFor(db, providerOf(databaseUrl()));
}
