// The settings every SQLite connection of the app runs with. SQLite's defaults suit a library
// embedded anywhere, not a server: a rollback journal that blocks readers while anyone writes,
// and an fsync on every commit, which (better-sqlite3 being synchronous) stalls the whole event
// loop, every stream included, for the length of a disk flush.
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * - WAL: readers never wait for a writer, and a commit appends to the log instead of rewriting
 *   pages. Kept in the file once set, so other tools see it too.
 * - synchronous NORMAL: in WAL mode a commit is durable across a crash of the process (the log
 *   is in the OS's hands); only a power cut can lose the last transactions, never corrupt the
 *   file. fsync happens at checkpoints instead of on every commit.
 * - busy_timeout: a second process (a migration, `npm run db:copy`) waits for a lock instead of
 *   failing at once.
 */
export const SQLITE_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";

/** The factory's connections, each set up with SQLITE_PRAGMAS before its first statement. */
export function withSqlitePragmas(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      await adapter.executeScript(SQLITE_PRAGMAS);
      return adapter;
    },
    async connectToShadowDb() {
      const adapter = await factory.connectToShadowDb();
      await adapter.executeScript(SQLITE_PRAGMAS);
      return adapter;
    },
  };
}
