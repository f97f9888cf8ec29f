/**
 * Benchmark: documents. Prints figures; asserts nothing.
 *
 * - extraction of a 300-page PDF, in-process (pdf.js alone) and through the worker pool (text and
 *   token count, as an upload does), with the process's peak memory while the pool works;
 * - the tokenizer's throughput on about 1M tokens;
 * - upload → first summary token: the upload path (pool, database, blob store) then a summary
 *   answer from the simulator over HTTP, until its first streamed token.
 *
 *   npm run bench -- documents     (BENCH_PDF_PAGES=300, BENCH_TOKENS=1000000)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { makePdf } from "@/e2e/support/document-fixtures";
import { createDeepSeekBackend } from "@/lib/ai/backends/deepseek";
import { resolveMode } from "@/lib/ai/modes";
import { answerStartRow } from "@/lib/chat/answer-record";
import { Generation } from "@/lib/chat/generation";
import { createTestDatabase } from "@/lib/db/test-helpers";
import { extractText } from "@/lib/documents/extract";
import { documentRequest } from "@/lib/documents/in-context";
import { documentPool } from "@/lib/documents/pool";
import { SUMMARY_PRESETS } from "@/lib/documents/presets";
import { uploadDocument } from "@/lib/documents/service";
import { countTokensExactly, loadTokenizer } from "@/lib/documents/token-counter";
import { startSimulator } from "@/lib/simulator/server";
import { LocalFolderStore } from "@/lib/storage/local-folder";
import { DEEPSEEK_PRICE_HISTORY } from "@/lib/usage/prices";

const PDF_PAGES = Number(process.env.BENCH_PDF_PAGES ?? 300);
const TARGET_TOKENS = Number(process.env.BENCH_TOKENS ?? 1_000_000);
const MB = 1024 * 1024;

const mb = (bytes: number) => (bytes / MB).toFixed(1);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** Samples the process's resident memory (the pool's threads live in it) until stopped. */
function memorySampler() {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return { baseline, peak: Math.max(peak, process.memoryUsage().rss) };
    },
  };
}

/** Varied English-like text: prose, numbers and code, so the count is not one repeated token. */
function sampleText(chars: number): string {
  const lines = [
    "The quarterly report shows revenue of 4,312,900 USD, up 12.5% from the previous quarter.",
    "function debounce(fn, ms) { let t; return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); }; }",
    "Section 7.2: the supplier shall deliver the goods within thirty (30) days of the purchase order.",
    "Action item: Ana reviews the migration plan by 2027-03-15; Bo signs off on the budget.",
    "数据显示，第三季度的用户增长率为百分之十二。",
  ];
  let out = "";
  for (let index = 0; out.length < chars; index++) out += `${lines[index % lines.length]} [${index}]\n`;
  return out;
}

async function benchExtraction(bytes: Uint8Array) {
  const started = performance.now();
  const extracted = await extractText(bytes, "bench.pdf", "pdf", () => {});
  const inProcessMs = performance.now() - started;
  console.log(
    `  in-process (pdf.js only)   ${seconds(inProcessMs)} s   ${(PDF_PAGES / (inProcessMs / 1000)).toFixed(0)} pages/s   ${mb(bytes.byteLength / (inProcessMs / 1000))} MB/s of PDF   ${extracted.text.length.toLocaleString()} chars`,
  );

  documentPool(); // created outside the timing; its worker starts with the first task
  const sampler = memorySampler();
  const poolStarted = performance.now();
  const { extractInPool } = await import("@/lib/documents/pool");
  const outcome = await extractInPool({ bytes, name: "bench.pdf" });
  const poolMs = performance.now() - poolStarted;
  const memory = sampler.stop();
  if (!outcome.ok) throw new Error(outcome.error.message);
  console.log(
    `  worker pool (text+tokens)  ${seconds(poolMs)} s   ${(PDF_PAGES / (poolMs / 1000)).toFixed(0)} pages/s   ${outcome.document.tokens.toLocaleString()} tokens   (cold worker: thread start, tsx, tokenizer load included)`,
  );
  console.log(`  server memory while extracting: rss ${mb(memory.baseline)} MB before, peak ${mb(memory.peak)} MB (+${mb(memory.peak - memory.baseline)} MB)`);
}

