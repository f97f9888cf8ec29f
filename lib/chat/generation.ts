import "server-only";
import { experimental_streamLanguageModelCall as streamLanguageModelCall, type ModelMessage, type UIMessageChunk } from "ai";
import type { Backend } from "@/lib/ai/backends/types";
import type { ModelKey } from "@/lib/ai/catalogue";
import type { EffectiveMode } from "@/lib/ai/modes";
import { toChatError } from "@/lib/ai/upstream-errors";
import type { AnswerUsage, ChatDataParts, ChatMessageMetadata, VersionInfo } from "@/lib/contract";
import { ChatError } from "@/lib/errors";
import { computeCost, reportedCost } from "@/lib/usage/cost";
import { estimateUsage } from "@/lib/usage/token-count";
import { answerMetadata, settledMetadata, type AnswerRow, type SettledAnswer } from "./answer-record";
import { AnswerRecorder } from "./answer-recorder";
import { UI_MESSAGE_SSE } from "./answer-stream";
import { retryWithBackoff } from "./retry";
import { retryDelayMs, UPSTREAM_RETRY } from "./upstream-retry";
import { DeltaBatcher } from "./delta-batcher";
import { StreamHub, TooManyReaders, uiChunkCompaction, uiChunkSize } from "./stream-hub";
import { hintText } from "@/lib/error-hints";

export type ChatChunk = UIMessageChunk<ChatMessageMetadata, ChatDataParts>;
export type { SettledAnswer };

export interface GenerationInput {
  userId: string;
  /** The page that asked (x-page-id): it skips the news of this answer, which it shows itself. */
  page?: string;
  conversationId: string;
  messageId: string;
  model: ModelKey;
  mode: EffectiveMode;
  messages: ModelMessage[];
  /**
   * Long preparatory work that makes the messages to send (reading over-long documents in parts),
   * run inside the answer so its progress streams and Stop aborts it. Without it, `messages` go.
   */
  prepareMessages?: (context: { emit: (chunk: ChatChunk) => void; signal: AbortSignal }) => Promise<ModelMessage[]>;
  backend: Backend;
  /** The answer's row as reserved before the call: the figures known at the start. */
  start: AnswerRow;
  /** Its place among the prompt's answers, and the prompt it answers. */
  version: VersionInfo;
  parentId: string;
  /**
   * Writes the settled answer (one write per answer). Retried with backoff when it fails; after
   * the last try `persistFailed` gets a last chance to mark the row, so it never stays "streaming".
   */
  persist: (answer: SettledAnswer) => Promise<void>;
  persistFailed?: (answer: SettledAnswer) => Promise<void>;
  /** Waits between save attempts (ms); the default suits a busy database. */
  persistRetryDelaysMs?: readonly number[];
  /**
   * Saves the partial answer now and then while it streams (a handful of writes, not one per
   * token), so a crash of the server loses at most `checkpointEveryMs` of it.
   */
  checkpoint?: (partial: { text: string; reasoning: string }) => Promise<void>;
  checkpointEveryMs?: number;
  /** Work that should land on the stream before it closes if it is quick (the auto-title). */
  sideTask?: (emit: (chunk: ChatChunk) => void) => Promise<void>;
  maxOutputTokens?: number;
  /** When a failed call with nothing shown is tried again (default: lib/chat/upstream-retry.ts). */
  retryDelay?: (error: ChatError, failedAttempt: number) => number | null;
  /** Bounds of the answer's stream hub (defaults: 16 readers, 256 KiB behind at most). */
  readers?: { max?: number; maxBufferedBytes?: number };
  /** Gets a copy of every chunk (for followers on other instances, lib/shared-state). */
  mirror?: { push(chunk: ChatChunk): void; close(): void };
}

const SIDE_TASK_GRACE_MS = 4000;
const PERSIST_RETRY_DELAYS_MS = [200, 1000, 3000];
const CHECKPOINT_EVERY_MS = 5000;

