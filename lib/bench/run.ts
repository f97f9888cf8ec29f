/**
 * `npm run bench`: runs every benchmark, one after another, each in its own process so that one
 * benchmark's memory and warm caches do not colour the next. Prints Markdown tables that can be
 * pasted into BENCHMARKS.md. `npm run bench -- app-load browser` runs only those.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const BENCHMARKS: Record<string, string> = {
  stream: "stream-bench.ts",
  "app-load": "app-load.ts",
  "db-statements": "db-statements.ts",
  "page-weight": "page-weight.ts",
  browser: "browser.ts",
  documents: "documents-bench.ts",
  search: "search-bench.ts",
  // Needs PostgreSQL and Redis: scripts/test-services.sh run npm run bench -- team
  team: "team-bench.ts",
};

const chosen = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = chosen.filter((name) => !(name in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; choose from ${Object.keys(BENCHMARKS).join(", ")}`);
  process.exit(2);
}

const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
let failed = 0;
for (const [name, file] of Object.entries(BENCHMARKS)) {
  if (chosen.length ? !chosen.includes(name) : name === "team" && !process.env.TEST_POSTGRES_URL) continue;
  console.log(`\n## ${name}\n`);
  const started = Date.now();
  const result = spawnSync(tsx, ["--conditions=react-server", path.join("lib", "bench", file)], { stdio: "inherit" });
  if (result.status !== 0) failed += 1;
  console.log(`\n(${name}: ${((Date.now() - started) / 1000).toFixed(0)} s${result.status !== 0 ? `, failed with ${result.status ?? result.signal}` : ""})`);
}
process.exit(failed ? 1 : 0);
