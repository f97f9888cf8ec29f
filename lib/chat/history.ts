import type { ModelMessage } from "ai";
import { isModelKey } from "@/lib/ai/catalogue";
import { isReasoningMode } from "@/lib/ai/modes";
import { isRetryableCode, type ErrorCode } from "@/lib/errors";
import type { ChatMessageMetadata, ChatUIMessage, MessageStatus } from "./types";
import { MESSAGE_STATUSES } from "./types";

/** The fields of a stored message that the chat needs (a Prisma Message row fits). */
export interface StoredMessage {
  id: string;
  role: string;
  content: string;
  reasoning: string | null;
  status: string;
  errorCode: string | null;
  errorMessage: string | null;
  model: string | null;
  modelId: string | null;
  mode: string | null;
  effectiveMode: string | null;
  backend: string | null;
  finishReason: string | null;
  inputTokens: number | null;
  cacheHitTokens: number | null;
  cacheMissTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  costUsd: number | null;
  ttftMs: number | null;
  reasoningMs: number | null;
  durationMs: number | null;
  createdAt: Date;
}

/**
 * The history sent upstream. The API is stateless, so it is the whole conversation; earlier
 * reasoning is left out (DeepSeek ignores it without tool calls) and so are failed answers
 * that produced nothing. Stopped and interrupted answers are sent as far as they got.
 */
export function toModelMessages(rows: readonly StoredMessage[]): ModelMessage[] {
  const messages: ModelMessage[] = [];
  for (const row of rows) {
    if (row.role === "user") messages.push({ role: "user", content: row.content });
    else if (row.role === "assistant" && row.content.trim() !== "" && row.status !== "streaming") {
      messages.push({ role: "assistant", content: row.content });
    }
  }
  return messages;
}

function asStatus(value: string): MessageStatus {
  return (MESSAGE_STATUSES as readonly string[]).includes(value) ? (value as MessageStatus) : "complete";
}

function metadataOf(row: StoredMessage): ChatMessageMetadata {
  const meta: ChatMessageMetadata = { createdAt: row.createdAt.toISOString(), status: asStatus(row.status) };
  if (row.role !== "assistant") return meta;
  if (isModelKey(row.model)) meta.model = row.model;
  if (row.modelId) meta.modelId = row.modelId;
  if (isReasoningMode(row.mode)) meta.mode = row.mode;
  if (isReasoningMode(row.effectiveMode)) meta.effectiveMode = row.effectiveMode;
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
  }
  if (row.costUsd !== null) meta.costUsd = row.costUsd;
  if (row.ttftMs !== null) meta.ttftMs = row.ttftMs;
  if (row.reasoningMs !== null) meta.reasoningMs = row.reasoningMs;
  if (row.durationMs !== null) meta.durationMs = row.durationMs;
  if (row.errorCode && row.errorMessage) {
    meta.error = {
      code: row.errorCode as ErrorCode,
      message: row.errorMessage,
      retryable: isRetryableCode(row.errorCode),
    };
  }
  return meta;
}

/** Stored messages as the browser's chat shows them. */
export function toUIMessages(rows: readonly StoredMessage[]): ChatUIMessage[] {
  return rows.map((row) => {
    const parts: ChatUIMessage["parts"] = [];
    if (row.reasoning) parts.push({ type: "reasoning", text: row.reasoning, state: "done" });
    if (row.content) parts.push({ type: "text", text: row.content, state: "done" });
    return {
      id: row.id,
      role: row.role === "assistant" ? "assistant" : "user",
      parts,
      metadata: metadataOf(row),
    };
  });
}
