// Prisma CLI configuration (Prisma 7: the datasource URL lives here, not in schema.prisma).
// The CLI does not read .env files; the URL comes from the same function the app uses
// (DATABASE_URL, else v4chat.db in DATA_DIR), so the two always open the same database.
import { defineConfig } from "prisma/config";
import { databaseUrl } from "./lib/db/url";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
  },
  datasource: {
    url: databaseUrl(),
  },
});
