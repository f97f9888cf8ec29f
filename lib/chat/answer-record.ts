// One answer, one record. A generation's result becomes the stored row through `answerUpdate`,
// and a stored row becomes what the browser shows through `answerMetadata`. The live stream's
// final metadata is made by the same two steps (`settledMetadata`), so an answer shows the same
// figures, notices and hints whether it was just streamed or read back after a reload.
import { isModelKey } from "@/lib/ai/catalogue";
import { isReasoningMode } from "@/lib/ai/modes";
import {
  answerParts,
  plainTextOf,
  priceTierSchema,
  type AnswerUsage,
  type ChatMessageMetadata,
  type ChatUIMessage,
  type FinalMessageStatus,
  type MessageStatus,
  type PriceTier,
  type StoredPart,
  type VersionInfo,
} from "@/lib/contract";
import { isRetryableCode, type ChatError, type ErrorCode } from "@/lib/errors";

/** Everything known about an answer when it ends, however it ends. */
export interface SettledAnswer {
  messageId: string;
  status: FinalMessageStatus;
  text: string;
  reasoning: string;
  finishReason?: string;
  /** The model version the upstream reported (its stream's `model` field). */
  modelVersion?: string;
  usage?: AnswerUsage;
  /** The usage was counted here (the upstream reported none: a stopped or broken stream). */
  usageEstimated?: boolean;
  costUsd?: number;
  priceTier?: PriceTier;
  ttftMs?: number;
  reasoningMs?: number;
  durationMs: number;
  error?: ChatError;
  endedAt: Date;
}

/** The stored columns an answer's figures are read from (a Message row fits). */
export interface AnswerRow {
  createdAt: Date;
  status: string;
  model: string | null;
  modelId: string | null;
  modelVersion: string | null;
  mode: string | null;
  effectiveMode: string | null;
  modeNotice: string | null;
  backend: string | null;
  finishReason: string | null;
  inputTokens: number | null;
  cacheHitTokens: number | null;
  cacheMissTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  usageEstimated: boolean;
  costUsd: number | null;
  priceTier: string | null;
  ttftMs: number | null;
  reasoningMs: number | null;
  durationMs: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  errorHint: string | null;
  retryAt: Date | null;
}

/** The columns the final write sets: content, status, usage, cost, timings and the error. */
export type AnswerUpdate = Omit<
  AnswerRow,
  "createdAt" | "model" | "modelId" | "mode" | "effectiveMode" | "modeNotice" | "backend"
> & { parts: string; content: string; status: FinalMessageStatus };

export function answerUpdate(answer: SettledAnswer): AnswerUpdate {
  const parts = answerParts({ text: answer.text, reasoning: answer.reasoning });
  const { usage, error } = answer;
  return {
    parts: JSON.stringify(parts),
    content: plainTextOf(parts),
    status: answer.status,
    finishReason: answer.finishReason ?? null,
    modelVersion: answer.modelVersion ?? null,
    inputTokens: usage?.inputTokens ?? null,
    cacheHitTokens: usage?.cacheHitTokens ?? null,
    cacheMissTokens: usage?.cacheMissTokens ?? null,
    outputTokens: usage?.outputTokens ?? null,
    reasoningTokens: usage?.reasoningTokens ?? null,
    usageEstimated: usage !== undefined && answer.usageEstimated === true,
    costUsd: answer.costUsd ?? null,
    // Kept without a cost too: the row was reserved with its tier, and the live stream showed it.
    priceTier: answer.priceTier ?? null,
    ttftMs: roundMs(answer.ttftMs),
    reasoningMs: roundMs(answer.reasoningMs),
    durationMs: roundMs(answer.durationMs),
    errorCode: error?.code ?? null,
    errorMessage: error?.message ?? null,
    errorHint: error?.hint ?? null,
    retryAt:
      error?.retryAfterSeconds !== undefined ? new Date(answer.endedAt.getTime() + error.retryAfterSeconds * 1000) : null,
  };
}

