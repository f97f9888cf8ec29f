// Database URL helpers. Only `file:` (SQLite) URLs are supported today; PostgreSQL URLs are
// recognised so that callers get a clear error instead of a confusing one.
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
  return path.resolve(cwd, rest);
}

/**
 * The database URL to use: `raw` (e.g. from the app's env module), else DATABASE_URL, else
 * `file:<cwd>/data/v4chat.db`. SQLite URLs come back with an absolute path, so the result does
 * not depend on the working directory of whoever opens it later.
 */
export function databaseUrl(raw: string | undefined = process.env.DATABASE_URL, cwd: string = process.cwd()): string {
  const url = raw && raw.trim() !== "" ? raw.trim() : `file:${DEFAULT_DATABASE_FILE}`;
  if (providerOf(url) === "sqlite") return `file:${sqliteFilePath(url, cwd)}`;
  return url;
}
