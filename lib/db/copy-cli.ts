// Usage: npm run db:copy -- <from-url> <to-url>
//   e.g. npm run db:copy -- file:data/v4chat.db postgresql://v4chat:secret@db.lan:5432/v4chat
//
// Copies every row of one database into an empty one (see copy.ts) and prints the row counts of
// both sides. Refuses a target that holds any row. Stop the app first: what it writes during the
// copy would not be copied.
import { copyDatabase, TargetNotEmpty } from "./copy";
import { normalizeDatabaseUrl } from "./url";

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, "//$1:***@");
}

async function main(): Promise<void> {
  const [from, to] = process.argv.slice(2);
  if (!from || !to) {
    console.error("Usage: npm run db:copy -- <from-url> <to-url>   (e.g. file:data/v4chat.db postgresql://…)");
    process.exit(2);
  }
  const fromUrl = normalizeDatabaseUrl(from);
  const toUrl = normalizeDatabaseUrl(to);
  console.log(`Copying ${redact(fromUrl)} → ${redact(toUrl)}`);
  const started = performance.now();
  const report = await copyDatabase({ fromUrl, toUrl });
  const width = Math.max(...report.tables.map((row) => row.model.length));
  console.log(`${"table".padEnd(width)}  ${"source".padStart(9)}  ${"target".padStart(9)}`);
  for (const row of report.tables) {
    console.log(`${row.model.padEnd(width)}  ${String(row.source).padStart(9)}  ${String(row.target).padStart(9)}`);
  }
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s: every table has the same number of rows on both sides.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof TargetNotEmpty || error instanceof Error ? error.message : error);
  process.exit(1);
});
