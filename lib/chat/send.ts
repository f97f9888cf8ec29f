import "server-only";
import type { Backend } from "@/lib/ai/backends/types";
import { getModelInfo } from "@/lib/ai/catalogue";
import { outputTokenCap } from "@/lib/ai/limits";
import { resolveMode } from "@/lib/ai/modes";
import { answerParts, plainTextOf, type ChatRequest } from "@/lib/contract";
import { enforceLimits } from "@/lib/auth/limits";
import { attachDocuments, documentRequest, readWholeBudget } from "@/lib/documents/in-context";
import { attachImages, visionRefusal, withImages } from "@/lib/images/service";
import { blobStore } from "@/lib/storage";
import type { BlobStore } from "@/lib/storage/blob-store";
import type { Db } from "@/lib/db/client";
import { checkpointAnswer, finishAnswer, markAnswerInterrupted, reserveTurn, setAutoTitle, TurnRejected } from "@/lib/db/queries";
import { ChatError } from "@/lib/errors";
import { answerUpdate } from "./answer-record";
import type { Generation } from "./generation";
import { pathTo } from "./history";
import { selectedPath } from "./message-tree";
import { claimAnswer, concurrencyLimits, startGeneration } from "./registry";
import { fallbackTitle, makeTitle } from "./title";

/**
 * One turn of a conversation: check the user's limits, claim the conversation (one answer at a
 * time), save the user's prompt and reserve the answer's row in one transaction (before the
 * model is called), and start the generation with the selected path as history.
 */
export async function sendChatMessage({
  db,
  userId,
  backend,
  request,
  page,
  store = blobStore(),
}: {
  db: Db;
  userId: string;
  backend: Backend;
  request: ChatRequest;
  /** The page that sent it (x-page-id), so its own news of this answer passes it by. */
  page?: string;
  /** Where attachments' bytes are (the process-wide store unless a test gives its own). */
  store?: BlobStore;
}): Promise<Generation> {
  const { conversationId, model, mode } = request;
  const limits = await enforceLimits({ db, userId });
  const claim = await claimAnswer({ userId, conversationId, limits: { ...concurrencyLimits(), maxForUser: limits.maxConcurrent } });
  try {
    const effective = resolveMode(mode, backend.contextWindow, getModelInfo(model).capabilities.thinkMaxMinContext);
    const prompt = request.trigger === "submit" ? request.message : null;
    const imageIds = prompt?.imageIds ?? [];
    // Refused before anything is stored: the prompt stays in the composer to switch models.
    const refusal = imageIds.length > 0 ? visionRefusal(backend, model) : null;
    if (refusal) throw refusal;
    const documentParts = await attachDocuments({ db, userId, ids: prompt?.documentIds ?? [] });
    const imageParts = await attachImages({ db, store, userId, ids: imageIds });
    const turn = await reserveTurn({
      db,
      userId,
      conversationId,
      settings: { model, mode },
      newTitle: fallbackTitle(prompt?.text ?? ""),
      parentId: request.parentId,
      prompt: prompt && {
        id: prompt.id,
        text: prompt.text,
        parts: JSON.stringify([...documentParts, ...imageParts, { type: "text", text: prompt.text }]),
      },
      answer: {
        model,
        modelId: backend.modelId(model),
        mode,
        effectiveMode: effective.effective,
        modeNotice: effective.notice ?? null,
        backend: backend.label,
        priceTier: backend.prices(model, new Date()).tier,
      },
    }).catch((error: unknown) => {
      throw error instanceof TurnRejected ? rejection(error) : error;
    });

    // Rows keep their images through documentRequest (it spreads each row) into toModelMessages.
    const history = await withImages({ db, store, userId, path: pathTo(turn.messages, turn.prompt.id), vision: backend.vision(model) });
    const answerStep = selectedPath(turn.messages).find((step) => step.message.id === turn.answer.id);
    // The title comes from the first prompt, once: an edit of it keeps the title it gave.
    const prompts = turn.messages.filter((message) => message.role === "user");
    const makesTitle = prompt !== null && prompts.length === 1 && turn.conversation.titleSource === "auto";
    const answerId = turn.answer.id;
    const maxOutputTokens = outputTokenCap({ caps: backend.outputCaps, model, mode: effective.effective, contextWindow: backend.contextWindow });
    const upstream = await documentRequest({
      db,
      userId,
      path: history,
      budgetTokens: readWholeBudget({ contextWindow: Math.min(backend.contextWindow, getModelInfo(model).contextWindow), maxOutputTokens }),
      backend,
      model,
    });

    return startGeneration(
      {
        userId,
        page,
        conversationId,
        messageId: answerId,
        model,
        mode: effective,
        messages: upstream.messages,
        prepareMessages: upstream.prepareMessages,
        backend,
        start: turn.answer,
        version: answerStep?.version ?? { index: 1, count: 1 },
        parentId: turn.prompt.id,
        // Sent as max_tokens: every answer has a bound, per the mode actually used.
        maxOutputTokens,
        persist: async (answer) => {
          const saved = await finishAnswer({ db, userId, id: answerId, data: answerUpdate(answer) });
          if (!saved) console.warn(`[chat] answer ${answerId} was deleted before it could be saved`);
        },
        persistFailed: async () => {
          await markAnswerInterrupted({
            db,
            userId,
            id: answerId,
            errorMessage: "The answer could not be saved. What was checkpointed while it streamed is kept.",
          });
        },
        checkpoint: async ({ text, reasoning }) => {
          const parts = answerParts({ text, reasoning });
          await checkpointAnswer({ db, userId, id: answerId, parts: JSON.stringify(parts), content: plainTextOf(parts) });
        },
        sideTask: makesTitle
          ? async (emit) => {
              const title = await makeTitle({ backend, userText: prompt.text });
              await setAutoTitle({ db, userId, id: conversationId, title });
              emit({ type: "data-title", data: { conversationId, title }, transient: true });
            }
          : undefined,
      },
      claim,
    );
  } catch (error) {
    claim.release();
    throw error;
  }
}

function rejection(error: TurnRejected): ChatError {
  switch (error.reason) {
    case "no_conversation":
      return new ChatError("not_found:conversation", "This conversation does not exist (or is not yours).");
    case "no_parent":
      return new ChatError("not_found:chat", "The message this one follows is not in this conversation. Reload the page.");
    case "parent_not_prompt":
      return new ChatError("bad_request:chat", "Only a message of yours can be answered again.");
    case "duplicate_message":
      return new ChatError("bad_request:chat", "This message was already sent. Reload the page.");
  }
}
