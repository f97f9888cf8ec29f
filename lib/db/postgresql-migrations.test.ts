// prisma/postgresql/migrations must build exactly prisma/postgresql/schema.prisma: a model changed
// without its PostgreSQL migration fails here. One database is built by the migrations, another
// by the SQL the schema engine writes for the schema from nothing; their catalogues must match.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createMigration } from "./create-migration";
import { applyMigrations } from "./migrate";
import { listMigrationNames } from "./migrations-folder";
import { migrationsDirOf, schemaPathOf } from "./schema-variants";
import { createEmptyPostgresDatabase, testDatabaseProvider, testPostgresUrl } from "./test-helpers";

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** Tables, columns, indexes and constraints of the public schema, in a stable order. */
async function catalogue(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT con.conname, con.contype::text AS type, pg_get_constraintdef(con.oid) AS definition
         FROM pg_constraint con JOIN pg_namespace ns ON ns.oid = con.connamespace
        WHERE ns.nspname = 'public' AND con.conrelid::regclass::text <> '_prisma_migrations' ORDER BY con.conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}

describe.runIf(testDatabaseProvider() === "postgresql")("PostgreSQL migrations", () => {
  it("are applied once, at the first start; later starts find nothing to do", async () => {
    const database = await createEmptyPostgresDatabase();
    cleanups.push(database.drop);
    const first = await applyMigrations({ databaseUrl: database.url });
    expect(first.applied).toEqual(await listMigrationNames(migrationsDirOf("postgresql")));
    expect((await applyMigrations({ databaseUrl: database.url })).applied).toEqual([]);
    expect((await applyMigrations({ databaseUrl: database.url, fastPath: false })).applied).toEqual([]);
  });

  it("build exactly the schema", async () => {
    const [migrated, fromSchema] = await Promise.all([createEmptyPostgresDatabase(), createEmptyPostgresDatabase()]);
    cleanups.push(migrated.drop, fromSchema.drop);
    await applyMigrations({ databaseUrl: migrated.url });

    const dir = mkdtempSync(path.join(tmpdir(), "v4chat-drift-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const whole = await createMigration({
      name: "whole",
      shadowUrl: testPostgresUrl(),
      schemaPath: schemaPathOf("postgresql"),
      migrationsDir: dir,
    });
    expect(whole?.sql).toContain('CREATE TABLE "Message"');
    await applyMigrations({ databaseUrl: fromSchema.url, migrationsDir: dir });

    const [byMigrations, bySchema] = await Promise.all([catalogue(migrated.url), catalogue(fromSchema.url)]);
    expect(byMigrations).toEqual(bySchema);
  });
});
