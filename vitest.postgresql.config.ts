// The database and API unit tests again, against PostgreSQL: every test database is a fresh
// database on the server that scripts/test-services.sh starts (TEST_POSTGRES_URL).
// npm run test:unit:postgresql
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: [
        "lib/db/**/*.test.ts",
        "lib/search/**/*.test.ts",
        "lib/chat/**/*.test.ts",
        "lib/compare/**/*.test.ts",
        "lib/archive/**/*.test.ts",
        "lib/documents/service.test.ts",
        "lib/auth/**/*.test.ts",
        "lib/shared-state/**/*.test.ts",
      ],
      // Tests of SQLite files themselves (the migration runner on a file, FTS5 upkeep).
      exclude: ["lib/db/migrate.test.ts"],
      env: { TEST_DATABASE: "postgresql" },
    },
  }),
);
