import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { sqliteFilePath } from "./url";
import { createTestDatabase, type TestDatabase } from "./test-helpers";

describe("the app's SQLite connections", () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.cleanup();
    database = undefined;
  });

  it("run in WAL mode, without an fsync per commit, and wait for a lock instead of failing", async () => {
    database = await createTestDatabase({ provider: "sqlite" });
    const read = async (pragma: string) => {
      const rows = await database!.db.$queryRawUnsafe<Array<Record<string, unknown>>>(`PRAGMA ${pragma}`);
      return Object.values(rows[0]!)[0];
    };
    expect(await read("journal_mode")).toBe("wal");
    expect(Number(await read("synchronous"))).toBe(1); // NORMAL
    expect(Number(await read("busy_timeout"))).toBe(5000);
    // WAL is kept in the file: another program opening it sees it too.
    const other = new Database(sqliteFilePath(database.url), { readonly: true });
    try {
      expect(other.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      other.close();
    }
  });
});