/**
 * One answer being generated. It runs to the end on its own: readers come and go (a closed tab
 * does not cancel it); only stop() aborts it. Whatever happens, the answer is persisted once.
 */
export class Generation {
  readonly userId: string;
  readonly conversationId: string;
  readonly messageId: string;
  readonly done: Promise<SettledAnswer>;
  private readonly hub: StreamHub<ChatChunk>;
  /** What goes to the hub: deltas joined in short batches, everything else at once. */
  private readonly out: DeltaBatcher<ChatChunk>;
  private readonly abort = new AbortController();
  private stopRequested = false;

  constructor(private readonly input: GenerationInput) {
    this.userId = input.userId;
    this.conversationId = input.conversationId;
    this.messageId = input.messageId;
    this.hub = new StreamHub<ChatChunk>({
      compaction: uiChunkCompaction<ChatChunk>(),
      size: uiChunkSize,
      maxReaders: input.readers?.max,
      maxBufferedPerReader: input.readers?.maxBufferedBytes,
      mirror: input.mirror,
    });
    this.out = new DeltaBatcher<ChatChunk>((chunk) => this.hub.push(chunk));
    this.done = this.run();
  }

  /**
   * The answer's UI chunks: what was sent so far (compacted: a handful of chunks), then what
   * follows. Throws a 429 ChatError when too many readers follow the answer already.
   */
  stream(): ReadableStream<ChatChunk> {
    return readerOrRefusal(() => this.hub.subscribe());
  }

  /** The same as server-sent events, ready to be a response body (lib/chat/answer-stream.ts). */
  sseStream(): ReadableStream<Uint8Array> {
    return readerOrRefusal(() => this.hub.subscribeEncoded(UI_MESSAGE_SSE));
  }

  stop(): void {
    this.stopRequested = true;
    this.abort.abort();
  }

  private side: Promise<void> | undefined;

  /**
   * The side task (the auto-title, a second upstream call) starts once the first token is here,
   * so it never competes with the answer on the way to its first token.
   */
  private startSideTask(): void {
    if (this.side || !this.input.sideTask) return;
    this.side = this.input.sideTask((chunk) => this.out.push(chunk)).catch((error: unknown) => {
      console.error("side task failed", error);
    });
  }

  private startMetadata(): ChatMessageMetadata {
    const { input } = this;
    return { ...answerMetadata(input.start), version: input.version, parentId: input.parentId };
  }

  private async run(): Promise<SettledAnswer> {
    const { input, hub, out } = this;
    const recorder = new AnswerRecorder();
    const startedAt = new Date();
    let failure: unknown;
    let aborted = false;

    out.push({ type: "start", messageId: input.messageId, messageMetadata: this.startMetadata() });
    const checkpoints = new Checkpointer(input.checkpoint, input.checkpointEveryMs ?? CHECKPOINT_EVERY_MS);

    for (let attempt = 1; ; attempt += 1) {
      ({ failure, aborted } = await this.attempt(recorder, checkpoints));
      if (failure === undefined || aborted || this.stopRequested || recorder.hasOutput) break;
      const error = toChatError(failure, input.backend.label);
      const waitMs = (input.retryDelay ?? retryDelayMs)(error, attempt);
      if (waitMs === null) break;
      // Shown in place of "Waiting for the model…", to this tab and to any that follow along.
      const retry = { attempt: attempt + 1, of: UPSTREAM_RETRY.attempts, at: new Date(Date.now() + waitMs).toISOString(), reason: error.message };
      out.push({ type: "data-retry", data: retry, transient: true });
      console.warn(`[chat] answer ${this.messageId}: ${error.code}, trying again in ${waitMs} ms (attempt ${retry.attempt} of ${retry.of})`);
      if (!(await delay(waitMs, this.abort.signal))) {
        aborted = true;
        break;
      }
    }
    recorder.end();
    // Started now if no token came (a failed answer still gets its title).
    this.startSideTask();

    const estimated = await this.estimate(recorder);
    const settled = this.settle(recorder, startedAt, aborted || this.stopRequested, failure, estimated);
    await checkpoints.idle();
    await this.save(settled);
    out.push({ type: "message-metadata", messageMetadata: settledMetadata(input.start, settled) });
    out.push({ type: "finish" });
    if (this.side) await Promise.race([this.side, delay(SIDE_TASK_GRACE_MS)]);
    out.flush();
    hub.close();
    return settled;
  }

