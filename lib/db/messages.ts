// Message queries. Every function that takes `userId` only sees messages of that user's
// conversations; another user's message behaves exactly like a missing one.
//
// Order: messages are listed by (createdAt, id). Inserts give each message a createdAt strictly
// greater than the previous message of its conversation (max(now, last + 1 ms)), so messages
// written within the same millisecond keep their insertion order.
import type { Db } from "./client";
import type { Prisma } from "./generated/client";
import { nullIfNotFound } from "./prisma-errors";
import { type FinalMessageStatus, finalMessageStatusSchema, type Message, NotFoundError, toMessage } from "./types";

type Tx = Prisma.TransactionClient;

const MESSAGE_ORDER: Prisma.MessageOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];

export async function listMessages({
  db,
  userId,
  conversationId,
}: {
  db: Db;
  userId: string;
  conversationId: string;
}): Promise<Message[]> {
  const rows = await db.message.findMany({
    where: { conversationId, conversation: { userId } },
    orderBy: MESSAGE_ORDER,
  });
  return rows.map(toMessage);
}

/**
 * Inserts a message at the end of an owned conversation and marks the conversation active.
 * Throws NotFoundError when the conversation does not exist or is not the user's.
 */
async function appendMessage(
  db: Db,
  { userId, conversationId }: { userId: string; conversationId: string },
  data: Omit<Prisma.MessageUncheckedCreateInput, "conversationId" | "createdAt" | "updatedAt">,
): Promise<Message> {
  return db.$transaction(async (tx: Tx) => {
    const conversation = await tx.conversation.findFirst({
      where: { id: conversationId, userId },
      select: { id: true },
    });
    if (!conversation) throw new NotFoundError("Conversation");
    const last = await tx.message.findFirst({
      where: { conversationId },
      orderBy: [{ createdAt: "desc" }],
      select: { createdAt: true },
    });
    const now = Date.now();
    const createdAt = new Date(last ? Math.max(now, last.createdAt.getTime() + 1) : now);
    const row = await tx.message.create({ data: { ...data, conversationId, createdAt, updatedAt: createdAt } });
    await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: createdAt } });
    return toMessage(row);
  });
}

/** The user's prompt. Throws NotFoundError when the conversation is not theirs. */
export function createUserMessage({
  db,
  userId,
  conversationId,
  id,
  content,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  id?: string;
  content: string;
}): Promise<Message> {
  return appendMessage(db, { userId, conversationId }, { id, role: "user", content, status: "complete" });
}

/**
 * The assistant's answer row, created before streaming starts (status "streaming", empty
 * content); `finishAssistantMessage` fills it in. Throws NotFoundError like createUserMessage.
 */
export function createAssistantPlaceholder({
  db,
  userId,
  conversationId,
  id,
  model,
  modelId,
  mode,
  effectiveMode,
  backend,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  id?: string;
  /** Catalogue key ("flash" | "pro"). */
  model: string;
  /** Upstream model id actually called. */
  modelId: string;
  /** Mode asked for and mode actually sent. */
  mode: string;
  effectiveMode: string;
  backend: string;
}): Promise<Message> {
  return appendMessage(
    db,
    { userId, conversationId },
    { id, role: "assistant", content: "", status: "streaming", model, modelId, mode, effectiveMode, backend },
  );
}

/** Final state of an assistant message. Omitted optional fields are left as they are. */
export interface AssistantMessageResult {
  content: string;
  status: FinalMessageStatus;
  reasoning?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  finishReason?: string | null;
  inputTokens?: number | null;
  cacheHitTokens?: number | null;
  cacheMissTokens?: number | null;
  outputTokens?: number | null;
  reasoningTokens?: number | null;
  costUsd?: number | null;
  /** Milliseconds; fractional values (performance.now() differences) are rounded. */
  ttftMs?: number | null;
  reasoningMs?: number | null;
  durationMs?: number | null;
}

const roundMs = (value: number | null | undefined) => (value == null ? value : Math.round(value));

/**
 * Stores the final fields of an assistant message in one update. Resolves null when the message
 * does not exist, is not an assistant message, or is not the user's.
 */
export async function finishAssistantMessage({
  db,
  userId,
  id,
  ...result
}: { db: Db; userId: string; id: string } & AssistantMessageResult): Promise<Message | null> {
  const status = finalMessageStatusSchema.parse(result.status);
  return nullIfNotFound(async () => {
    const row = await db.message.update({
      where: { id, role: "assistant", conversation: { userId } },
      data: {
        content: result.content,
        status,
        reasoning: result.reasoning,
        errorCode: result.errorCode,
        errorMessage: result.errorMessage,
        finishReason: result.finishReason,
        inputTokens: result.inputTokens,
        cacheHitTokens: result.cacheHitTokens,
        cacheMissTokens: result.cacheMissTokens,
        outputTokens: result.outputTokens,
        reasoningTokens: result.reasoningTokens,
        costUsd: result.costUsd,
        ttftMs: roundMs(result.ttftMs),
        reasoningMs: roundMs(result.reasoningMs),
        durationMs: roundMs(result.durationMs),
      },
    });
    return toMessage(row);
  });
}

/**
 * Saves what a still-streaming answer has so far, so a crash loses little. Only touches a row
 * that is still "streaming": a late checkpoint can never overwrite a finished answer.
 * Resolves false when nothing was updated.
 */
export async function checkpointAssistantMessage({
  db,
  userId,
  id,
  content,
  reasoning,
}: {
  db: Db;
  userId: string;
  id: string;
  content: string;
  reasoning: string | null;
}): Promise<boolean> {
  const { count } = await db.message.updateMany({
    where: { id, role: "assistant", status: "streaming", conversation: { userId } },
    data: { content, reasoning },
  });
  return count > 0;
}

/**
 * Deletes `messageId` and every later message of the conversation, in one transaction (used by
 * regenerate and edit-and-resend). Returns how many messages were deleted: 0 when the message
 * is not in that conversation or the conversation is not the user's.
 */
export async function deleteMessagesFrom({
  db,
  userId,
  conversationId,
  messageId,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  messageId: string;
}): Promise<number> {
  return db.$transaction(async (tx: Tx) => {
    const from = await tx.message.findFirst({
      where: { id: messageId, conversationId, conversation: { userId } },
      select: { id: true, createdAt: true },
    });
    if (!from) return 0;
    const { count } = await tx.message.deleteMany({
      where: {
        conversationId,
        OR: [{ createdAt: { gt: from.createdAt } }, { createdAt: from.createdAt, id: { gte: from.id } }],
      },
    });
    return count;
  });
}

/**
 * At startup: answers still "streaming" were cut off when the previous process ended; mark them
 * "interrupted". Not owner-scoped (maintenance over all users). Returns how many were marked.
 */
export async function markStaleStreamingAsInterrupted({ db }: { db: Db }): Promise<number> {
  const { count } = await db.message.updateMany({
    where: { status: "streaming" },
    data: {
      status: "interrupted",
      errorCode: "interrupted:chat",
      errorMessage: "V4 Chat stopped before this answer was complete. What arrived is kept. Retry to ask again.",
    },
  });
  return count;
}