async function benchTokenizer() {
  const loadStarted = performance.now();
  await loadTokenizer();
  const loadMs = performance.now() - loadStarted;
  // About 3.6 characters per token on this mix; measured, not assumed, below.
  const text = sampleText(Math.round(TARGET_TOKENS * 3.6));
  const started = performance.now();
  const tokens = await countTokensExactly(text);
  const ms = performance.now() - started;
  console.log(
    `  ${tokens.toLocaleString()} tokens (${mb(Buffer.byteLength(text))} MB) in ${seconds(ms)} s: ${Math.round(tokens / (ms / 1000)).toLocaleString()} tokens/s, ${mb(Buffer.byteLength(text) / (ms / 1000))} MB/s (load ${seconds(loadMs)} s, once per worker)`,
  );
}

async function benchUploadToFirstToken(bytes: Uint8Array) {
  const database = await createTestDatabase();
  const filesDir = mkdtempSync(path.join(tmpdir(), "v4chat-bench-files-"));
  const simulator = await startSimulator({ port: 0, speed: 1 });
  try {
    const { db } = database;
    await db.user.create({ data: { id: "bench", name: "Bench" } });
    const backend = createDeepSeekBackend({ kind: "simulator", label: "Offline simulator", apiKey: "sk-bench", baseURL: simulator.url, priceHistory: DEEPSEEK_PRICE_HISTORY });
    const started = performance.now();
    const { document } = await uploadDocument({ db, store: new LocalFolderStore(filesDir), userId: "bench", name: "bench.pdf", bytes, maxBytes: 50 * MB });
    const uploadedMs = performance.now() - started;
    const prompt = SUMMARY_PRESETS[0]!.prompt;
    const attachment = await db.attachment.findUniqueOrThrow({ where: { id: document.attachmentId } });
    const path = [
      {
        role: "user",
        status: "complete",
        content: prompt,
        parts: [
          { type: "file" as const, attachmentId: attachment.id, name: attachment.name, mediaType: attachment.mediaType, size: attachment.size, document: { id: document.id, kind: document.kind, pages: document.pages, chars: document.chars, tokens: document.tokens } },
          { type: "text" as const, text: prompt },
        ],
      },
    ];
    const request = await documentRequest({ db, userId: "bench", path, budgetTokens: 900_000, backend, model: "flash" });
    const generation = new Generation({
      userId: "bench",
      conversationId: "bench",
      messageId: "bench-answer",
      model: "flash",
      mode: resolveMode("non-think", backend.contextWindow, 393_216),
      messages: request.messages,
      backend,
      start: answerStartRow({ model: "flash", modelId: backend.modelId("flash"), mode: "non-think", effectiveMode: "non-think", backend: backend.label }),
      version: { index: 1, count: 1 },
      parentId: "bench-prompt",
      persist: async () => {},
    });
    const reader = generation.stream().getReader();
    let firstTokenMs = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!firstTokenMs && (value.type === "text-delta" || value.type === "reasoning-delta")) firstTokenMs = performance.now() - started;
    }
    await generation.done;
    console.log(
      `  ${PDF_PAGES}-page PDF (${document.tokens.toLocaleString()} tokens): read and stored in ${seconds(uploadedMs)} s, first summary token at ${seconds(firstTokenMs)} s (simulator at speed 1, Flash, Non-think)`,
    );
  } finally {
    await simulator.close();
    await database.cleanup();
    rmSync(filesDir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`documents benchmark (node ${process.version})`);
  const bytes = await makePdf(PDF_PAGES, 30, "benchmark");
  console.log(`extraction: a ${PDF_PAGES}-page PDF, ${mb(bytes.byteLength)} MB`);
  await benchExtraction(bytes);
  console.log(`tokenizer: about ${TARGET_TOKENS.toLocaleString()} tokens, counted exactly`);
  await benchTokenizer();
  console.log("upload → first summary token");
  await benchUploadToFirstToken(bytes);
  await documentPool().destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
