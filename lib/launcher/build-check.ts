import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "lib", "messages", "public"];
const SOURCE_FILES = ["next.config.ts", "proxy.ts", "postcss.config.mjs", "package.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", "generated", ".next", "simulator", "launcher", "bench"]);

/** Newest modification time among the files a production build is made from. */
function newestSourceTime(root: string): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(root, dir))) visit(path.join(root, dir));
  for (const file of SOURCE_FILES) if (existsSync(path.join(root, file))) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  return newest;
}

/** Why a production build is needed, or null when the existing one is current. */
export function buildNeeded(root: string): string | null {
  const marker = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(marker)) return "no production build yet";
  if (newestSourceTime(root) > statSync(marker).mtimeMs) return "sources changed since the last build";
  return null;
}
