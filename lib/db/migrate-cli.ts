// Usage: tsx lib/db/migrate-cli.ts   (npm run db:migrate)
//
// Applies the pending migrations of prisma/migrations to the app's database (DATABASE_URL, else
// v4chat.db in DATA_DIR, relative to the working directory, i.e. the project root), like
// `prisma migrate deploy` but offline. Set DB_MIGRATE_VERBOSE=1 to see the engine's log.
import { applyMigrations } from "./migrate";
import { databaseUrl } from "./url";

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, "//$1:***@");
}

async function main(): Promise<void> {
  const url = databaseUrl();
  const started = performance.now();
  const { applied } = await applyMigrations({
    databaseUrl: url,
    log: process.env.DB_MIGRATE_VERBOSE ? (line) => console.error(line.trim()) : undefined,
  });
  const ms = Math.round(performance.now() - started);
  if (applied.length === 0) {
    console.log(`Database is up to date (${redact(url)}, ${ms} ms).`);
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${redact(url)} in ${ms} ms:`);
    for (const name of applied) console.log(`  ${name}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
