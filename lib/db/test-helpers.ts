// Shared setup for the database tests: a migrated SQLite file in a fresh temp folder, or, when
// the tests run against PostgreSQL (TEST_DATABASE=postgresql, see vitest.postgresql.config.ts), a
// fresh migrated database on the server named by TEST_POSTGRES_URL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "./client";
import { applyMigrations } from "./migrate";
import { createTemporaryDatabase } from "./postgresql-admin";
import type { DatabaseProvider } from "./url";

export interface TestDatabase {
  db: Db;
  url: string;
  dir: string;
  cleanup(): Promise<void>;
}

/** The database the tests run against: SQLite unless TEST_DATABASE=postgresql. */
export function testDatabaseProvider(): DatabaseProvider {
  return process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
}

/** The PostgreSQL server for the tests (scripts/test-services.sh sets TEST_POSTGRES_URL). */
export function testPostgresUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("TEST_POSTGRES_URL is not set: run the tests through scripts/test-services.sh run");
  return url;
}

/** A new empty database on the test server, and how to drop it. */
export function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  return createTemporaryDatabase(testPostgresUrl(), "v4chat_test");
}

/** A fresh migrated database: of the provider the tests run against, unless one is named. */
export async function createTestDatabase({ provider = testDatabaseProvider() }: { provider?: DatabaseProvider } = {}): Promise<TestDatabase> {
  if (provider === "postgresql") return createPostgresTestDatabase();
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

async function createPostgresTestDatabase(): Promise<TestDatabase> {
  const database = await createEmptyPostgresDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), "v4chat-db-test-"));
  await applyMigrations({ databaseUrl: database.url });
  const db = createDb(database.url);
  return {
    db,
    url: database.url,
    dir,
    async cleanup() {
      await db.$disconnect();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh migrated database for the tests of one file, made before them and removed after them.
 * `makeUser` adds a user (`<userPrefix>-1`, `-2`, …) and returns its id.
 */
export function useTestDatabase({ userPrefix = "user" }: { userPrefix?: string } = {}): { readonly db: Db; makeUser(): Promise<string> } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.cleanup();
  });
  let users = 0;
  const handle = {
    get db(): Db {
      if (!database) throw new Error("The test database is made before the tests: use it inside one.");
      return database.db;
    },
    async makeUser(): Promise<string> {
      const id = `${userPrefix}-${++users}`;
      await handle.db.user.create({ data: { id, name: id } });
      return id;
    },
  };
  return handle;
}

/** The answer row's start fields, as lib/chat/send.ts would pass them. */
export const ANSWER_START = {
  model: "pro",
  modelId: "deepseek-v4-pro",
  mode: "think-high",
  effectiveMode: "think-high",
  modeNotice: null,
  backend: "simulator",
  priceTier: "standard",
} as const;

/** A prompt as lib/chat/send.ts passes it to reserveTurn: text and one text part. */
export function promptInput(id: string, text: string): { id: string; text: string; parts: string } {
  return { id, text, parts: JSON.stringify([{ type: "text", text }]) };
}

/** Every conversation and message row, raw, in a stable order: "nothing changed" is equality. */
export async function snapshotRows(db: Db): Promise<{ conversations: unknown[]; messages: unknown[] }> {
  const [conversations, messages] = await Promise.all([
    db.conversation.findMany({ orderBy: { id: "asc" } }),
    db.message.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { conversations, messages };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
