import "server-only";
import type { Backend } from "@/lib/ai/backends/types";
import { getModelInfo, type ModelKey } from "@/lib/ai/catalogue";
import { outputTokenCap } from "@/lib/ai/limits";
import { resolveMode, type ReasoningMode } from "@/lib/ai/modes";
import { enforceLimits } from "@/lib/auth/limits";
import { answerUpdate } from "@/lib/chat/answer-record";
import type { Generation } from "@/lib/chat/generation";
import { selectedPath } from "@/lib/chat/message-tree";
import { claimAnswer, concurrencyLimits, startGeneration, type ConversationClaim } from "@/lib/chat/registry";
import { fallbackTitle, makeTitle } from "@/lib/chat/title";
import { answerParts, plainTextOf } from "@/lib/contract";
import { attachDocuments, documentRequest, readPathDocuments, readWholeBudget, type PathDocuments } from "@/lib/documents/in-context";
import type { Db } from "@/lib/db/client";
import {
  checkpointAnswer,
  ComparisonRejected,
  finishAnswer,
  getConversation,
  listMessages,
  markAnswerInterrupted,
  reserveComparisonTurn,
  reserveLaneAnswer,
  setAutoTitle,
  type AnswerStart,
  type CopiedMessage,
  type Message,
} from "@/lib/db/queries";
import { ChatError } from "@/lib/errors";
import { attachImages, withImages } from "@/lib/images/service";
import { blobStore } from "@/lib/storage";
import type { PaneSetup, startComparisonSchema } from "./contract";
import { comparisonTurns, laneHistory } from "./thread";
import type { z } from "zod";

type StartRequest = z.output<typeof startComparisonSchema>;

/** The answers a comparison turn started, by lane. */
export interface StartedPanes {
  conversationId: string;
  promptId: string;
  generations: Generation[];
}

/**
 * One prompt of a comparison: check the user's limits, claim each pane (a pane runs one answer at
 * a time; the panes run together, each counted against the server's and the user's caps), save
 * the prompt and reserve every pane's answer in one transaction, then start one generation per
 * pane with that pane's own history, model and mode.
 */
export async function startComparisonTurn({ db, userId, backend, request }: { db: Db; userId: string; backend: Backend; request: StartRequest }): Promise<StartedPanes> {
  const { conversationId } = request;
  const lanes = request.panes.map((_, lane) => lane);
  const claims = await claimPanes({ db, userId, conversationId, lanes });
  try {
    const documentParts = await attachDocuments({ db, userId, ids: request.message.documentIds ?? [] });
    const imageParts = await attachImages({ db, store: blobStore(), userId, ids: request.message.imageIds ?? [] });
    const carried = request.parentId === null && request.from ? await carriedHistory({ db, userId, ...request.from }) : [];
    const turn = await reserveComparisonTurn({
      db,
      userId,
      conversationId,
      parentId: request.parentId,
      prompt: { id: request.message.id, text: request.message.text, parts: JSON.stringify([...documentParts, ...imageParts, { type: "text", text: request.message.text }]) },
      answers: request.panes.map((pane) => answerStart(backend, pane)),
      create: { title: fallbackTitle(request.message.text), blind: request.blind, carried },
    }).catch((error: unknown) => {
      throw error instanceof ComparisonRejected ? rejection(error) : error;
    });
    const makesTitle = request.parentId === null && turn.conversation.titleSource === "auto";
    // Every pane's history holds the same prompts: their documents are read once for all panes.
    const documents = await readPathDocuments({ db, userId, path: turn.messages });
    const generations = await Promise.all(turn.answers.map((answer, lane) =>
      startPane({
        db,
        userId,
        backend,
        conversationId,
        messages: turn.messages,
        lanes: request.panes.length,
        answer,
        pane: request.panes[lane] as PaneSetup,
        claim: claims[lane] as ConversationClaim,
        documents,
        // One pane makes the title, so the title request is made once.
        title: makesTitle && lane === 0 ? request.message.text : undefined,
      }),
    ));
    return { conversationId, promptId: turn.prompt.id, generations };
  } catch (error) {
    for (const claim of claims) claim.release();
    throw error;
  }
}

