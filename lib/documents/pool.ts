// The worker pool that reads documents (piscina): extraction and token counting are CPU-bound
// and would stall every other request on the server's event loop. Workers start on demand and
// go away when idle (the tokenizer alone holds ~150 MB). The task is TypeScript, loaded through
// tsx in the worker, so the same module runs under Next.js, vitest and the benchmark.
import "server-only";
import path from "node:path";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { env } from "@/lib/env";
import type { ProgressEvent } from "./extract";
import type { ExtractOutcome, ExtractTask, RenderOutcome } from "./worker/extract-task";

/** Mirrors RENDER_END in worker/extract-task.ts (not imported: that module loads pdf.js and the canvas). */
const RENDER_END = "end";

/** A worker that goes past this much heap dies (and the upload fails cleanly) instead of the server. */
const WORKER_HEAP_MB = 1536;

const poolKey = Symbol.for("v4chat.documents.pool");

function taskFile(): string {
  // Resolved from the project root: Next.js bundles this module, so its own location is not the source tree.
  return path.join(process.cwd(), "lib", "documents", "worker", "extract-task.ts");
}

export function documentPool(): Piscina {
  const holder = globalThis as typeof globalThis & { [poolKey]?: Piscina };
  holder[poolKey] ??= new Piscina({
    filename: taskFile(),
    execArgv: ["--import", "tsx"],
    minThreads: 0,
    maxThreads: env().DOCUMENT_WORKERS,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  return holder[poolKey];
}

/** Renders a scanned PDF's pages as images in the pool; `onProgress` hears each page drawn. */
export async function renderInPool(
  task: Omit<ExtractTask, "port">,
  onProgress?: (event: ProgressEvent) => void,
  signal?: AbortSignal,
): Promise<RenderOutcome> {
  const { port1, port2 } = new MessageChannel();
  let end = () => {};
  const ended = new Promise<void>((resolve) => (end = resolve));
  port1.on("message", (event: ProgressEvent | typeof RENDER_END) => (event === RENDER_END ? end() : onProgress?.(event)));
  try {
    const outcome = (await documentPool().run({ ...task, port: port2 } satisfies ExtractTask, { name: "renderPagesTask", transferList: [port2], signal })) as RenderOutcome;
    // A rendered scan posted its end mark after the last page's progress: wait until all arrived.
    if (outcome.ok) await ended;
    return outcome;
  } catch (error) {
    if (signal?.aborted) throw error;
    console.error(`[documents] page rendering failed on “${task.name}”`, error);
    return { ok: false, error: { problem: "unreadable", message: `“${task.name}” has no text layer, and drawing its pages took more memory than allowed.` } };
  } finally {
    port1.close();
  }
}

/** Reads a document in the pool; `onProgress` hears each page read and each slice counted. */
export async function extractInPool(
  task: Omit<ExtractTask, "port">,
  onProgress?: (event: ProgressEvent) => void,
  signal?: AbortSignal,
): Promise<ExtractOutcome> {
  const { port1, port2 } = new MessageChannel();
  port1.on("message", (event: ProgressEvent) => onProgress?.(event));
  try {
    return (await documentPool().run({ ...task, port: port2 } satisfies ExtractTask, { transferList: [port2], signal })) as ExtractOutcome;
  } catch (error) {
    if (signal?.aborted) throw error;
    console.error(`[documents] extraction worker failed on “${task.name}”`, error);
    return { ok: false, error: { problem: "unreadable", message: `“${task.name}” could not be read: reading it took more memory than allowed.` } };
  } finally {
    port1.close();
  }
}
