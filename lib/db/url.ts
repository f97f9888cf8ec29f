// Database URL helpers: `file:` URLs open SQLite, `postgresql://` (or `postgres://`) URLs PostgreSQL.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DEFAULT_DATABASE_FILE = "data/v4chat.db";

export type DatabaseProvider = "sqlite" | "postgresql";

export function providerOf(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`Unsupported DATABASE_URL scheme: ${url.split(":")[0] ?? ""}: (expected file: or postgresql:)`);
}

/**
 * Absolute path of the SQLite file named by a `file:` URL. Relative paths are resolved from
 * `cwd` (the project root when started through npm scripts). Query parameters are ignored.
 */
export function sqliteFilePath(url: string, cwd: string = process.cwd()): string {
  if (!url.startsWith("file:")) throw new Error("Not a SQLite file: URL");
  const withoutQuery = url.replace(/\?.*$/, "");
  if (withoutQuery.startsWith("file://")) return fileURLToPath(withoutQuery);
  const rest = withoutQuery.slice("file:".length);
  if (rest === "" || rest === ":memory:") throw new Error("An in-memory SQLite database is not supported here");
  return path.resolve(/*turbopackIgnore: true*/ cwd, rest);
}

/** Where the database settings come from (process.env, or the app's parsed settings). */
export interface DatabaseSettings {
  DATABASE_URL?: string;
  DATA_DIR?: string;
}

/**
 * The one database URL everything opens (the app, `npm run db:migrate`, prisma.config.ts):
 * DATABASE_URL, else `file:<DATA_DIR or "data">/v4chat.db`. SQLite URLs come back with an
 * absolute path, so the result does not depend on the working directory of whoever opens it later.
 */
export function databaseUrl(settings: DatabaseSettings = process.env as DatabaseSettings, cwd: string = process.cwd()): string {
  const raw = settings.DATABASE_URL?.trim();
  if (raw) return normalizeDatabaseUrl(raw, cwd);
  const dataDir = settings.DATA_DIR?.trim() || path.dirname(DEFAULT_DATABASE_FILE);
  return normalizeDatabaseUrl(`file:${path.join(/*turbopackIgnore: true*/ dataDir, path.basename(DEFAULT_DATABASE_FILE))}`, cwd);
}

/** A database URL with SQLite paths made absolute (other URLs unchanged). */
export function normalizeDatabaseUrl(url: string, cwd: string = process.cwd()): string {
  if (providerOf(url) === "sqlite") return `file:${sqliteFilePath(url, cwd)}`;
  return url;
}
