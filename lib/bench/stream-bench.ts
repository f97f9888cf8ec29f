/**
 * Benchmark: answers streamed through the real path (provider → Generation → StreamHub) from the
 * offline simulator over HTTP. Prints time to first token, throughput and memory; asserts nothing.
 *
 *   npm run bench -- stream       # 20 concurrent answers per model x mode, simulator at speed 20
 *   BENCH_CONCURRENCY=50 BENCH_SPEED=5 npm run bench -- stream
 */
import { createDeepSeekBackend } from "@/lib/ai/backends/deepseek";
import type { ModelKey } from "@/lib/ai/catalogue";
import { resolveMode, type ReasoningMode } from "@/lib/ai/modes";
import { answerStartRow } from "@/lib/chat/answer-record";
import { Generation, type SettledAnswer } from "@/lib/chat/generation";
import { startSimulator } from "@/lib/simulator/server";
import { DEEPSEEK_PRICE_HISTORY } from "@/lib/usage/prices";
import { percentile } from "./support/stats";

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 20);
const speed = Number(process.env.BENCH_SPEED ?? 20);


async function runOne(backend: ReturnType<typeof createDeepSeekBackend>, model: ModelKey, mode: ReasoningMode, index: number) {
  let settled: SettledAnswer | undefined;
  let chunks = 0;
  const generation = new Generation({
    userId: "bench",
    conversationId: `bench-${index}`,
    messageId: `bench-${model}-${mode}-${index}`,
    model,
    mode: resolveMode(mode, backend.contextWindow, 393_216),
    messages: [{ role: "user", content: `Benchmark question number ${index}: explain streaming` }],
    backend,
    start: answerStartRow({ model, modelId: backend.modelId(model), mode, effectiveMode: mode, backend: backend.label }),
    version: { index: 1, count: 1 },
    parentId: `bench-prompt-${index}`,
    persist: async (answer) => {
      settled = answer;
    },
  });
  const reader = generation.stream().getReader();
  while (!(await reader.read()).done) chunks += 1;
  await generation.done;
  return { settled: settled!, chunks };
}

async function main() {
  const simulator = await startSimulator({ port: 0, speed });
  const backend = createDeepSeekBackend({
    kind: "simulator",
    label: "Offline simulator",
    apiKey: "sk-bench",
    baseURL: simulator.url,
    priceHistory: DEEPSEEK_PRICE_HISTORY,
  });
  // Warm-up: module loading, JIT and the connection pool, so the first case is not penalised.
  await Promise.all(Array.from({ length: concurrency }, (_, i) => runOne(backend, "flash", "think-high", -1 - i)));
  console.log(`stream benchmark: ${concurrency} concurrent answers per case, simulator speed ${speed}`);
  console.log("case                    ttft p50  ttft p95  wall ms  chunks/s  tokens/s  rss MB");
  for (const model of ["flash", "pro"] as const) {
    for (const mode of ["non-think", "think-high", "think-max"] as const) {
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: concurrency }, (_, i) => runOne(backend, model, mode, i)));
      const wall = performance.now() - started;
      const ttfts = results.map((r) => r.settled.ttftMs ?? 0);
      const chunks = results.reduce((sum, r) => sum + r.chunks, 0);
      const tokens = results.reduce((sum, r) => sum + (r.settled.usage?.outputTokens ?? 0), 0);
      const failed = results.filter((r) => r.settled.status !== "complete").length;
      const rss = process.memoryUsage().rss / 1024 / 1024;
      console.log(
        `${`${model} ${mode}`.padEnd(22)} ${String(percentile(ttfts, 50)).padStart(8)}  ${String(percentile(ttfts, 95)).padStart(8)}  ${wall.toFixed(0).padStart(7)}  ${(chunks / (wall / 1000)).toFixed(0).padStart(8)}  ${(tokens / (wall / 1000)).toFixed(0).padStart(8)}  ${rss.toFixed(0).padStart(6)}${failed ? `  (${failed} failed)` : ""}`,
      );
    }
  }
  await simulator.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
