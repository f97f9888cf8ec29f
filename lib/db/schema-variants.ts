// One data model, two databases. prisma/schema.prisma (SQLite) is the one edited by hand;
// prisma/postgresql/schema.prisma is made from it by `npm run db:generate` and only differs in the
// datasource provider and where its client is generated. A unit test fails when the committed
// PostgreSQL file no longer matches (lib/db/schema-variants.test.ts).
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseProvider } from "./url";

function projectRoot(): string {
  const fromModule = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  if (existsSync(path.join(fromModule, "prisma"))) return fromModule;
  return process.cwd();
}

/** The schema file of each database (relative to the project root). */
export const SCHEMA_FILES: Record<DatabaseProvider, string> = {
  sqlite: "prisma/schema.prisma",
  postgresql: "prisma/postgresql/schema.prisma",
};

/** The migrations folder of each database: the SQL differs, so each has its own history. */
export const MIGRATIONS_DIRS: Record<DatabaseProvider, string> = {
  sqlite: "prisma/migrations",
  postgresql: "prisma/postgresql/migrations",
};

export function schemaPathOf(provider: DatabaseProvider): string {
  return path.join(projectRoot(), SCHEMA_FILES[provider]);
}

export function migrationsDirOf(provider: DatabaseProvider): string {
  return path.join(projectRoot(), MIGRATIONS_DIRS[provider]);
}

const HEADER = [
  "// MADE FROM prisma/schema.prisma by `npm run db:generate`: edit that file, not this one.",
  "// Only the datasource provider and the client's output folder differ.",
  "",
].join("\n");

/** The PostgreSQL schema for a SQLite schema's text. Throws when the expected lines are missing. */
export function postgresqlSchemaFrom(sqliteSchema: string): string {
  const provider = /(datasource\s+\w+\s*\{[^}]*provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*output\s*=\s*)"\.\.\/lib\/db\/generated"/;
  if (!provider.test(sqliteSchema)) throw new Error('schema.prisma: no datasource with provider = "sqlite"');
  if (!output.test(sqliteSchema)) throw new Error('schema.prisma: no client generator with output = "../lib/db/generated"');
  return (
    HEADER +
    sqliteSchema.replace(provider, '$1"postgresql"').replace(output, '$1"../../lib/db/generated-postgresql"')
  );
}
