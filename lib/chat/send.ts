import type { Backend } from "@/lib/ai/backends/types";
import { getModelInfo } from "@/lib/ai/catalogue";
import { resolveMode } from "@/lib/ai/modes";
import type { Db } from "@/lib/db/client";
import {
  checkpointAssistantMessage,
  createAssistantPlaceholder,
  createConversation,
  createUserMessage,
  deleteMessagesFrom,
  finishAssistantMessage,
  getConversation,
  listMessages,
  setAutoTitle,
  touchConversation,
  updateConversationSettings,
} from "@/lib/db/queries";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { ChatError } from "@/lib/errors";
import type { Generation, SettledAnswer } from "./generation";
import { toModelMessages } from "./history";
import { findConversationGeneration, startGeneration } from "./registry";
import { fallbackTitle, makeTitle } from "./title";
import type { ChatRequest } from "./types";

/**
 * One turn of a conversation: check the request against what is stored, save the user's message
 * (before the model is called), reserve the answer's row, and start the generation.
 */
export async function sendChatMessage({
  db,
  userId,
  backend,
  request,
}: {
  db: Db;
  userId: string;
  backend: Backend;
  request: ChatRequest;
}): Promise<Generation> {
  const { conversationId, model, mode } = request;
  if (findConversationGeneration({ userId, conversationId })) {
    // One answer at a time per conversation (another tab may be waiting for one).
    throw new ChatError("conflict:chat", "An answer is still being written in this conversation. Stop it or wait for it to finish.");
  }
  let conversation = await getConversation({ db, userId, id: conversationId });
  let isFirstTurn = false;

  if (!conversation) {
    if (request.trigger !== "submit" || !request.message) {
      throw new ChatError("not_found:conversation", "This conversation does not exist (or is not yours).");
    }
    try {
      conversation = await createConversation({
        db,
        userId,
        id: conversationId,
        title: fallbackTitle(request.message.text),
        model,
        mode,
      });
    } catch (error) {
      // The id exists but is someone else's: answer as if it did not exist.
      if (isUniqueViolation(error)) throw new ChatError("not_found:conversation", "This conversation does not exist (or is not yours).");
      throw error;
    }
    isFirstTurn = true;
  } else {
    await updateConversationSettings({ db, userId, id: conversationId, model, mode });
  }

  const stored = await listMessages({ db, userId, conversationId });
  await applyTrigger({ db, userId, conversationId, request, stored });
  if (request.message && request.trigger !== "regenerate") {
    try {
      await createUserMessage({ db, userId, conversationId, id: request.message.id, content: request.message.text });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ChatError("bad_request:chat", "This message was already sent. Reload the page.");
      throw error;
    }
  }
  await touchConversation({ db, userId, id: conversationId });

  const history = await listMessages({ db, userId, conversationId });
  const last = history[history.length - 1];
  if (!last || last.role !== "user") {
    throw new ChatError("bad_request:chat", "There is no message to answer.");
  }
  if (!isFirstTurn) isFirstTurn = history.filter((row) => row.role === "user").length === 1 && conversation.titleSource === "auto";

  const info = getModelInfo(model);
  const effective = resolveMode(mode, backend.contextWindow, info.capabilities.thinkMaxMinContext);
  const placeholder = await createAssistantPlaceholder({
    db,
    userId,
    conversationId,
    model,
    modelId: backend.modelId(model),
    mode,
    effectiveMode: effective.effective,
    backend: backend.label,
  });

  const firstUserText = history.find((row) => row.role === "user")?.content ?? "";
  return startGeneration({
    userId,
    conversationId,
    messageId: placeholder.id,
    model,
    mode: effective,
    messages: toModelMessages(history),
    backend,
    createdAt: placeholder.createdAt,
    persist: (answer) => persistAnswer({ db, userId, answer }),
    checkpoint: async ({ text, reasoning }) => {
      await checkpointAssistantMessage({ db, userId, id: placeholder.id, content: text, reasoning: reasoning || null });
    },
    sideTask: isFirstTurn
      ? async (emit) => {
          const title = await makeTitle({ backend, userText: firstUserText });
          await setAutoTitle({ db, userId, id: conversationId, title });
          emit({ type: "data-title", data: { conversationId, title }, transient: true });
        }
      : undefined,
  });
}

/** Regenerate drops the last answer; edit drops the edited message and everything after it. */
async function applyTrigger({
  db,
  userId,
  conversationId,
  request,
  stored,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  request: ChatRequest;
  stored: Awaited<ReturnType<typeof listMessages>>;
}): Promise<void> {
  if (request.trigger === "regenerate") {
    const lastUserIndex = stored.map((row) => row.role).lastIndexOf("user");
    const firstAnswer = stored[lastUserIndex + 1];
    if (lastUserIndex === -1) throw new ChatError("bad_request:chat", "There is no message to answer again.");
    if (firstAnswer) await deleteMessagesFrom({ db, userId, conversationId, messageId: firstAnswer.id });
    return;
  }
  if (request.trigger === "edit") {
    const target = request.message && stored.find((row) => row.id === request.message?.id);
    if (!target || target.role !== "user") {
      throw new ChatError("not_found:chat", "The message to edit was not found in this conversation.");
    }
    await deleteMessagesFrom({ db, userId, conversationId, messageId: target.id });
  }
}

async function persistAnswer({ db, userId, answer }: { db: Db; userId: string; answer: SettledAnswer }): Promise<void> {
  await finishAssistantMessage({
    db,
    userId,
    id: answer.messageId,
    content: answer.text,
    reasoning: answer.reasoning || null,
    status: answer.status,
    errorCode: answer.error?.code ?? null,
    errorMessage: answer.error ? [answer.error.message, answer.error.hint].filter(Boolean).join(" ") : null,
    finishReason: answer.finishReason ?? null,
    inputTokens: answer.usage?.inputTokens ?? null,
    cacheHitTokens: answer.usage?.cacheHitTokens ?? null,
    cacheMissTokens: answer.usage?.cacheMissTokens ?? null,
    outputTokens: answer.usage?.outputTokens ?? null,
    reasoningTokens: answer.usage?.reasoningTokens ?? null,
    costUsd: answer.costUsd ?? null,
    ttftMs: answer.ttftMs ?? null,
    reasoningMs: answer.reasoningMs ?? null,
    durationMs: answer.durationMs,
  });
}
