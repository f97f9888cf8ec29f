// What travels with each message to the browser. Live answers and answers read back from the
// database both go through lib/chat/answer-record.ts, so the two show the same figures.
import type { UIMessage } from "ai";
import type { ModelKey } from "@/lib/ai/catalogue";
import type { ReasoningMode } from "@/lib/ai/modes";
import type { ErrorPayload } from "@/lib/errors";
import type { MessageStatus, PriceTier } from "./enums";
import type { DocumentFigures, ImageFigures } from "./parts";

/** Usage as shown under an answer. */
export interface AnswerUsage {
  inputTokens: number;
  cacheHitTokens: number;
  cacheMissTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

/** Where a message stands among its siblings: version `index` of `count` (from 1). */
export interface VersionInfo {
  index: number;
  count: number;
}

/** An answer's error as stored: the payload plus when a retry makes sense again. */
export type AnswerError = ErrorPayload & {
  /** ISO instant before which a retry is pointless (from the upstream's retry-after). */
  retryAt?: string;
};

export interface ChatMessageMetadata {
  createdAt?: string;
  /** The message this one follows on the path (absent for the first prompt). */
  parentId?: string;
  version?: VersionInfo;
  status?: MessageStatus;
  // The rest is about answers only.
  model?: ModelKey;
  /** The upstream model id that was called. */
  modelId?: string;
  /** The model version the upstream reported in its stream (e.g. "deepseek-v4.1-flash-1017"). */
  modelVersion?: string;
  /** Mode asked for and mode actually sent; they differ when Think Max fell back. */
  mode?: ReasoningMode;
  effectiveMode?: ReasoningMode;
  /** Why the effective mode differs from the one asked for. */
  modeNotice?: string;
  backend?: string;
  finishReason?: string;
  usage?: AnswerUsage;
  /** The usage (and so the cost) was counted locally: the upstream reported none (a stopped or broken stream). */
  usageEstimated?: boolean;
  costUsd?: number;
  priceTier?: PriceTier;
  ttftMs?: number;
  reasoningMs?: number;
  durationMs?: number;
  error?: AnswerError;
}

/** A failed first call that will be tried again by itself (nothing had been shown yet). */
export interface UpstreamRetry {
  /** The attempt about to be made, and how many there are in all. */
  attempt: number;
  of: number;
  /** ISO instant of the next attempt. */
  at: string;
  /** What went wrong with the last attempt. */
  reason: string;
}

export interface DocumentPartsProgress {
  /** The document being read. */
  name: string;
  /** The part being summarised (1-based) and how many there are; part === total + 1 while combining. */
  part: number;
  total: number;
  /** Parts summarised so far, over every document read in parts. */
  done: number;
  of: number;
}

/** Data parts: short-lived signals on the answer stream (title), and attachment references. */
export type ChatDataParts = {
  title: { conversationId: string; title: string };
  /** Transient: the answer waits to call the upstream again (see lib/chat/upstream-retry.ts). */
  retry: UpstreamRetry;
  /** An attachment a message refers to (stored part `file`). */
  file: { attachmentId: string; name: string; mediaType: string; size: number; document?: DocumentFigures; image?: ImageFigures };
  /** Progress of reading documents longer than the window in parts, before the answer streams. */
  "document-parts": DocumentPartsProgress;
};

export type ChatUIMessage = UIMessage<ChatMessageMetadata, ChatDataParts>;
