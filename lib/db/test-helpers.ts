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