/** Another answer in one pane to one prompt (a new version in that lane); the other panes are untouched. */
export async function retryPane({
  db,
  userId,
  backend,
  conversationId,
  promptId,
  lane,
}: {
  db: Db;
  userId: string;
  backend: Backend;
  conversationId: string;
  promptId: string;
  lane: number;
}): Promise<Generation> {
  const [claim] = await claimPanes({ db, userId, conversationId, lanes: [lane] });
  if (!claim) throw new Error("no claim");
  try {
    const conversation = await getConversation({ db, userId, id: conversationId });
    if (!conversation) throw rejection(new ComparisonRejected("no_comparison"));
    const panes = await paneSetups({ db, userId, conversationId });
    const pane = panes[lane];
    if (!pane) throw rejection(new ComparisonRejected("no_lane"));
    const reserved = await reserveLaneAnswer({ db, userId, conversationId, promptId, lane, answer: answerStart(backend, pane) }).catch((error: unknown) => {
      throw error instanceof ComparisonRejected ? rejection(error) : error;
    });
    return await startPane({ db, userId, backend, conversationId, messages: reserved.messages, lanes: panes.length, answer: reserved.answer, pane, claim });
  } catch (error) {
    claim.release();
    throw error;
  }
}

async function paneSetups({ db, userId, conversationId }: { db: Db; userId: string; conversationId: string }): Promise<PaneSetup[]> {
  const row = await db.comparison.findFirst({ where: { conversationId, conversation: { userId } }, select: { panes: true } });
  return row ? (JSON.parse(row.panes) as PaneSetup[]) : [];
}

/** Claims every pane at once, or none: a refusal (409, 429) releases what was claimed. */
async function claimPanes({ db, userId, conversationId, lanes }: { db: Db; userId: string; conversationId: string; lanes: number[] }): Promise<ConversationClaim[]> {
  const limits = await enforceLimits({ db, userId });
  const claims: ConversationClaim[] = [];
  try {
    for (const lane of lanes) {
      claims.push(await claimAnswer({ userId, conversationId, lane, limits: { ...concurrencyLimits(), maxForUser: limits.maxConcurrent } }));
    }
  } catch (error) {
    for (const claim of claims) claim.release();
    throw error;
  }
  return claims;
}

function answerStart(backend: Backend, pane: PaneSetup): AnswerStart & { model: ModelKey; mode: ReasoningMode } {
  const effective = resolveMode(pane.mode, backend.contextWindow, getModelInfo(pane.model).capabilities.thinkMaxMinContext);
  return {
    model: pane.model,
    modelId: backend.modelId(pane.model),
    mode: pane.mode,
    effectiveMode: effective.effective,
    modeNotice: effective.notice ?? null,
    backend: backend.label,
    priceTier: backend.prices(pane.model, new Date()).tier,
  };
}

/**
 * Starts one pane's generation: its history is the prompts plus its own answers, with the
 * prompts' documents in front of their words (read in parts when they outgrow the pane's window)
 * and their images when the pane's model sees them (else a note where each was).
 */
