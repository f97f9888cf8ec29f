// The database and API unit tests again, against PostgreSQL: every test database is a fresh
// database on the server that scripts/test-services.sh starts (TEST_POSTGRES_URL), and the
// shared-state tests use its Redis (TEST_REDIS_URL).
// npm run test:postgresql (starts both), or npm run test:unit:postgresql with them running.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "lib/testing/empty-module.ts"),
    },
  },
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
      "lib/events/**/*.test.ts",
    ],
    // Tests of SQLite files themselves (the migration runner on a file).
    exclude: ["lib/db/migrate.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    env: { TEST_DATABASE: "postgresql" },
  },
});
