// `prisma migrate deploy`, offline: applies every migration folder of the database's folder
// (prisma/migrations for SQLite, prisma/postgresql/migrations for PostgreSQL) that the
// database has not recorded yet, through Prisma's WebAssembly schema engine. The engine keeps
// the standard `_prisma_migrations` table, so the native CLI sees the same history.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { databaseTarget } from "./adapters";
import { listMigrationNames, readMigrationList } from "./migrations-folder";
import { migrationsDirOf } from "./schema-variants";
import { withPostgresqlLock } from "./postgresql-admin";
import { NO_FILTER, withSchemaEngine } from "./schema-engine";
import { providerOf } from "./url";

export interface ApplyMigrationsOptions {
  databaseUrl: string;
  /** Defaults to the database's folder: `prisma/migrations` (SQLite), `prisma/postgresql/migrations`. */
  migrationsDir?: string;
  /** Engine log lines (JSON); silent by default. */
  log?: (message: string) => void;
  /**
   * Skip loading the engine when `_prisma_migrations` already records every folder as finished
   * (read directly through the driver). Default true; false always asks the engine.
   */
  fastPath?: boolean;
}

export async function applyMigrations(opts: ApplyMigrationsOptions): Promise<{ applied: string[] }> {
  if (providerOf(opts.databaseUrl) === "postgresql") {
    // Several instances may start at once against one server: they migrate one after the other.
    return withPostgresqlLock(opts.databaseUrl, "v4chat.migrate", () => applyMigrationsNow(opts));
  }
  return applyMigrationsNow(opts);
}

async function applyMigrationsNow(opts: ApplyMigrationsOptions): Promise<{ applied: string[] }> {
  const target = databaseTarget(opts.databaseUrl);
  const migrationsDir = opts.migrationsDir ?? migrationsDirOf(target.provider);
  target.prepare();

  // Fast path: when every folder is already recorded as finished (and nothing is left failed),
  // there is nothing to do and no reason to load the engine.
  const names = await listMigrationNames(migrationsDir);
  const state = opts.fastPath === false ? null : await target.readAppliedMigrations?.();
  if (state && !state.hasFailed && names.every((name) => state.finished.has(name))) {
    return { applied: [] };
  }

  const migrationsList = await readMigrationList(migrationsDir);
  const tracked = trackConnections(target.adapterFactory());
  try {
    const output = await withSchemaEngine({ adapterFactory: tracked.factory, log: opts.log }, (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
    );
    return { applied: output.appliedMigrationNames };
  } finally {
    await tracked.disposeAll();
  }
}

/**
 * Wraps a factory so every connection the engine opens is closed once it is done (freeing the
 * engine does not reliably release the SQLite file handle).
 */
function trackConnections(inner: SqlMigrationAwareDriverAdapterFactory): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  disposeAll(): Promise<void>;
} {
  const opened: SqlDriverAdapter[] = [];
  const keep = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => inner.connect().then(keep),
    connectToShadowDb: () => inner.connectToShadowDb().then(keep),
  };
  return {
    factory,
    async disposeAll() {
      await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
    },
  };
}