async function startPane({
  db,
  userId,
  backend,
  conversationId,
  messages,
  lanes,
  answer,
  pane,
  claim,
  title,
  documents,
}: {
  db: Db;
  userId: string;
  backend: Backend;
  conversationId: string;
  messages: Message[];
  lanes: number;
  answer: Message;
  pane: PaneSetup;
  claim: ConversationClaim;
  title?: string;
  /** The prompts' documents, read once for the whole turn (a retry reads its own). */
  documents?: PathDocuments;
}): Promise<Generation> {
  const turns = comparisonTurns(messages, lanes);
  const end = turns.findIndex((turn) => turn.prompt.id === answer.parentId);
  const path = laneHistory(turns.slice(0, end + 1), answer.lane).filter((message) => message.id !== answer.id);
  // Rows keep their images through documentRequest (it spreads each row) into toModelMessages.
  const history = await withImages({ db, store: blobStore(), userId, path, vision: backend.vision(pane.model) });
  const version = turns[end]?.answers[answer.lane]?.version ?? { index: 1, count: 1 };
  const effective = resolveMode(pane.mode, backend.contextWindow, getModelInfo(pane.model).capabilities.thinkMaxMinContext);
  const answerId = answer.id;
  const maxOutputTokens = outputTokenCap({ caps: backend.outputCaps, model: pane.model, mode: effective.effective, contextWindow: backend.contextWindow });
  const upstream = await documentRequest({
    db,
    userId,
    path: history,
    budgetTokens: readWholeBudget({ contextWindow: Math.min(backend.contextWindow, getModelInfo(pane.model).contextWindow), maxOutputTokens }),
    backend,
    model: pane.model,
    documents,
  });
  return startGeneration(
    {
      userId,
      conversationId,
      messageId: answerId,
      model: pane.model,
      mode: effective,
      messages: upstream.messages,
      prepareMessages: upstream.prepareMessages,
      backend,
      start: answer,
      version,
      parentId: answer.parentId ?? "",
      maxOutputTokens,
      persist: async (settled) => {
        const saved = await finishAnswer({ db, userId, id: answerId, data: answerUpdate(settled) });
        if (!saved) console.warn(`[compare] answer ${answerId} was deleted before it could be saved`);
      },
      persistFailed: async () => {
        await markAnswerInterrupted({ db, userId, id: answerId, errorMessage: "The answer could not be saved. What was checkpointed while it streamed is kept." });
      },
      checkpoint: async ({ text, reasoning }) => {
        const parts = answerParts({ text, reasoning });
        await checkpointAnswer({ db, userId, id: answerId, parts: JSON.stringify(parts), content: plainTextOf(parts) });
      },
      sideTask:
        title !== undefined
          ? async (emit) => {
              const made = await makeTitle({ backend, userText: title });
              await setAutoTitle({ db, userId, id: conversationId, title: made });
              emit({ type: "data-title", data: { conversationId, title: made }, transient: true });
            }
          : undefined,
    },
    claim,
  );
}

/**
 * "Compare this prompt": the chat's path before that prompt, copied (prompts and answers with
 * their records). The prompt itself is the comparison's first prompt.
 */
async function carriedHistory({ db, userId, conversationId, promptId }: { db: Db; userId: string; conversationId: string; promptId: string }): Promise<CopiedMessage[]> {
  const messages = await listMessages({ db, userId, conversationId });
  const path = selectedPath(messages).map((step) => step.message);
  const end = path.findIndex((message) => message.id === promptId);
  if (end === -1) throw new ChatError("not_found:chat", "The prompt to compare is no longer in that conversation. Reload it and try again.");
  return path.slice(0, end).filter((message) => message.status !== "streaming").map(copyOf);
}

/** A message's content and run, without its place in a tree (ids, parent, version). */
export function copyOf(message: Message): CopiedMessage {
  const { id: _id, conversationId: _conversation, parentId: _parent, seq: _seq, selected: _selected, lane: _lane, createdAt: _created, updatedAt: _updated, parts, ...rest } = message;
  return { ...rest, parts: JSON.stringify(parts) };
}

function rejection(error: ComparisonRejected): ChatError {
  switch (error.reason) {
    case "no_comparison":
      return new ChatError("not_found:conversation", "This comparison does not exist (or is not yours).");
    case "no_parent":
      return new ChatError("not_found:chat", "The prompt this one follows is not in this comparison. Reload the page.");
    case "duplicate_message":
      return new ChatError("bad_request:chat", "This message was already sent. Reload the page.");
    case "no_lane":
      return new ChatError("bad_request:chat", "This comparison does not have that pane.");
  }
}
