import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { selectedPath } from "@/lib/chat/message-tree";
import { createDb } from "./client";
import { createMigration } from "./create-migration";
import { applyMigrations } from "./migrate";
import { listMessages } from "./messages";
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

  it("rejects URLs of databases it does not support", async () => {
    await expect(applyMigrations({ databaseUrl: "mysql://localhost/db" })).rejects.toThrow(/Unsupported/);
  });
});

describe("the message tree migration", () => {
  /** How the Prisma SQLite adapter writes a DateTime. */
  const stamp = (ms: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, 0) + ms).toISOString().replace("Z", "+00:00");
  const metrics = {
    model: "pro",
    modelId: "deepseek-v4-pro",
    mode: "think-high",
    effectiveMode: "think-high",
    backend: "deepseek",
    finishReason: "stop",
    inputTokens: 1200,
    cacheHitTokens: 1000,
    cacheMissTokens: 200,
    outputTokens: 345,
    reasoningTokens: 120,
    costUsd: 0.000123,
    ttftMs: 251,
    reasoningMs: 900,
    durationMs: 4321,
  };
  const noMetrics = Object.fromEntries(Object.keys(metrics).map((key) => [key, null])) as Record<keyof typeof metrics, null>;

  interface OldMessage {
    id: string;
    conversationId: string;
    role: "user" | "assistant";
    content: string;
    reasoning: string | null;
    status: string;
    errorCode: string | null;
    errorMessage: string | null;
    at: number;
    metrics: typeof metrics | typeof noMetrics;
  }
  const noError = { status: "complete", errorCode: null, errorMessage: null };
  const user = (conversationId: string, id: string, at: number, content: string): OldMessage => ({
    ...noError,
    id,
    conversationId,
    role: "user",
    content,
    reasoning: null,
    at,
    metrics: noMetrics,
  });
  const answer = (
    conversationId: string,
    id: string,
    at: number,
    content: string,
    reasoning: string | null,
    extra: Partial<OldMessage> = {},
  ): OldMessage => ({ ...noError, id, conversationId, role: "assistant", content, reasoning, at, metrics, ...extra });

  // In the old (createdAt, id) order per conversation. Ids deliberately do not sort like that
  // order, except where createdAt ties (then the id decides).
  const c1 = [
    user("c1", "m-9", 0, 'Say "hi"\nand \\ more ✓ 🙂'),
    answer("c1", "m-3", 1000, "Hi!", "They want a greeting.\nOK."),
    user("c1", "m-7", 2000, "Why?"),
    answer("c1", "m-1", 3000, "", null, {
      status: "error",
      errorCode: "rate_limit:chat",
      errorMessage: "Too many requests",
      metrics: noMetrics,
    }),
    // Two rows with the same createdAt: "m-4" before "m-5".
    user("c1", "m-5", 4000, "Again, please."),
    user("c1", "m-4", 4000, "Why, really?"),
    answer("c1", "m-2", 5000, "Because.", ""),
    answer("c1", "m-8", 6000, "", "Only thought, then stopped.", { status: "stopped" }),
  ];
  const c1Order = ["m-9", "m-3", "m-7", "m-1", "m-4", "m-5", "m-2", "m-8"];
  const c2 = [user("c2", "n-2", 500, "Another chat"), answer("c2", "n-1", 1500, "Sure.", "Thinking")];

  it("migrating a database made by the previous schema keeps every message", async () => {
    const root = tempDir();
    const firstOnly = path.join(root, "migrations");
    mkdirSync(firstOnly);
    cpSync(path.join(defaultMigrationsDir(), "20261129020528_init"), path.join(firstOnly, "20261129020528_init"), { recursive: true });
    cpSync(path.join(defaultMigrationsDir(), "migration_lock.toml"), path.join(firstOnly, "migration_lock.toml"));
    const file = path.join(root, "old.db");
    const url = `file:${file}`;
    expect((await applyMigrations({ databaseUrl: url, migrationsDir: firstOnly })).applied).toEqual(["20261129020528_init"]);

    const old = new Database(file);
    try {
      old.prepare(`INSERT INTO "User" (id, name, createdAt) VALUES ('u1', 'Old user', ?)`).run(stamp(0));
      const conversation = old.prepare(
        `INSERT INTO "Conversation" (id, userId, title, titleSource, model, mode, createdAt, updatedAt) VALUES (?, 'u1', ?, 'auto', 'flash', 'non-think', ?, ?)`,
      );
      conversation.run("c1", "First", stamp(0), stamp(6000));
      conversation.run("c2", "Second", stamp(400), stamp(1500));
      const insert = old.prepare(
        `INSERT INTO "Message" (id, conversationId, role, content, reasoning, status, errorCode, errorMessage, model, modelId, mode, effectiveMode, backend, finishReason, inputTokens, cacheHitTokens, cacheMissTokens, outputTokens, reasoningTokens, costUsd, ttftMs, reasoningMs, durationMs, createdAt, updatedAt)
         VALUES (@id, @conversationId, @role, @content, @reasoning, @status, @errorCode, @errorMessage, @model, @modelId, @mode, @effectiveMode, @backend, @finishReason, @inputTokens, @cacheHitTokens, @cacheMissTokens, @outputTokens, @reasoningTokens, @costUsd, @ttftMs, @reasoningMs, @durationMs, @createdAt, @updatedAt)`,
      );
      // Inserted backwards: the old order comes from createdAt and id, not from the rowid.
      for (const message of [...c2, ...c1].reverse()) {
        const { at, metrics: columns, ...rest } = message;
        insert.run({ ...rest, ...columns, createdAt: stamp(at), updatedAt: stamp(at + 10) });
      }
      expect(old.prepare(`SELECT COUNT(*) AS n FROM "Message"`).get()).toEqual({ n: 10 });
    } finally {
      old.close();
    }

    const { applied } = await applyMigrations({ databaseUrl: url });
    expect(applied).toEqual((await listMigrationNames(defaultMigrationsDir())).slice(1));
    expect(applied).toContain("20261130122943_message_tree");

    const db = createDb(url);
    try {
      expect(await db.message.count()).toBe(10);
      expect(await db.conversation.findMany({ orderBy: { id: "asc" } })).toMatchObject([
        { id: "c1", title: "First", model: "flash", updatedAt: new Date(stamp(6000)) },
        { id: "c2", title: "Second", updatedAt: new Date(stamp(1500)) },
      ]);

      for (const [conversationId, messages, order] of [
        ["c1", c1, c1Order],
        ["c2", c2, ["n-2", "n-1"]],
      ] as const) {
        const rows = await db.message.findMany({ where: { conversationId } });
        const byId = new Map(rows.map((row) => [row.id, row]));
        expect([...byId.keys()].sort()).toEqual([...order].sort());

        for (const message of messages) {
          const row = byId.get(message.id)!;
          const parts = [
            ...(message.reasoning ? [{ type: "reasoning", text: message.reasoning }] : []),
            ...(message.content ? [{ type: "text", text: message.content }] : []),
          ];
          expect(JSON.parse(row.parts), message.id).toEqual(parts);
          expect(row, message.id).toMatchObject({
            role: message.role,
            content: message.content,
            status: message.status,
            errorCode: message.errorCode,
            errorMessage: message.errorMessage,
            ...message.metrics,
            seq: 1,
            selected: true,
            lane: 0,
            createdAt: new Date(stamp(message.at)),
            updatedAt: new Date(stamp(message.at + 10)),
          });
        }
        // Each message follows the one before it in the old order.
        expect(order.map((id) => byId.get(id)!.parentId)).toEqual([null, ...order.slice(0, -1)]);

        const listed = await listMessages({ db, userId: "u1", conversationId });
        expect(selectedPath(listed).map((step) => step.message.id)).toEqual(order);
      }
      expect(JSON.parse((await db.message.findUniqueOrThrow({ where: { id: "m-9" } })).parts)).toEqual([
        { type: "text", text: 'Say "hi"\nand \\ more ✓ 🙂' },
      ]);
      expect((await db.message.findUniqueOrThrow({ where: { id: "m-1" } })).parts).toBe("[]");
    } finally {
      await db.$disconnect();
    }
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
    const schema = readFileSync(defaultSchemaPath(), "utf8").replace(/^(\s+email\s+String\?\s+@unique\n)/m, "$1  avatarUrl String?\n");
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
