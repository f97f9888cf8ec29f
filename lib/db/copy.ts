// Copies everything from one database into another that is empty (a SQLite file into a new
// PostgreSQL database, when a team outgrows one machine). Both are migrated first, so they have
// the same tables; rows go over table by table, parents before children, in batches, inside one
// transaction on the target: it ends with every row or with none. Rows are counted on both sides
// afterwards, and any difference fails the copy (nothing is committed).
import { createDb, type Db } from "./client";
import { ModelName } from "./generated/internal/prismaNamespace";
import { applyMigrations } from "./migrate";

/** Every model, parents before the tables that refer to them. */
export const COPY_ORDER = [
  "User",
  "Session",
  "Account",
  "Verification",
  "Setting",
  "Folder",
  "Conversation",
  "Message",
  "Attachment",
  "Document",
  "Comparison",
  "ComparisonVote",
] as const satisfies readonly ModelName[];

type Model = (typeof COPY_ORDER)[number];

/** Rows per read and per insert: well under PostgreSQL's 65535 parameters for the widest table. */
const BATCH = 500;

export class TargetNotEmpty extends Error {
  constructor(readonly counts: Record<string, number>) {
    const filled = Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([model, count]) => `${model}: ${count}`)
      .join(", ");
    super(`The target database is not empty (${filled}); nothing was copied.`);
    this.name = "TargetNotEmpty";
  }
}

export interface CopyReport {
  /** Rows per model: in the source, and in the target after the copy. */
  tables: Array<{ model: Model; source: number; target: number }>;
}

type Delegate = {
  count(): Promise<number>;
  findMany(args: { take: number; skip?: number; cursor?: Record<string, string>; orderBy: Record<string, "asc"> }): Promise<Record<string, unknown>[]>;
  createMany(args: { data: Record<string, unknown>[] }): Promise<{ count: number }>;
};

function delegate(db: Db | Parameters<Parameters<Db["$transaction"]>[0]>[0], model: Model): Delegate {
  const name = model.charAt(0).toLowerCase() + model.slice(1);
  return (db as unknown as Record<string, Delegate>)[name]!;
}

/** The column each model is read in order of (its primary key). */
const KEY: Partial<Record<Model, string>> = { Setting: "key", Comparison: "conversationId" };

async function counts(db: Db): Promise<Record<Model, number>> {
  const entries = await Promise.all(COPY_ORDER.map(async (model) => [model, await delegate(db, model).count()] as const));
  return Object.fromEntries(entries) as Record<Model, number>;
}

export async function copyDatabase({
  fromUrl,
  toUrl,
  log = () => {},
}: {
  fromUrl: string;
  toUrl: string;
  log?: (line: string) => void;
}): Promise<CopyReport> {
  if (fromUrl === toUrl) throw new Error("The source and the target are the same database");
  await applyMigrations({ databaseUrl: fromUrl });
  await applyMigrations({ databaseUrl: toUrl });
  const source = createDb(fromUrl);
  const target = createDb(toUrl);
  try {
    const before = await counts(target);
    if (Object.values(before).some((count) => count > 0)) throw new TargetNotEmpty(before);
    const expected = await counts(source);

    await target.$transaction(
      async (tx) => {
        for (const model of COPY_ORDER) {
          const key = KEY[model] ?? "id";
          let cursor: string | undefined;
          let copied = 0;
          for (;;) {
            const rows = await delegate(source, model).findMany({
              take: BATCH,
              ...(cursor === undefined ? {} : { skip: 1, cursor: { [key]: cursor } }),
              orderBy: { [key]: "asc" },
            });
            if (rows.length === 0) break;
            await delegate(tx, model).createMany({ data: rows });
            copied += rows.length;
            cursor = rows[rows.length - 1]![key] as string;
            if (rows.length < BATCH) break;
          }
          log(`${model}: ${copied}`);
        }
        // Counted inside the transaction: a difference rolls everything back.
        const after = await Promise.all(COPY_ORDER.map((model) => delegate(tx, model).count()));
        const wrong = COPY_ORDER.filter((model, index) => after[index] !== expected[model]);
        if (wrong.length > 0) {
          throw new Error(`Row counts differ after the copy (${wrong.map((model) => `${model}: ${expected[model]} → ${after[COPY_ORDER.indexOf(model)]}`).join(", ")}); nothing was kept.`);
        }
      },
      { timeout: 6 * 60 * 60 * 1000, maxWait: 60_000 },
    );

    const after = await counts(target);
    return { tables: COPY_ORDER.map((model) => ({ model, source: expected[model], target: after[model] })) };
  } finally {
    await Promise.allSettled([source.$disconnect(), target.$disconnect()]);
  }
}
