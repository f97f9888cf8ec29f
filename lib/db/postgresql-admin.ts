// Creating and dropping whole PostgreSQL databases (shadow databases for migration diffs, test
// databases), through a plain `pg` connection to the server's URL.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** `url` with another database name. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function run(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new empty database on the server of `serverUrl`, and how to drop it (closing its connections). */
export async function createTemporaryDatabase(
  serverUrl: string,
  prefix = "v4chat_tmp",
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await run(serverUrl, `CREATE DATABASE "${name}"`);
  return {
    url: withDatabaseName(serverUrl, name),
    name,
    drop: () => run(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** Runs `fn` holding a session-level advisory lock named `name` on the database of `url`. */
export async function withPostgresqlLock<T>(url: string, name: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
    return await fn();
  } finally {
    await client.end(); // ending the session releases the lock
  }
}
