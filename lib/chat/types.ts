import type { UIMessage } from "ai";
import { z } from "zod";
import { MODEL_KEYS, type ModelKey } from "@/lib/ai/catalogue";
import { REASONING_MODES, type ReasoningMode } from "@/lib/ai/modes";
import type { ErrorPayload } from "@/lib/errors";

export const MESSAGE_STATUSES = ["streaming", "complete", "stopped", "error", "interrupted"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Usage as shown under an answer. */
export interface AnswerUsage {
  inputTokens: number;
  cacheHitTokens: number;
  cacheMissTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

/** What travels with each message to the browser (and is rebuilt from the database on load). */
export interface ChatMessageMetadata {
  createdAt?: string;
  model?: ModelKey;
  modelId?: string;
  mode?: ReasoningMode;
  effectiveMode?: ReasoningMode;
  /** Why the effective mode differs from the one asked for. */
  modeNotice?: string;
  backend?: string;
  status?: MessageStatus;
  finishReason?: string;
  usage?: AnswerUsage;
  costUsd?: number;
  priceTier?: "peak" | "off-peak" | "standard";
  ttftMs?: number;
  reasoningMs?: number;
  durationMs?: number;
  error?: ErrorPayload;
}

/** Short-lived signals on the answer stream. */
export type ChatDataParts = {
  title: { conversationId: string; title: string };
};

export type ChatUIMessage = UIMessage<ChatMessageMetadata, ChatDataParts>;

/** Ids the browser may choose (conversation ids for new chats, message ids from useChat). */
export const clientIdSchema = z
  .string()
  .min(6)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ids are letters, digits, '-' and '_'");

export const MAX_MESSAGE_CHARS = 4_000_000; // ~1M tokens of text: the context window is the real limit

/** The body of POST /api/chat, sent by the browser's chat transport. */
export const chatRequestSchema = z.object({
  conversationId: clientIdSchema,
  model: z.enum(MODEL_KEYS),
  mode: z.enum(REASONING_MODES),
  /** submit: a new message; regenerate: answer the last message again; edit: replace `message.id` and what follows. */
  trigger: z.enum(["submit", "regenerate", "edit"]),
  message: z
    .object({
      id: clientIdSchema,
      text: z.string().trim().min(1, "The message is empty").max(MAX_MESSAGE_CHARS, "The message is too long"),
    })
    .optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
