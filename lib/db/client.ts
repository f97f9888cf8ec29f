// PrismaClient construction. One client per database URL per process; the cache lives on
// globalThis so Next.js dev hot reloads reuse it instead of opening a new connection each time.
//
// This module does not import "server-only" (tsx scripts and vitest load it); app code should
// import the database through "@/lib/db" (index.ts), which does.
import { databaseTarget } from "./adapters";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresqlPrismaClient } from "./generated-postgresql/client";
import { databaseUrl, normalizeDatabaseUrl, providerOf } from "./url";

/**
 * The database client. Both generated clients (SQLite's and PostgreSQL's) come from the same
 * models (lib/db/schema-variants.ts), so they have the same API; the SQLite client's type names it.
 */
export type Db = PrismaClient;
export { databaseUrl };

type ClientOptions = ConstructorParameters<typeof PrismaClient>[0];

/**
 * On PostgreSQL a transaction waits for one of the pool's connections; Prisma's default of 2 s
 * refuses transactions when many answers start at once, so they may wait longer.
 */
const POSTGRESQL_TRANSACTIONS = { maxWait: 30_000, timeout: 60_000 };

function newClient(url: string, options: ClientOptions): Db {
  if (providerOf(url) === "postgresql") {
    const withWaits = { ...options, transactionOptions: POSTGRESQL_TRANSACTIONS };
    return new PostgresqlPrismaClient(withWaits as ConstructorParameters<typeof PostgresqlPrismaClient>[0]) as unknown as Db;
  }
  return new PrismaClient(options);
}

/** A new client for `url` (creates the SQLite file's folder). The caller owns it: `$disconnect()` it. */
export function createDb(url: string): Db {
  const target = databaseTarget(url);
  target.prepare();
  // DB_LOG_STATEMENTS=1 prints every statement (the benchmark counts them per answer). Read here
  // rather than through env(): scripts create clients before the app's settings are parsed.
  if (process.env.DB_LOG_STATEMENTS !== "1") return newClient(url, { adapter: target.adapterFactory() });
  const db = newClient(url, { adapter: target.adapterFactory(), log: [{ level: "query", emit: "event" }] }) as PrismaClient<"query">;
  db.$on("query", (event) => console.log(`[db] ${event.query}`));
  return db;
}

const cacheKey = Symbol.for("v4chat.db.clients");
type ClientCache = Map<string, Db>;

function cache(): ClientCache {
  const holder = globalThis as typeof globalThis & { [cacheKey]?: ClientCache };
  holder[cacheKey] ??= new Map();
  return holder[cacheKey];
}

/**
 * The process-wide client for `url` (default: `databaseUrl()`, i.e. DATABASE_URL or
 * `file:<DATA_DIR>/v4chat.db`). Does not apply migrations: run `applyMigrations` at startup.
 */
export function getDb(url: string = databaseUrl()): Db {
  const key = normalizeDatabaseUrl(url);
  const clients = cache();
  let db = clients.get(key);
  if (!db) {
    db = createDb(key);
    clients.set(key, db);
  }
  return db;
}

/** Disconnects and forgets every cached client (shutdown, tests). */
export async function disconnectAll(): Promise<void> {
  const clients = cache();
  const all = [...clients.values()];
  clients.clear();
  await Promise.allSettled(all.map((db) => db.$disconnect()));
}
