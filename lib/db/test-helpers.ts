// Shared setup for the database tests: a migrated SQLite file in a fresh temp folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "./client";
import { applyMigrations } from "./migrate";

export interface TestDatabase {
  db: Db;
  url: string;
  dir: string;
  cleanup(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "v4chat-db-test-"));
  const url = `file:${path.join(dir, "nested", "test.db")}`;
  await applyMigrations({ databaseUrl: url });
  const db = createDb(url);
  return {
    db,
    url,
    dir,
    async cleanup() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
