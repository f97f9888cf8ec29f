// Usage: tsx lib/db/generate-cli.ts   (npm run db:generate; also the postinstall step)
//
// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma, then runs `prisma generate`
// for both (one client per database: lib/db/generated and lib/db/generated-postgresql), without
// network access. The Prisma CLI wants to download its native schema engine before any command,
// unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file; `generate` never runs that engine,
// so any existing file will do. Migrations do not use the native engine either (see migrate.ts).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { postgresqlSchemaFrom, SCHEMA_FILES } from "./schema-variants";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prismaBin = path.join(projectRoot, "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");

function placeholderEngine(): string {
  const configured = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (configured && existsSync(configured)) return configured;
  // Not executable and never executed by `generate`: it only has to exist.
  return path.join(projectRoot, "node_modules", "prisma", "package.json");
}

function writePostgresqlSchema(): void {
  const sqlite = readFileSync(path.join(projectRoot, SCHEMA_FILES.sqlite), "utf8");
  const target = path.join(projectRoot, SCHEMA_FILES.postgresql);
  const content = postgresqlSchemaFrom(sqlite);
  if (existsSync(target) && readFileSync(target, "utf8") === content) return;
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`Wrote ${SCHEMA_FILES.postgresql}`);
}

function generate(schema: string): number {
  const result = spawnSync(prismaBin, ["generate", "--schema", schema, ...process.argv.slice(2)], {
    cwd: projectRoot,
    stdio: "inherit",
    shell: process.platform === "win32",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: placeholderEngine(),
      // No update check or telemetry requests (they would only time out offline).
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (result.error) {
    console.error(result.error.message);
    return 1;
  }
  return result.status ?? 1;
}

function main(): number {
  if (!existsSync(prismaBin)) {
    console.error(`prisma CLI not found at ${prismaBin}; run npm ci first`);
    return 1;
  }
  writePostgresqlSchema();
  return generate(SCHEMA_FILES.sqlite) || generate(SCHEMA_FILES.postgresql);
}

process.exit(main());
