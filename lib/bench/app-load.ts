/**
 * Benchmark: the production app under load, against a separate simulator process.
 *
 * Prints, each as a ratio to the simulator alone measured in the same run:
 *  1. time to first token added by the app (sequential chats), median and p99;
 *  2. N concurrent new chats (default 50, 200, 500): completed, first-token median and p99,
 *     inter-token gap p99, wall time, and the peak memory of the app's processes;
 *  3. server CPU time per streamed chat, from /proc.
 * With BENCH_PROFILE=1 the app runs under `node --cpu-prof` and the profile's breakdown by layer
 * is printed at the end.
 *
 *   npx tsx --conditions=react-server lib/bench/app-load.ts
 *   BENCH_LEVELS=50,200 BENCH_SPEED=2 BENCH_PROFILE=1 npx tsx --conditions=react-server lib/bench/app-load.ts
 */
import { copyFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { chatDirect, chatThroughApp, type StreamTiming } from "./support/chat-client";
import { printProfileBreakdown } from "./support/cpu-profile";
import { samplePeakRss, treeCpuMs, treeRss } from "./support/processes";
import { startServices } from "./support/services";
import { mb, median, ms, percentile, printTable, ratio } from "./support/stats";

const levels = (process.env.BENCH_LEVELS ?? "50,200,500").split(",").map(Number).filter((n) => n > 0);
const speed = Number(process.env.BENCH_SPEED ?? 2);
const sequentialChats = Number(process.env.BENCH_SEQUENTIAL ?? 40);
const profile = process.env.BENCH_PROFILE === "1";
const PROMPT = "Explain in a short paragraph why streaming answers token by token feels faster.";

async function sequential(run: () => Promise<StreamTiming>, count: number): Promise<StreamTiming[]> {
  const results: StreamTiming[] = [];
  for (let i = 0; i < count; i += 1) results.push(await run());
  return results;
}

function firstTokens(results: StreamTiming[]): number[] {
  return results.filter((r) => r.ok).map((r) => r.firstTokenMs);
}

function failures(results: StreamTiming[]): string {
  const failed = results.filter((r) => !r.ok);
  return failed.length ? ` (${failed.length} failed: ${failed[0]?.error ?? "no token"})` : "";
}

async function concurrent(run: () => Promise<StreamTiming>, count: number) {
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: count }, run));
  return { results, wallMs: performance.now() - started };
}

async function main(): Promise<void> {
  let profileDir = "";
  const services = await startServices({
    speed,
    nodeOptions: profile
      ? (dataDir) => {
          profileDir = path.join(dataDir, "profile");
          return `--cpu-prof --cpu-prof-dir=${profileDir}`;
        }
      : undefined,
  });
  const { app, simulator } = services;
  try {
    const appPid = app.child.pid!;
    const appUrl = app.url;
    console.log(`app load benchmark: production build, simulator at speed ${speed} in its own process, Flash Non-think`);
    console.log(`node ${process.version}, ${process.platform} ${process.arch}`);

    // Warm-up: route compilation caches, JIT, the database file and connection pools.
    await sequential(() => chatThroughApp(appUrl, { text: PROMPT }), 5);
    await concurrent(() => chatThroughApp(appUrl, { text: PROMPT }), 20);
    const idleRss = treeRss(appPid);
    const idleCpuStart = treeCpuMs(appPid);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idleCpuPerSecond = (treeCpuMs(appPid) - idleCpuStart) / 5;

    // 1. Time to first token, one chat at a time, interleaved so drift hits both alike.
    const direct: StreamTiming[] = [];
    const viaApp: StreamTiming[] = [];
    const cpuBefore = treeCpuMs(appPid);
    for (let i = 0; i < sequentialChats; i += 1) {
      direct.push(await chatDirect(simulator.url, { text: PROMPT }));
      viaApp.push(await chatThroughApp(appUrl, { text: PROMPT }));
    }
    const cpuPerChat = (treeCpuMs(appPid) - cpuBefore) / sequentialChats;
    const directFirst = firstTokens(direct);
    const appFirst = firstTokens(viaApp);
    printTable(`1. Time to first token, ${sequentialChats} sequential chats`, ["path", "median", "p99", "added median", "added p99"], [
      ["simulator alone", ms(median(directFirst)), ms(percentile(directFirst, 99)), "", ""],
      [
        `through the app${failures(viaApp)}`,
        ms(median(appFirst)),
        ms(percentile(appFirst, 99)),
        ms(median(appFirst) - median(directFirst)),
        ms(percentile(appFirst, 99) - percentile(directFirst, 99)),
      ],
    ]);

    // 3. CPU per chat (measured during the sequential run above, so nothing else ran).
    printTable("3. Server CPU per streamed chat (Flash Non-think)", ["figure", "value"], [
      ["CPU time per chat (user + system)", ms(cpuPerChat)],
      ["idle memory after warm-up", mb(idleRss)],
      ["idle CPU per second (nothing running)", ms(idleCpuPerSecond)],
    ]);

    // 2. Concurrent new chats.
    const rows: string[][] = [];
    for (const level of levels) {
      const baseline = await concurrent(() => chatDirect(simulator.url, { text: PROMPT }), level);
      const memory = samplePeakRss(appPid);
      const cpuStart = treeCpuMs(appPid);
      const loaded = await concurrent(() => chatThroughApp(appUrl, { text: PROMPT }), level);
      const peak = memory.stop();
      const cpu = (treeCpuMs(appPid) - cpuStart) / level;
      const baseFirst = firstTokens(baseline.results);
      const loadFirst = firstTokens(loaded.results);
      const baseGap = percentile(baseline.results.flatMap((r) => r.gapsMs), 99);
      const loadGap = percentile(loaded.results.flatMap((r) => r.gapsMs), 99);
      rows.push(
        [`${level} alone`, `${baseline.results.filter((r) => r.ok).length}`, ms(baseline.wallMs), ms(median(baseFirst)), ms(percentile(baseFirst, 99)), ms(baseGap), "", ""],
        [
          `${level} via app${failures(loaded.results)}`,
          `${loaded.results.filter((r) => r.ok).length}`,
          `${ms(loaded.wallMs)} (${ratio(loaded.wallMs, baseline.wallMs)})`,
          `${ms(median(loadFirst))} (${ratio(median(loadFirst), median(baseFirst))})`,
          `${ms(percentile(loadFirst, 99))} (${ratio(percentile(loadFirst, 99), percentile(baseFirst, 99))})`,
          `${ms(loadGap)} (+${ms(loadGap - baseGap)})`,
          mb(peak),
          ms(cpu),
        ],
      );
      // Let the database checkpoint and the sockets close before the next level.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    printTable("2. Concurrent new chats", ["chats", "completed", "all done", "first token median", "first token p99", "gap p99", "peak memory", "CPU/chat"], rows);
  } finally {
    // The profile is written when the app exits, and must be read before its folder goes.
    await app.stop();
    if (profile) {
      const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
      if (file) printProfileBreakdown(path.join(profileDir, file));
      // BENCH_PROFILE_KEEP=<file>: keeps the profile for a closer look (e.g. Chromium's DevTools).
      if (file && process.env.BENCH_PROFILE_KEEP) copyFileSync(path.join(profileDir, file), process.env.BENCH_PROFILE_KEEP);
      else console.log("no CPU profile was written");
    }
    await services.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
