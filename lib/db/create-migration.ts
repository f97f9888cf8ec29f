// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the schema
// produced by the existing migrations to the current prisma/schema.prisma, computed offline by
// the WebAssembly schema engine's `diff` (the existing migrations are replayed on an in-memory
// shadow SQLite database). The result is a standard folder: `prisma migrate deploy` applies it.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import {
  LOCKFILE,
  MIGRATION_FILE,
  defaultMigrationsDir,
  defaultSchemaPath,
  lockfileContent,
  readMigrationList,
  schemaProvider,
} from "./migrations-folder";
import { NO_FILTER, withSchemaEngine, withShadowScriptFallback } from "./schema-engine";

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
}): Promise<{ folder: string; sql: string } | null> {
  const slug = migrationSlug(opts.name);
  if (!slug) throw new Error("Give the migration a name, e.g. add_message_index");
  const schemaPath = opts.schemaPath ?? defaultSchemaPath();
  const migrationsDir = opts.migrationsDir ?? defaultMigrationsDir();
  const schema = await readFile(schemaPath, "utf8");
  const provider = schemaProvider(schema);
  if (provider !== "sqlite") {
    throw new Error(`Only the sqlite provider is wired up for offline diffs (schema says "${provider}")`);
  }

  const migrationsList = await readMigrationList(migrationsDir);
  const existingProvider = migrationsList.lockfile.content
    ? /provider\s*=\s*"([^"]+)"/.exec(migrationsList.lockfile.content)?.[1]
    : undefined;
  if (existingProvider && existingProvider !== provider) {
    throw new Error(`${LOCKFILE} says "${existingProvider}" but the schema says "${provider}"`);
  }

  // The engine replays the existing migrations on the shadow database (in memory).
  const adapterFactory = withShadowScriptFallback(new PrismaBetterSqlite3({ url: ":memory:" }));
  const result = await withSchemaEngine({ adapterFactory }, (engine) =>
      engine.diff({
        from: migrationsList.migrationDirectories.length > 0 ? { tag: "migrations", ...migrationsList } : { tag: "empty" },
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
        script: true,
        exitCode: true,
        filters: NO_FILTER,
      }),
    );
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
