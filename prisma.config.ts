// Prisma CLI configuration (Prisma 7: the datasource URL lives here, not in schema.prisma).
// The CLI does not read .env files; the URL comes from the same function the app uses
// (DATABASE_URL, else v4chat.db in DATA_DIR), so the two always open the same database. A
// PostgreSQL URL picks the PostgreSQL schema and its own migrations folder.
import { defineConfig } from "prisma/config";
import { MIGRATIONS_DIRS, SCHEMA_FILES } from "./lib/db/schema-variants";
import { databaseUrl, providerOf } from "./lib/db/url";

const url = databaseUrl();
const provider = providerOf(url);

export default defineConfig({
  schema: SCHEMA_FILES[provider],
  migrations: {
    path: MIGRATIONS_DIRS[provider],
  },
  datasource: {
    url,
  },
});
