/**
 * Benchmark: 200 concurrent new chats (BENCH_CHATS) on one instance and split over two instances
 * sharing one PostgreSQL and one Redis, against one simulator process. Prints, per set-up:
 * completed chats, wall time, first token median and p99, inter-token gap p99, CPU per chat and
 * the peak memory of the app processes.
 *
 * Needs a PostgreSQL server and a Redis (TEST_POSTGRES_URL, TEST_REDIS_URL):
 *   scripts/test-services.sh run npm run bench -- team
 * BENCH_APP_PORTS=3127,3128 and BENCH_SIMULATOR_PORT=4127 fix the ports (free ones otherwise).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTemporaryDatabase } from "@/lib/db/postgresql-admin";
import { ensureProductionBuild } from "./support/build";
import { chatThroughApp, type StreamTiming } from "./support/chat-client";
import { freePort } from "./support/ports";
import { samplePeakRss, startAppProcess, startSimulatorProcess, treeCpuMs, type Service } from "./support/processes";
import { mb, median, ms, percentile, printTable } from "./support/stats";

const chats = Number(process.env.BENCH_CHATS ?? 200);
const speed = Number(process.env.BENCH_SPEED ?? 2);
const postgresUrl = process.env.TEST_POSTGRES_URL ?? process.env.BENCH_POSTGRES_URL;
const redisUrl = process.env.TEST_REDIS_URL ?? process.env.BENCH_REDIS_URL;
const fixedAppPorts = (process.env.BENCH_APP_PORTS ?? "").split(",").map(Number).filter((port) => port > 0);
const PROMPT = "Explain in a short paragraph why streaming answers token by token feels faster.";

interface SetUp {
  name: string;
  instances: number;
  env(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>;
}

async function appPort(index: number): Promise<number> {
  return fixedAppPorts[index] ?? (await freePort());
}

async function measure(apps: Service[]): Promise<string[]> {
  const pids = apps.map((app) => app.child.pid!);
  // Warm-up: route compilation, JIT, connection pools, on every instance.
  await Promise.all(apps.flatMap((app) => Array.from({ length: 10 }, () => chatThroughApp(app.url, { text: PROMPT }))));
  const memory = pids.map((pid) => samplePeakRss(pid));
  const cpuStart = pids.reduce((total, pid) => total + treeCpuMs(pid), 0);
  const started = performance.now();
  // Chats go round-robin over the instances, as a reverse proxy would send them.
  const results: StreamTiming[] = await Promise.all(
    Array.from({ length: chats }, (_, index) => chatThroughApp(apps[index % apps.length]!.url, { text: PROMPT })),
  );
  const wallMs = performance.now() - started;
  const cpu = (pids.reduce((total, pid) => total + treeCpuMs(pid), 0) - cpuStart) / chats;
  const peak = memory.reduce((total, sample) => total + sample.stop(), 0);
  const ok = results.filter((result) => result.ok);
  const first = ok.map((result) => result.firstTokenMs);
  const failed = results.length - ok.length;
  return [
    `${ok.length}${failed ? ` (${failed} failed: ${results.find((result) => !result.ok)?.error ?? ""})` : ""}`,
    ms(wallMs),
    ms(median(first)),
    ms(percentile(first, 99)),
    ms(percentile(ok.flatMap((result) => result.gapsMs), 99)),
    ms(cpu),
    mb(peak),
  ];
}

async function main(): Promise<void> {
  if (!postgresUrl || !redisUrl) {
    console.error("needs TEST_POSTGRES_URL and TEST_REDIS_URL: scripts/test-services.sh run npm run bench -- team");
    process.exit(2);
  }
  ensureProductionBuild();
  const simulatorPort = Number(process.env.BENCH_SIMULATOR_PORT) || (await freePort());
  const simulator = await startSimulatorProcess({ port: simulatorPort, speed });
  console.log(`team benchmark: ${chats} concurrent new chats, Flash Non-think, simulator at speed ${speed} in its own process`);
  console.log(`node ${process.version}, ${process.platform} ${process.arch}`);

  const postgres = async () => {
    const database = await createTemporaryDatabase(postgresUrl, "v4chat_bench");
    return { env: { DATABASE_URL: database.url, REDIS_URL: redisUrl }, cleanup: database.drop };
  };
  const setUps: SetUp[] = [
    { name: "1 instance, SQLite (the default)", instances: 1, env: async () => ({ env: {}, cleanup: async () => {} }) },
    { name: "1 instance, PostgreSQL + Redis", instances: 1, env: postgres },
    { name: "2 instances, PostgreSQL + Redis", instances: 2, env: postgres },
  ];
  const rows: string[][] = [];
  const serverErrors: string[] = [];
  try {
    for (const setUp of setUps) {
      const { env, cleanup } = await setUp.env();
      const dataDir = mkdtempSync(path.join(tmpdir(), "v4chat-bench-team-"));
      const apps: Service[] = [];
      try {
        for (let index = 0; index < setUp.instances; index += 1) {
          apps.push(
            await startAppProcess({
              port: await appPort(index),
              simulatorPort,
              dataDir: path.join(dataDir, `instance-${index}`),
              env: { ...env, FILES_DIR: path.join(dataDir, "files"), BETTER_AUTH_SECRET: "bench-secret-0123456789abcdef0123456789" },
              onLine: (line) => {
                if (/error/i.test(line) && serverErrors.length < 5) serverErrors.push(`${setUp.name}: ${line.slice(0, 300)}`);
              },
            }),
          );
        }
        rows.push([setUp.name, ...(await measure(apps))]);
      } finally {
        for (const app of apps) await app.stop();
        rmSync(dataDir, { recursive: true, force: true });
        await cleanup();
      }
    }
  } finally {
    await simulator.stop();
  }
  if (serverErrors.length) console.log(`\nFirst errors the servers printed:\n${serverErrors.join("\n")}`);
  printTable(`${chats} concurrent new chats`, ["set-up", "completed", "all done", "first token median", "first token p99", "gap p99", "CPU/chat", "peak memory (all instances)"], rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
