// Prisma CLI configuration (Prisma 7: the datasource URL lives here, not in schema.prisma).
// The CLI does not read .env files; DATABASE_URL comes from the environment.
// SQLite paths in the default URL are relative to the project root.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "file:./data/v4chat.db",
  },
});
