// One place that turns a database URL into a Prisma driver adapter factory. Both PrismaClient
// and the schema engine (migrations) take the same factory.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import Database from "better-sqlite3";
import pg from "pg";
import { withSqlitePragmas } from "./sqlite-pragmas";
import { type DatabaseProvider, providerOf, sqliteFilePath } from "./url";

/** A row of `_prisma_migrations`, reduced to what the fast path needs. */
export interface AppliedMigrationState {
  /** Names recorded as finished and not rolled back. */
  finished: Set<string>;
  /** True when some row is started but neither finished nor rolled back (a failed migration). */
  hasFailed: boolean;
}

export interface DatabaseTarget {
  provider: DatabaseProvider;
  url: string;
  /** Creates whatever must exist before connecting (the SQLite file's folder). */
  prepare(): void;
  adapterFactory(): SqlMigrationAwareDriverAdapterFactory;
  /**
   * Reads `_prisma_migrations` without loading the schema engine. `null` when the table does
   * not exist (or the database does not exist yet).
   */
  readAppliedMigrations?(): AppliedMigrationState | null | Promise<AppliedMigrationState | null>;
}

export function databaseTarget(url: string): DatabaseTarget {
  const provider = providerOf(url);
  switch (provider) {
    case "sqlite":
      return sqliteTarget(url);
    case "postgresql":
      return postgresqlTarget(url);
  }
}

type MigrationRow = { migration_name: string; finished_at: unknown; rolled_back_at: unknown };

function migrationState(rows: MigrationRow[]): AppliedMigrationState {
  const finished = new Set<string>();
  let hasFailed = false;
  for (const row of rows) {
    if (row.rolled_back_at != null) continue;
    if (row.finished_at != null) finished.add(row.migration_name);
    else hasFailed = true;
  }
  return { finished, hasFailed };
}

function sqliteTarget(url: string): DatabaseTarget {
  const file = sqliteFilePath(url);
  return {
    provider: "sqlite",
    url: `file:${file}`,
    prepare() {
      mkdirSync(path.dirname(file), { recursive: true });
    },
    adapterFactory() {
      return withSqlitePragmas(new PrismaBetterSqlite3({ url: `file:${file}` }));
    },
    readAppliedMigrations() {
      let db: Database.Database;
      try {
        db = new Database(file, { readonly: true, fileMustExist: true });
      } catch {
        return null;
      }
      try {
        const table = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
          .get();
        if (!table) return null;
        const rows = db.prepare("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations").all();
        return migrationState(rows as MigrationRow[]);
      } finally {
        db.close();
      }
    },
  };
}

/** Connections each app instance may hold (DATABASE_POOL_SIZE; pg's own default is 10). */
function poolSize(): number {
  const value = Number(process.env.DATABASE_POOL_SIZE);
  return Number.isInteger(value) && value > 0 ? value : 10;
}

function postgresqlTarget(url: string): DatabaseTarget {
  return {
    provider: "postgresql",
    url,
    prepare() {},
    adapterFactory() {
      return new PrismaPg({ connectionString: url, max: poolSize() });
    },
    async readAppliedMigrations() {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
      } catch {
        return null;
      }
      try {
        const table = await client.query("SELECT to_regclass('_prisma_migrations') AS name");
        if (!(table.rows[0] as { name: unknown } | undefined)?.name) return null;
        const rows = await client.query("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations");
        return migrationState(rows.rows as MigrationRow[]);
      } finally {
        await client.end();
      }
    },
  };
}
