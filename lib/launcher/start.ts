/**
 * `npm start`: builds what is missing, applies migrations, starts the offline simulator when no
 * backend is configured, then runs Next.js on HOST:PORT (127.0.0.1, this machine only, unless HOST
 * says otherwise). Stopping this process stops them all.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { chooseBackendKind } from "@/lib/ai/backends/select";
import { createDb } from "@/lib/db/client";
import { markStaleStreamingAsInterrupted } from "@/lib/db/messages";
import { applyMigrations } from "@/lib/db/migrate";
import { searchIndexFor } from "@/lib/search";
import { providerOf } from "@/lib/db/url";
import { databaseUrl, env } from "@/lib/env";
import { startSimulator } from "@/lib/simulator/server";
import { allRunningAnswerIds } from "@/lib/shared-state/answers";
import { connectRedis, redisUrl } from "@/lib/shared-state/redis";
import { buildNeeded } from "./build-check";
import { listeningNotice, nextArgs } from "./listen";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const nextBin = path.join(root, "node_modules", ".bin", "next");

function log(message: string): void {
  console.log(`[v4chat] ${message}`);
}

async function main(): Promise<void> {
  const settings = env();
  const url = databaseUrl(settings);

  if (!dev) {
    const reason = buildNeeded(root);
    if (reason) {
      log(`building the app (${reason})…`);
      const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
      if (build.status !== 0) throw new Error("next build failed");
    }
  }

  const { applied } = await applyMigrations({ databaseUrl: url });
  log(applied.length ? `database migrated: ${applied.join(", ")}` : "database is up to date");
  const db = createDb(url);
  const interrupted = await markStaleStreamingAsInterrupted({ db, stillRunning: await answersRunningElsewhere() });
  if (interrupted) log(`${interrupted} answer(s) left unfinished by the last run marked interrupted`);
  // The full-text index lives beside the tables; it is made (or rebuilt after a migration) here.
  await searchIndexFor(db, providerOf(url)).ensure();
  await db.$disconnect();

  const backendKind = chooseBackendKind(settings);
  let simulator: Awaited<ReturnType<typeof startSimulator>> | undefined;
  if (backendKind === "simulator") {
    simulator = await startSimulator({
      port: settings.SIMULATOR_PORT,
      host: "127.0.0.1",
      speed: settings.SIMULATOR_SPEED,
      // Fault injection and request capture exist for the browser tests only.
      testControls: process.env.SIMULATOR_TEST_CONTROLS === "1",
    });
    log(`no backend configured: offline simulator at ${simulator.url}`);
  } else {
    log(`backend: ${backendKind}`);
  }

  const app: ChildProcess = spawn(nextBin, nextArgs(settings, dev), {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  log(listeningNotice(settings));

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (app.exitCode === null) app.kill("SIGTERM");
    await simulator?.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  app.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(`[v4chat] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/** With Redis, the answers other instances are writing now (not left over from a crash). */
async function answersRunningElsewhere(): Promise<string[]> {
  const url = redisUrl();
  if (!url) return [];
  const redis = connectRedis(url);
  try {
    return await allRunningAnswerIds(redis);
  } finally {
    redis.disconnect();
  }
}
