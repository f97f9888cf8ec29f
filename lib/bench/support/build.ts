import { spawnSync } from "node:child_process";
import path from "node:path";
import { buildNeeded } from "@/lib/launcher/build-check";

/** The benchmarks measure the production build: make one when the sources are newer. */
export function ensureProductionBuild(): void {
  const root = process.cwd();
  const reason = buildNeeded(root);
  if (!reason) return;
  console.log(`building the app (${reason})…`);
  const build = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed");
}
