// Loads Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm) and opens it on a
// driver adapter. This is the offline replacement for the native `schema-engine` binary that
// `prisma migrate` would download: same migration logic, same `_prisma_migrations` table.
//
// The package's JS glue keeps the wasm instance in module state, so the module is instantiated
// once per process and shared by every engine created afterwards.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";

export type {
  DiffTarget,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
} from "@prisma/schema-engine-wasm";

type WasmBindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let bindingsPromise: Promise<WasmBindings> | undefined;

function wasmPackageDir(): string {
  const require = createRequire(import.meta.url);
  // The package's "." export resolves to <pkg>/schema_engine.js.
  return path.dirname(require.resolve("@prisma/schema-engine-wasm"));
}

async function instantiate(): Promise<WasmBindings> {
  const bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(path.join(wasmPackageDir(), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
  });
  bindings.__wbg_set_wasm(instance.exports);
  const start = instance.exports["__wbindgen_start"];
  if (typeof start === "function") (start as () => void)();
  return bindings;
}

/** The wasm bindings, instantiated on first use (about 5 MB of wasm to compile). */
export function loadSchemaEngineWasm(): Promise<WasmBindings> {
  bindingsPromise ??= instantiate().catch((error: unknown) => {
    bindingsPromise = undefined;
    throw error;
  });
  return bindingsPromise;
}

export type EngineLogger = (message: string) => void;

/**
 * Opens a schema engine on the given migration-aware adapter factory (better-sqlite3 today;
 * adapter-pg works the same way) and runs `fn` with it, always freeing it afterwards.
 * `datamodels` are `[path, content]` pairs of .prisma files.
 *
 * Errors thrown by the adapter reach the engine only as "External error id#N"; they are looked
 * up in the binder's error registry and attached to the thrown Error's message.
 */
export async function withSchemaEngine<T>(
  opts: {
    adapterFactory: SqlMigrationAwareDriverAdapterFactory;
    datamodels?: [string, string][];
    log?: EngineLogger;
  },
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngineWasm();
  const log = opts.log ?? (() => {});
  const bound = bindMigrationAwareSqlAdapterFactory(opts.adapterFactory);
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngine.new(
      { datamodels: opts.datamodels },
      (message: unknown) => log(typeof message === "string" ? message : JSON.stringify(message)),
      bound,
    );
    return await fn(engine);
  } catch (error) {
    throw describeEngineError(error, bound.errorRegistry);
  } finally {
    engine?.free();
  }
}

/** Engine errors arrive as strings or plain objects; returns an Error with a readable message. */
export function describeEngineError(error: unknown, registry?: ErrorRegistry): Error {
  let message: string;
  if (typeof error === "string") message = error;
  else if (error instanceof Error) message = error.message;
  else if (error && typeof error === "object" && "message" in error && typeof error.message === "string")
    message = error.message;
  else message = JSON.stringify(error);

  const causes: string[] = [];
  if (registry) {
    for (const match of message.matchAll(/External error id#(\d+)/g)) {
      const record = registry.consumeError(Number(match[1]));
      if (record) causes.push(record.error instanceof Error ? record.error.message : String(record.error));
    }
  }
  if (causes.length === 0 && error instanceof Error) return error;
  const full = causes.length > 0 ? `${message.trim()}\nCaused by: ${causes.join("\nCaused by: ")}` : message;
  return new Error(`Schema engine: ${full}`, { cause: error });
}

/** An empty filter: no externally managed tables or enums. */
export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * When replaying migrations on the shadow database (diff from `migrations`), the wasm engine
 * sends each whole migration.sql through `executeRaw`, which better-sqlite3 refuses for more
 * than one statement. This wrapper retries such a call through `executeScript`.
 */
export function withShadowScriptFallback(
  inner: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  const patch = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(target, property, receiver) {
        if (property !== "executeRaw") return Reflect.get(target, property, receiver) as unknown;
        return async (query: SqlQuery): Promise<number> => {
          try {
            return await target.executeRaw(query);
          } catch (error) {
            const multiStatement = error instanceof Error && /more than one statement/i.test(error.message);
            if (!multiStatement || query.args.length > 0) throw error;
            await target.executeScript(query.sql);
            return 0;
          }
        };
      },
    });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => inner.connect(),
    connectToShadowDb: () => inner.connectToShadowDb().then(patch),
  };
}
