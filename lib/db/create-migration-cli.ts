// Usage: tsx lib/db/create-migration-cli.ts <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql (see create-migration.ts).
import { createMigration } from "./create-migration";
import { MIGRATION_FILE } from "./migrations-folder";

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) {
    console.error("Usage: tsx lib/db/create-migration-cli.ts <name>");
    process.exit(2);
  }
  const created = await createMigration({ name });
  if (!created) {
    console.log("The schema matches the existing migrations: no migration created.");
    return;
  }
  console.log(`Created prisma/migrations/${created.folder}/${MIGRATION_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
