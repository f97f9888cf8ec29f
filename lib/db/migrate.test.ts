import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { createMigration } from "./create-migration";
import { applyMigrations } from "./migrate";
import { defaultMigrationsDir, defaultSchemaPath, listMigrationNames } from "./migrations-folder";
import { databaseUrl, sqliteFilePath } from "./url";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "v4chat-migrate-test-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[];
    return rows.map((row) => row.name);
  } finally {
    db.close();
  }
}

function recorded(file: string): { migration_name: string; finished_at: unknown; checksum: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT migration_name, finished_at, checksum FROM _prisma_migrations").all() as {
      migration_name: string;
      finished_at: unknown;
      checksum: string;
    }[];
  } finally {
    db.close();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

describe("applyMigrations", () => {
  it("creates the folder, applies every migration once, and is idempotent", async () => {
    const file = path.join(tempDir(), "missing", "folder", "app.db");
    const url = `file:${file}`;
    const expected = await listMigrationNames(defaultMigrationsDir());
    expect(expected.length).toBeGreaterThan(0);

    const [first, freshMs] = await timed(() => applyMigrations({ databaseUrl: url }));
    expect(first.applied).toEqual(expected);
    expect(tables(file)).toEqual(expect.arrayContaining(["User", "Conversation", "Message", "_prisma_migrations"]));
    const rows = recorded(file);
    expect(rows.map((row) => row.migration_name).sort()).toEqual(expected);
    expect(rows.every((row) => row.finished_at != null && row.checksum.length === 64)).toBe(true);

    const [second, fastMs] = await timed(() => applyMigrations({ databaseUrl: url }));
    expect(second.applied).toEqual([]);
    // The engine itself agrees there is nothing left (no fast path).
    const [third, engineMs] = await timed(() => applyMigrations({ databaseUrl: url, fastPath: false }));
    expect(third.applied).toEqual([]);
    expect(recorded(file)).toHaveLength(expected.length);

    console.info(
      `applyMigrations timings: fresh ${freshMs.toFixed(1)} ms, up to date ${fastMs.toFixed(1)} ms (fast path), ` +
        `${engineMs.toFixed(1)} ms (engine)`,
    );
  });

  it("releases the database after migrating (the app can write right away)", async () => {
    const url = `file:${path.join(tempDir(), "app.db")}`;
    await applyMigrations({ databaseUrl: url, fastPath: false });
    const db = createDb(url);
    try {
      await db.user.create({ data: { id: "u", name: "U" } });
      expect(await db.user.count()).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });

  it("applies only the migrations added since the last run", async () => {
    const migrationsDir = path.join(tempDir(), "migrations");
    cpSync(defaultMigrationsDir(), migrationsDir, { recursive: true });
    const file = path.join(tempDir(), "app.db");
    const url = `file:${file}`;
    await applyMigrations({ databaseUrl: url, migrationsDir });

    const added = "99990101000000_add_note";
    mkdirSync(path.join(migrationsDir, added));
    writeFileSync(path.join(migrationsDir, added, "migration.sql"), 'CREATE TABLE "Note" ("id" TEXT NOT NULL PRIMARY KEY);\n');

    expect((await applyMigrations({ databaseUrl: url, migrationsDir })).applied).toEqual([added]);
    expect(tables(file)).toContain("Note");
    expect((await applyMigrations({ databaseUrl: url, migrationsDir })).applied).toEqual([]);
  });

  it("reports a failing migration and does not skip it on the next run", async () => {
    const migrationsDir = path.join(tempDir(), "migrations");
    cpSync(defaultMigrationsDir(), migrationsDir, { recursive: true });
    const broken = "99990101000000_broken";
    mkdirSync(path.join(migrationsDir, broken));
    writeFileSync(path.join(migrationsDir, broken, "migration.sql"), "CREATE TABLE oops (;\n");
    const url = `file:${path.join(tempDir(), "app.db")}`;

    await expect(applyMigrations({ databaseUrl: url, migrationsDir })).rejects.toThrow(/broken/);
    // The failed row blocks further deploys, exactly like `prisma migrate deploy` (P3009).
    await expect(applyMigrations({ databaseUrl: url, migrationsDir })).rejects.toThrow();
  });

  it("rejects URLs it cannot handle yet", async () => {
    await expect(applyMigrations({ databaseUrl: "postgresql://u:p@localhost/db" })).rejects.toThrow(/PostgreSQL/);
    await expect(applyMigrations({ databaseUrl: "mysql://localhost/db" })).rejects.toThrow(/Unsupported/);
  });
});

describe("createMigration", () => {
  it("finds nothing to do when the migrations match schema.prisma", async () => {
    const migrationsDir = path.join(tempDir(), "migrations");
    cpSync(defaultMigrationsDir(), migrationsDir, { recursive: true });
    expect(await createMigration({ name: "noop", migrationsDir })).toBeNull();
    expect(await listMigrationNames(migrationsDir)).toEqual(await listMigrationNames(defaultMigrationsDir()));
  });

  it("writes a standard folder with the SQL for a schema change, which then applies", async () => {
    const root = tempDir();
    const migrationsDir = path.join(root, "migrations");
    cpSync(defaultMigrationsDir(), migrationsDir, { recursive: true });
    const schemaPath = path.join(root, "schema.prisma");
    const schema = readFileSync(defaultSchemaPath(), "utf8").replace(
      "  email         String?        @unique\n",
      "  email         String?        @unique\n  avatarUrl     String?\n",
    );
    expect(schema).toContain("avatarUrl");
    writeFileSync(schemaPath, schema);

    const created = await createMigration({
      name: "Add avatar URL!",
      schemaPath,
      migrationsDir,
      now: new Date(Date.UTC(2099, 0, 2, 3, 4, 5)),
    });
    expect(created?.folder).toBe("20990102030405_add_avatar_url");
    const sql = readFileSync(path.join(migrationsDir, "20990102030405_add_avatar_url", "migration.sql"), "utf8");
    expect(sql).toMatch(/ALTER TABLE "User" ADD COLUMN "avatarUrl" TEXT/);
    expect(readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "sqlite"');

    const url = `file:${path.join(root, "app.db")}`;
    const { applied } = await applyMigrations({ databaseUrl: url, migrationsDir });
    expect(applied.at(-1)).toBe("20990102030405_add_avatar_url");
    expect(await createMigration({ name: "again", schemaPath, migrationsDir })).toBeNull();
  });

  it("creates the initial migration from an empty folder", async () => {
    const migrationsDir = path.join(tempDir(), "migrations");
    const created = await createMigration({ name: "init", migrationsDir });
    expect(created?.sql).toContain('CREATE TABLE "Message"');
    expect(readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "sqlite"');
  });
});

describe("database URLs", () => {
  it("defaults to data/v4chat.db under the working directory, as an absolute path", () => {
    expect(databaseUrl({}, "/srv/app")).toBe("file:/srv/app/data/v4chat.db");
    expect(databaseUrl({ DATABASE_URL: "" }, "/srv/app")).toBe("file:/srv/app/data/v4chat.db");
    expect(databaseUrl({ DATABASE_URL: "file:./x/y.db" }, "/srv/app")).toBe("file:/srv/app/x/y.db");
    expect(databaseUrl({ DATABASE_URL: "file:/abs/z.db?mode=rwc" }, "/srv/app")).toBe("file:/abs/z.db");
    expect(databaseUrl({ DATABASE_URL: "postgresql://h/db" }, "/srv/app")).toBe("postgresql://h/db");
    // DATA_DIR moves the default file for the app, the migration command and the Prisma CLI alike.
    expect(databaseUrl({ DATA_DIR: "state" }, "/srv/app")).toBe("file:/srv/app/state/v4chat.db");
    expect(databaseUrl({ DATA_DIR: "/var/lib/v4chat" }, "/srv/app")).toBe("file:/var/lib/v4chat/v4chat.db");
    expect(databaseUrl({ DATA_DIR: "/var/lib/v4chat", DATABASE_URL: "file:/x.db" }, "/srv/app")).toBe("file:/x.db");
    expect(sqliteFilePath("file:///tmp/a%20b.db")).toBe("/tmp/a b.db");
  });
});