  /** One call to the upstream, its stream read to the end into `recorder` and the hub. */
  private async attempt(recorder: AnswerRecorder, checkpoints: Checkpointer): Promise<{ failure: unknown; aborted: boolean }> {
    const { input, out } = this;
    let failure: unknown;
    let aborted = false;
    try {
      const messages = input.prepareMessages
        ? await input.prepareMessages({ emit: (chunk) => out.push(chunk), signal: this.abort.signal })
        : input.messages;
      const options = input.backend.modeOptions(input.mode.effective);
      const model = input.backend.languageModel(input.model);
      // One model call, no tools and no steps: the AI SDK's single-call stream on top of the
      // provider's own (@ai-sdk/deepseek or openai-compatible) parsing of the wire protocol,
      // without streamText's step, tool and telemetry stages, each of which costs every chunk a
      // few promises and a copy.
      const result = await streamLanguageModelCall({
        model,
        messages,
        temperature: options.temperature,
        topP: options.topP,
        providerOptions: options.providerOptions,
        maxOutputTokens: input.maxOutputTokens,
        abortSignal: this.abort.signal,
        // The content is rebuilt from the parts below; the SDK need not collect it too.
        _internal: { collectContent: false },
      });
      for await (const part of result.stream) {
        switch (part.type) {
          case "reasoning-start":
            out.push({ type: "reasoning-start", id: part.id });
            break;
          case "reasoning-delta":
            recorder.addReasoning(part.text);
            out.delta("reasoning-delta", part.id, part.text);
            this.startSideTask();
            checkpoints.maybe(recorder);
            break;
          case "reasoning-end":
            recorder.endReasoning();
            out.push({ type: "reasoning-end", id: part.id });
            break;
          case "text-start":
            out.push({ type: "text-start", id: part.id });
            break;
          case "text-delta":
            recorder.addText(part.text);
            out.delta("text-delta", part.id, part.text);
            this.startSideTask();
            checkpoints.maybe(recorder);
            break;
          case "text-end":
            out.push({ type: "text-end", id: part.id });
            break;
          case "model-call-response-metadata":
            if (part.modelId) recorder.modelVersion = part.modelId;
            break;
          case "model-call-end":
            recorder.modelVersion ??= typeof model === "string" ? model : model.modelId;
            recorder.usage = part.usage;
            recorder.rawUsage = part.usage.raw;
            // Only the upstream's own finish_reason proves the answer ended normally.
            recorder.finishReason = part.rawFinishReason;
            break;
          case "error":
            failure = part.error;
            break;
          default:
            break;
        }
      }
    } catch (error) {
      if (this.stopRequested) aborted = true;
      else failure = error;
    }
    return { failure, aborted };
  }

  /** The final write, retried; if it keeps failing the row is marked interrupted instead. */
  private async save(settled: SettledAnswer): Promise<void> {
    const { input } = this;
    try {
      await retryWithBackoff(() => input.persist(settled), input.persistRetryDelaysMs ?? PERSIST_RETRY_DELAYS_MS);
    } catch (error) {
      console.error(`could not save answer ${this.messageId}`, error);
      await input.persistFailed?.(settled).catch((last: unknown) => console.error("could not mark the answer interrupted", last));
    }
  }

  /**
   * Usage counted here when the upstream sent none (the stream was cut before its final usage
   * chunk) although output arrived, which proves the prompt was processed and billed.
   */
  private async estimate(recorder: AnswerRecorder): Promise<AnswerUsage | undefined> {
    if (recorder.answerUsage() || !recorder.hasOutput) return undefined;
    try {
      return await estimateUsage({ messages: this.input.messages, reasoning: recorder.reasoning, text: recorder.text });
    } catch (error) {
      console.error(`could not count the tokens of answer ${this.messageId}`, error);
      return undefined;
    }
  }

