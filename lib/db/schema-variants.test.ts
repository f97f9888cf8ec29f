// The two databases keep one data model: the PostgreSQL schema is the SQLite one with another
// provider (PostgreSQL's migrations are checked against it in postgresql-migrations.test.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMigrationList } from "./migrations-folder";
import { postgresqlSchemaFrom, migrationsDirOf, schemaPathOf } from "./schema-variants";

describe("schema for both databases", () => {
  it("prisma/postgresql/schema.prisma is prisma/schema.prisma with the PostgreSQL provider (npm run db:generate)", () => {
    const sqlite = readFileSync(schemaPathOf("sqlite"), "utf8");
    const postgresql = readFileSync(schemaPathOf("postgresql"), "utf8");
    expect(postgresql).toBe(postgresqlSchemaFrom(sqlite));
    expect(postgresql).toMatch(/provider\s*=\s*"postgresql"/);
  });

  it("has the same migration-lock providers as the schemas", async () => {
    expect((await readMigrationList(migrationsDirOf("sqlite"))).lockfile.content).toContain('provider = "sqlite"');
    expect((await readMigrationList(migrationsDirOf("postgresql"))).lockfile.content).toContain('provider = "postgresql"');
  });

  it("refuses a schema it cannot turn into the PostgreSQL one", () => {
    expect(() => postgresqlSchemaFrom('datasource db {\n  provider = "mysql"\n}\n')).toThrow(/sqlite/);
  });
});
