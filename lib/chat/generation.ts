import { streamText, type ModelMessage, type UIMessageChunk } from "ai";
import type { Backend } from "@/lib/ai/backends/types";
import type { ModelKey } from "@/lib/ai/catalogue";
import type { EffectiveMode } from "@/lib/ai/modes";
import { toChatError } from "@/lib/ai/upstream-errors";
import { ChatError } from "@/lib/errors";
import { computeCost, reportedCost } from "@/lib/usage/cost";
import { AnswerRecorder } from "./answer-recorder";
import { StreamHub } from "./stream-hub";
import type { AnswerUsage, ChatDataParts, ChatMessageMetadata, MessageStatus } from "./types";

export type ChatChunk = UIMessageChunk<ChatMessageMetadata, ChatDataParts>;

/** Everything known about an answer when it ends, however it ends: what the database keeps. */
export interface SettledAnswer {
  messageId: string;
  status: Exclude<MessageStatus, "streaming">;
  text: string;
  reasoning: string;
  finishReason?: string;
  usage?: AnswerUsage;
  costUsd?: number;
  ttftMs?: number;
  reasoningMs?: number;
  durationMs: number;
  error?: ChatError;
}

export interface GenerationInput {
  userId: string;
  conversationId: string;
  messageId: string;
  model: ModelKey;
  mode: EffectiveMode;
  messages: ModelMessage[];
  backend: Backend;
  createdAt: Date;
  /** Writes the settled answer (one write per answer). Errors here are logged, never shown. */
  persist: (answer: SettledAnswer) => Promise<void>;
  /**
   * Saves the partial answer now and then while it streams (a handful of writes, not one per
   * token), so a crash of the server loses at most `checkpointEveryMs` of it.
   */
  checkpoint?: (partial: { text: string; reasoning: string }) => Promise<void>;
  checkpointEveryMs?: number;
  /** Work that should land on the stream before it closes if it is quick (the auto-title). */
  sideTask?: (emit: (chunk: ChatChunk) => void) => Promise<void>;
  maxOutputTokens?: number;
}

const SIDE_TASK_GRACE_MS = 4000;
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
  private readonly hub = new StreamHub<ChatChunk>();
  private readonly abort = new AbortController();
  private stopRequested = false;

  constructor(private readonly input: GenerationInput) {
    this.userId = input.userId;
    this.conversationId = input.conversationId;
    this.messageId = input.messageId;
    this.done = this.run();
  }

  /** The answer's UI chunks: what was sent so far, then what follows. */
  stream(): ReadableStream<ChatChunk> {
    return this.hub.subscribe();
  }

  stop(): void {
    this.stopRequested = true;
    this.abort.abort();
  }

  private startMetadata(): ChatMessageMetadata {
    const { input } = this;
    return {
      createdAt: input.createdAt.toISOString(),
      model: input.model,
      modelId: input.backend.modelId(input.model),
      mode: input.mode.requested,
      effectiveMode: input.mode.effective,
      ...(input.mode.notice ? { modeNotice: input.mode.notice } : {}),
      backend: input.backend.label,
      status: "streaming",
    };
  }

  private async run(): Promise<SettledAnswer> {
    const { input, hub } = this;
    const recorder = new AnswerRecorder();
    const startedAt = new Date();
    let failure: unknown;
    let aborted = false;

    hub.push({ type: "start", messageId: input.messageId, messageMetadata: this.startMetadata() });
    const side = input.sideTask?.((chunk) => hub.push(chunk)).catch((error: unknown) => {
      console.error("side task failed", error);
    });
    const checkpoints = new Checkpointer(input.checkpoint, input.checkpointEveryMs ?? CHECKPOINT_EVERY_MS);

    try {
      const options = input.backend.modeOptions(input.mode.effective);
      const result = streamText({
        model: input.backend.languageModel(input.model),
        messages: input.messages,
        temperature: options.temperature,
        topP: options.topP,
        providerOptions: options.providerOptions,
        maxOutputTokens: input.maxOutputTokens,
        abortSignal: this.abort.signal,
        // Failures go to the user at once with a retry button: silent retries hide rate limits.
        maxRetries: 0,
        // Errors arrive as stream parts and are settled below; the default handler would only log them.
        onError: () => {},
      });

      for await (const part of result.stream) {
        switch (part.type) {
          case "reasoning-start":
            hub.push({ type: "reasoning-start", id: part.id });
            break;
          case "reasoning-delta":
            recorder.addReasoning(part.text);
            hub.push({ type: "reasoning-delta", id: part.id, delta: part.text });
            checkpoints.maybe(recorder);
            break;
          case "reasoning-end":
            recorder.endReasoning();
            hub.push({ type: "reasoning-end", id: part.id });
            break;
          case "text-start":
            hub.push({ type: "text-start", id: part.id });
            break;
          case "text-delta":
            recorder.addText(part.text);
            hub.push({ type: "text-delta", id: part.id, delta: part.text });
            checkpoints.maybe(recorder);
            break;
          case "text-end":
            hub.push({ type: "text-end", id: part.id });
            break;
          case "finish-step":
            recorder.usage = part.usage;
            recorder.rawUsage = part.usage.raw;
            // Only the upstream's own finish_reason proves the answer ended normally.
            recorder.finishReason = part.rawFinishReason;
            break;
          case "finish":
            recorder.usage = part.totalUsage;
            recorder.finishReason ??= part.rawFinishReason;
            break;
          case "abort":
            aborted = true;
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
    recorder.end();

    const settled = this.settle(recorder, startedAt, aborted || this.stopRequested, failure);
    await checkpoints.idle();
    try {
      await input.persist(settled);
    } catch (error) {
      console.error("could not save the answer", error);
    }
    hub.push({ type: "message-metadata", messageMetadata: finalMetadata(settled, input.backend, input.model, startedAt) });
    hub.push({ type: "finish" });
    if (side) await Promise.race([side, delay(SIDE_TASK_GRACE_MS)]);
    hub.close();
    return settled;
  }

  private settle(recorder: AnswerRecorder, startedAt: Date, stopped: boolean, failure: unknown): SettledAnswer {
    const usage = recorder.answerUsage();
    const base = {
      messageId: this.messageId,
      text: recorder.text,
      reasoning: recorder.reasoning,
      finishReason: recorder.finishReason,
      usage,
      costUsd: usage
        ? (reportedCost(recorder.rawUsage ?? recorder.usage?.raw) ?? computeCost(usage, this.input.backend.prices(this.input.model, startedAt).prices).totalUsd)
        : undefined,
      ttftMs: recorder.ttftMs,
      reasoningMs: recorder.reasoningMs,
      durationMs: recorder.durationMs,
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
          hint: "What arrived is kept. Retry in a little while.",
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

function finalMetadata(answer: SettledAnswer, backend: Backend, model: ModelKey, startedAt: Date): ChatMessageMetadata {
  return {
    status: answer.status,
    ...(answer.finishReason ? { finishReason: answer.finishReason } : {}),
    ...(answer.usage ? { usage: answer.usage } : {}),
    ...(answer.costUsd !== undefined ? { costUsd: answer.costUsd, priceTier: backend.prices(model, startedAt).tier } : {}),
    ...(answer.ttftMs !== undefined ? { ttftMs: answer.ttftMs } : {}),
    ...(answer.reasoningMs !== undefined ? { reasoningMs: answer.reasoningMs } : {}),
    durationMs: answer.durationMs,
    ...(answer.error ? { error: answer.error.toPayload() } : {}),
  };
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

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
