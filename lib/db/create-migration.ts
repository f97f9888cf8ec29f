// Writes <migrations>/<timestamp>_<name>/migration.sql with the SQL that takes the schema
// produced by the existing migrations to the current schema, computed offline by the
// WebAssembly schema engine's `diff`.
// - SQLite: the existing migrations are replayed on an in-memory shadow database.
// - PostgreSQL: the engine cannot read a live PostgreSQL schema through the `pg` adapter (it
//   stops at the catalogue's internal "char" columns), so the diff starts from the schema file
//   the existing migrations were made for (`fromSchema`, the committed one) instead. The engine
//   still wants a connection: a temporary database on `shadowUrl`'s server. That the migrations
//   build exactly the schema is checked by lib/db/postgresql-migrations.test.ts.
// The result is a standard folder: `prisma migrate deploy` applies it.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import {
  LOCKFILE,
  MIGRATION_FILE,
  defaultMigrationsDir,
  defaultSchemaPath,
  lockfileContent,
  readMigrationList,
  schemaProvider,
} from "./migrations-folder";
import { createTemporaryDatabase } from "./postgresql-admin";
import { NO_FILTER, type SchemaEngine, withSchemaEngine, withShadowScriptFallback } from "./schema-engine";

export function migrationTimestamp(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    String(date.getUTCFullYear()) +
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds())
  );
}

export function migrationSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
}

export async function createMigration(opts: {
  name: string;
  schemaPath?: string;
  migrationsDir?: string;
  now?: Date;
  /** PostgreSQL only: a server where a temporary database may be created. */
  shadowUrl?: string;
  /** PostgreSQL only: the schema the existing migrations build (null or absent: none). */
  fromSchema?: string | null;
}): Promise<{ folder: string; sql: string } | null> {
  const slug = migrationSlug(opts.name);
  if (!slug) throw new Error("Give the migration a name, e.g. add_message_index");
  const schemaPath = opts.schemaPath ?? defaultSchemaPath();
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir();
  const schema = await readFile(schemaPath, "utf8");
  const provider = schemaProvider(schema);
  if (provider !== "sqlite" && provider !== "postgresql") {
    throw new Error(`No offline diff for the provider "${provider}"`);
  }

  const migrationsList = await readMigrationList(migrationsDir);
  const existingProvider = migrationsList.lockfile.content
    ? /provider\s*=\s*"([^"]+)"/.exec(migrationsList.lockfile.content)?.[1]
    : undefined;
  if (existingProvider && existingProvider !== provider) {
    throw new Error(`${LOCKFILE} says "${existingProvider}" but the schema says "${provider}"`);
  }

  const replay = migrationsList.migrationDirectories.length > 0;
  let adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  let shadow: { url: string; drop(): Promise<void> } | undefined;
  if (provider === "sqlite") {
    // The engine replays the existing migrations on the shadow database (in memory).
    adapterFactory = withShadowScriptFallback(new PrismaBetterSqlite3({ url: ":memory:" }));
  } else {
    // The engine connects even to compare two schema files: a temporary database, dropped afterwards.
    if (!opts.shadowUrl) throw new Error("A PostgreSQL migration needs a server for its shadow database (shadowUrl)");
    shadow = await createTemporaryDatabase(opts.shadowUrl);
    adapterFactory = new PrismaPg({ connectionString: shadow.url });
  }
  let result: Awaited<ReturnType<SchemaEngine["diff"]>>;
  try {
    result = await withSchemaEngine({ adapterFactory }, (engine) =>
      engine.diff({
        from: provider === "postgresql"
          ? opts.fromSchema
            ? { tag: "schemaDatamodel", files: [{ path: schemaPath, content: opts.fromSchema }] }
            : { tag: "empty" }
          : replay ? { tag: "migrations", ...migrationsList } : { tag: "empty" },
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
        script: true,
        exitCode: true,
        filters: NO_FILTER,
      }),
    );
  } finally {
    await shadow?.drop();
  }
  // With exitCode: true the engine answers 2 when there is something to migrate, 0 when not.
  if (result.exitCode !== 2 || !result.stdout) return null;

  const folder = `${migrationTimestamp(opts.now)}_${slug}`;
  const folderPath = path.join(migrationsDir, folder);
  if (existsSync(folderPath)) throw new Error(`${folderPath} already exists`);
  await mkdir(folderPath, { recursive: true });
  await writeFile(path.join(folderPath, MIGRATION_FILE), result.stdout);
  const lockPath = path.join(migrationsDir, LOCKFILE);
  if (!existsSync(lockPath)) await writeFile(lockPath, lockfileContent(provider));
  return { folder, sql: result.stdout };
}