/** What the browser shows of a stored message's run (model, mode, figures, error). */
export function answerMetadata(row: AnswerRow): ChatMessageMetadata {
  const meta: ChatMessageMetadata = { createdAt: row.createdAt.toISOString(), status: row.status as MessageStatus };
  if (isModelKey(row.model)) meta.model = row.model;
  if (row.modelId) meta.modelId = row.modelId;
  if (row.modelVersion) meta.modelVersion = row.modelVersion;
  if (isReasoningMode(row.mode)) meta.mode = row.mode;
  if (isReasoningMode(row.effectiveMode)) meta.effectiveMode = row.effectiveMode;
  if (row.modeNotice) meta.modeNotice = row.modeNotice;
  if (row.backend) meta.backend = row.backend;
  if (row.finishReason) meta.finishReason = row.finishReason;
  if (row.inputTokens !== null) {
    meta.usage = {
      inputTokens: row.inputTokens,
      cacheHitTokens: row.cacheHitTokens ?? 0,
      cacheMissTokens: row.cacheMissTokens ?? row.inputTokens,
      outputTokens: row.outputTokens ?? 0,
      reasoningTokens: row.reasoningTokens ?? 0,
    };
    if (row.usageEstimated) meta.usageEstimated = true;
  }
  if (row.costUsd !== null) meta.costUsd = row.costUsd;
  const tier = priceTierSchema.safeParse(row.priceTier);
  if (tier.success) meta.priceTier = tier.data;
  if (row.ttftMs !== null) meta.ttftMs = row.ttftMs;
  if (row.reasoningMs !== null) meta.reasoningMs = row.reasoningMs;
  if (row.durationMs !== null) meta.durationMs = row.durationMs;
  if (row.errorCode && row.errorMessage) {
    meta.error = {
      code: row.errorCode as ErrorCode,
      message: row.errorMessage,
      ...(row.errorHint ? { hint: row.errorHint } : {}),
      retryable: isRetryableCode(row.errorCode),
      ...(row.retryAt ? { retryAt: row.retryAt.toISOString() } : {}),
    };
  }
  return meta;
}

/** The final metadata of a live answer: exactly what a reload will read back. */
export function settledMetadata(start: AnswerRow, answer: SettledAnswer): ChatMessageMetadata {
  return answerMetadata({ ...start, ...answerUpdate(answer) });
}

/** A stored message with its place on the path, as the browser's chat shows it. */
export interface PathMessage extends AnswerRow {
  id: string;
  role: string;
  parentId: string | null;
  parts: StoredPart[];
}

export function toUIMessage(message: PathMessage, version: VersionInfo): ChatUIMessage {
  const base = message.role === "assistant" ? answerMetadata(message) : { createdAt: message.createdAt.toISOString(), status: message.status as MessageStatus };
  const metadata: ChatMessageMetadata = { ...base, version, ...(message.parentId ? { parentId: message.parentId } : {}) };
  // A running answer shows what its last checkpoint saved; following its stream (which replays
  // from the start) then replaces the whole message.
  return { id: message.id, role: message.role === "assistant" ? "assistant" : "user", parts: message.parts.map(toUIPart), metadata };
}

function toUIPart(part: StoredPart): ChatUIMessage["parts"][number] {
  switch (part.type) {
    case "text":
      return { type: "text", text: part.text, state: "done" };
    case "reasoning":
      return { type: "reasoning", text: part.text, state: "done" };
    case "file":
      return {
        type: "data-file",
        data: {
          attachmentId: part.attachmentId,
          name: part.name,
          mediaType: part.mediaType,
          size: part.size,
          ...(part.document ? { document: part.document } : {}),
          ...(part.image ? { image: part.image } : {}),
        },
      };
  }
}

function roundMs(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value);
}

/** An answer's figures before any are known: nothing measured, no error. */
export const NO_FIGURES = {
  modelVersion: null,
  finishReason: null,
  inputTokens: null,
  cacheHitTokens: null,
  cacheMissTokens: null,
  outputTokens: null,
  reasoningTokens: null,
  usageEstimated: false,
  costUsd: null,
  priceTier: null,
  ttftMs: null,
  reasoningMs: null,
  durationMs: null,
  errorCode: null,
  errorMessage: null,
  errorHint: null,
  retryAt: null,
} as const satisfies Partial<AnswerRow>;

/** An answer's row as reserved before the call (for code that runs a generation without a database: tests, benchmarks). */
export function answerStartRow(start: {
  model: string;
  modelId: string;
  mode: string;
  effectiveMode: string;
  modeNotice?: string;
  backend: string;
  createdAt?: Date;
}): AnswerRow {
  return {
    createdAt: start.createdAt ?? new Date(),
    status: "streaming",
    model: start.model,
    modelId: start.modelId,
    mode: start.mode,
    effectiveMode: start.effectiveMode,
    modeNotice: start.modeNotice ?? null,
    backend: start.backend,
    ...NO_FIGURES,
  };
}