  private settle(recorder: AnswerRecorder, startedAt: Date, stopped: boolean, failure: unknown, estimated?: AnswerUsage): SettledAnswer {
    const reported = recorder.answerUsage();
    const usage = reported ?? estimated;
    const quote = this.input.backend.prices(this.input.model, startedAt);
    const base = {
      messageId: this.messageId,
      text: recorder.text,
      reasoning: recorder.reasoning,
      finishReason: recorder.finishReason,
      modelVersion: recorder.modelVersion,
      usage,
      ...(!reported && estimated ? { usageEstimated: true } : {}),
      costUsd: reported
        ? (reportedCost(recorder.rawUsage ?? recorder.usage?.raw) ?? computeCost(reported, quote.prices).totalUsd)
        : estimated
          ? computeCost(estimated, quote.prices).totalUsd
          : undefined,
      priceTier: quote.tier,
      ttftMs: recorder.ttftMs,
      reasoningMs: recorder.reasoningMs,
      durationMs: recorder.durationMs,
      endedAt: new Date(),
    };
    if (stopped) return { ...base, status: "stopped" };
    if (failure !== undefined) {
      const error = toChatError(failure, this.input.backend.label);
      // Something arrived before the failure: keep it and call the answer interrupted.
      const status = recorder.hasOutput || error.type === "interrupted" ? "interrupted" : "error";
      console.warn(`[chat] answer ${this.messageId} ended ${status}: ${error.code}: ${error.message}`);
      return { ...base, status, error };
    }
    if (recorder.finishReason === "insufficient_system_resource") {
      // DeepSeek ran out of capacity mid-answer: what arrived is real but incomplete.
      return {
        ...base,
        status: "interrupted",
        error: new ChatError("overloaded:model", `${this.input.backend.label} ran out of capacity before the answer was complete.`, {
          hint: hintText("keptRetryLater"),
        }),
      };
    }
    if (!recorder.finishReason) {
      // The stream ended without a finish: the connection dropped without an error being raised.
      return { ...base, status: "interrupted", error: toChatError(new Error("the stream ended early"), this.input.backend.label) };
    }
    return { ...base, status: "complete" };
  }
}

/** A new reader of an answer, or the 429 that says it has too many already. */
export function readerOrRefusal<S>(subscribe: () => S): S {
  try {
    return subscribe();
  } catch (error) {
    if (!(error instanceof TooManyReaders)) throw error;
    throw new ChatError(
      "rate_limit:chat",
      `This answer is already being followed in ${error.limit} tabs or windows. Close one of them, or wait for the answer to finish.`,
      { hint: hintText("keepsWriting"), retryAfterSeconds: 5 },
    );
  }
}

/** Runs at most one checkpoint at a time, and no more often than every `everyMs`. */
class Checkpointer {
  private last = performance.now();
  private running: Promise<void> | undefined;

  constructor(
    private readonly save: GenerationInput["checkpoint"],
    private readonly everyMs: number,
  ) {}

  maybe(recorder: AnswerRecorder): void {
    if (!this.save || this.running || performance.now() - this.last < this.everyMs) return;
    this.last = performance.now();
    this.running = this.save({ text: recorder.text, reasoning: recorder.reasoning })
      .catch((error: unknown) => console.error("could not checkpoint the answer", error))
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Waits for a checkpoint in flight, so the final write comes after it. */
  async idle(): Promise<void> {
    await this.running;
  }
}

function delay(ms: number): Promise<void>;
/** With a signal: resolves true after `ms`, or false as soon as the signal aborts. */
function delay(ms: number, signal: AbortSignal): Promise<boolean>;
function delay(ms: number, signal?: AbortSignal): Promise<boolean | void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms));
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (completed: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(completed);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
