// Usage: tsx lib/db/create-migration-cli.ts <name>   (npm run db:migration:create -- <name>)
//
// Writes the migration for a change of prisma/schema.prisma for both databases:
// prisma/migrations/<timestamp>_<name> (SQLite) and prisma/postgresql/migrations/<timestamp>_<name>.
// Run `npm run db:generate` first (it writes prisma/postgresql/schema.prisma). The PostgreSQL
// migration is the difference from the committed PostgreSQL schema, and needs a server to run the
// engine on (a temporary database): MIGRATION_POSTGRES_URL or
// TEST_POSTGRES_URL, which `scripts/test-services.sh run npm run db:migration:create -- <name>` sets.
import { execFileSync } from "node:child_process";
import { createMigration } from "./create-migration";
import { MIGRATION_FILE } from "./migrations-folder";
import { MIGRATIONS_DIRS, migrationsDirOf, SCHEMA_FILES, schemaPathOf } from "./schema-variants";

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) {
    console.error("Usage: tsx lib/db/create-migration-cli.ts <name>");
    process.exit(2);
  }
  const now = new Date();
  const sqlite = await createMigration({ name, now, schemaPath: schemaPathOf("sqlite"), migrationsDir: migrationsDirOf("sqlite") });
  console.log(
    sqlite
      ? `Created ${MIGRATIONS_DIRS.sqlite}/${sqlite.folder}/${MIGRATION_FILE}`
      : "SQLite: the schema matches the existing migrations, no migration created.",
  );

  const shadowUrl = process.env.MIGRATION_POSTGRES_URL || process.env.TEST_POSTGRES_URL;
  if (!shadowUrl) {
    console.error(
      "PostgreSQL: no server to compare on. Run `npm run db:generate`, then\n" +
        `  scripts/test-services.sh run npm run db:migration:create -- ${name}`,
    );
    process.exit(1);
  }
  const postgresql = await createMigration({
    name,
    now,
    shadowUrl,
    fromSchema: committedPostgresqlSchema(),
    schemaPath: schemaPathOf("postgresql"),
    migrationsDir: migrationsDirOf("postgresql"),
  });
  console.log(
    postgresql
      ? `Created ${MIGRATIONS_DIRS.postgresql}/${postgresql.folder}/${MIGRATION_FILE}`
      : "PostgreSQL: the schema matches the existing migrations, no migration created.",
  );
}

/**
 * The PostgreSQL schema as last committed: the one its migrations build (the drift test keeps
 * the two equal). `npm run db:generate` has already rewritten the working copy from the change.
 */
function committedPostgresqlSchema(): string | null {
  try {
    return execFileSync("git", ["show", `HEAD:${SCHEMA_FILES.postgresql}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return null;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
