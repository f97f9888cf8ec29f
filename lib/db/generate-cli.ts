// Usage: tsx lib/db/generate-cli.ts   (npm run db:generate; also the postinstall step)
//
// Runs `prisma generate` without network access. The Prisma CLI wants to download its native
// schema engine before any command, unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file;
// `generate` never runs that engine, so any existing file will do. Migrations do not use the
// native engine either (see migrate.ts), so it is never needed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prismaBin = path.join(projectRoot, "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");

function placeholderEngine(): string {
  const configured = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (configured && existsSync(configured)) return configured;
  // Not executable and never executed by `generate`: it only has to exist.
  return path.join(projectRoot, "node_modules", "prisma", "package.json");
}

function main(): number {
  if (!existsSync(prismaBin)) {
    console.error(`prisma CLI not found at ${prismaBin}; run npm ci first`);
    return 1;
  }
  const result = spawnSync(prismaBin, ["generate", ...process.argv.slice(2)], {
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

process.exit(main());
