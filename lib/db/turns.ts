// Starting a turn in one transaction: the conversation (created on the first message), the
// user's prompt (saved before the model is called), and the answer's row reserved as
// "streaming". Every check comes before the first write, and a failed check rolls back
// whatever the transaction did, so a rejected request changes nothing.
import type { Db } from "./client";
import type { Prisma } from "./generated/client";
import { deselectVersions, insertSelectedVersion, listMessages, siblingsIn } from "./messages";
import { isUniqueViolation } from "./prisma-errors";
import { type Conversation, type Message, toConversation } from "./types";

type Tx = Prisma.TransactionClient;

/** Why a turn could not start (mapped to words for the user by lib/chat/send.ts). */
export class TurnRejected extends Error {
  constructor(
    readonly reason: "no_conversation" | "no_parent" | "parent_not_prompt" | "duplicate_message",
  ) {
    super(`turn rejected: ${reason}`);
    this.name = "TurnRejected";
  }
}

/** The answer row's fields known before the model is called. */
export interface AnswerStart {
  model: string;
  modelId: string;
  mode: string;
  effectiveMode: string;
  modeNotice: string | null;
  backend: string;
  priceTier: string;
}

export interface TurnInput {
  userId: string;
  conversationId: string;
  /** Model and mode chosen for this turn: remembered by the conversation. */
  settings: { model: string; mode: string };
  /** Creates the conversation with this title when it does not exist yet (first message). */
  newTitle: string;
  /** A new prompt after `parentId`, or (prompt null) a new answer to the prompt `parentId`. */
  parentId: string | null;
  prompt: { id: string; text: string; parts: string } | null;
  answer: AnswerStart;
  lane?: number;
}

export interface ReservedTurn {
  conversation: Conversation;
  /** True when this turn created the conversation. */
  created: boolean;
  prompt: Message;
  answer: Message;
  /** Every message of the conversation after the reservation (all branches). */
  messages: Message[];
}

export async function reserveTurn({ db, ...input }: TurnInput & { db: Db }): Promise<ReservedTurn> {
  try {
    return await db.$transaction((tx: Tx) => reserve(tx, input));
  } catch (error) {
    // A client-chosen id that is already taken: the conversation is someone else's, or the
    // message was sent before.
    if (isUniqueViolation(error)) {
      throw new TurnRejected(input.prompt && input.parentId !== null ? "duplicate_message" : "no_conversation");
    }
    throw error;
  }
}

async function reserve(tx: Tx, input: TurnInput): Promise<ReservedTurn> {
  const { userId, conversationId, settings, prompt } = input;
  const lane = input.lane ?? 0;
  // Comparisons take their turns through lib/db/comparisons.ts (one answer per pane).
  const existing = await tx.conversation.findFirst({ where: { id: conversationId, userId, kind: "chat" } });
  if (!existing) {
    if (input.parentId !== null || !prompt) throw new TurnRejected("no_conversation");
    return reserveFirst(tx, { ...input, prompt });
  }

  // One read of the tree serves every check, the version numbers and the history handed back.
  const messages = await listMessages({ db: tx, userId, conversationId });
  const byId = new Map(messages.map((message) => [message.id, message]));
  let parent: Message | null = null;
  if (input.parentId !== null) {
    parent = byId.get(input.parentId) ?? null;
    if (!parent) throw new TurnRejected("no_parent");
  }
  if (!prompt && parent?.role !== "user") throw new TurnRejected("parent_not_prompt");
  // A prompt follows an answer. Only a prompt left without any answer (a crash between the two,
  // in data from before the tree) may be followed by another prompt directly.
  const parentId = parent?.id;
  if (prompt && parent?.role === "user" && messages.some((message) => message.parentId === parentId && message.role === "assistant")) {
    throw new TurnRejected("no_parent");
  }
  // (An id taken in another conversation is refused by the insert below.)
  if (prompt && byId.has(prompt.id)) throw new TurnRejected("duplicate_message");

  // Checks done: from here on, write.
  const conversation = await tx.conversation.update({ where: { id: conversationId }, data: { ...settings, updatedAt: new Date() } });

  // The turn follows what its sender sees, which may be a branch another tab has since switched
  // away from: that branch becomes the path shown again, so the new turn is on it.
  if (parent) await selectPathTo(tx, messages, parent.id);

  let promptRow = parent as Message;
  if (prompt) {
    const group = { conversationId, parentId: input.parentId, role: "user" as const, lane: 0 };
    const siblings = siblingsIn(messages, group);
    promptRow = await insertPrompt(tx, { ...group, id: prompt.id, parts: prompt.parts, content: prompt.text, status: "complete" }, { siblings });
    messages.push(promptRow);
  }
  const answerGroup = { conversationId, parentId: promptRow.id, role: "assistant" as const, lane };
  const answerSiblings = prompt ? [] : siblingsIn(messages, answerGroup);
  const answer = await insertSelectedVersion(tx, { ...answerGroup, parts: "[]", content: "", status: "streaming", ...input.answer }, { siblings: answerSiblings });
  messages.push(answer);
  // In the order listMessages reads them.
  messages.sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { conversation: toConversation(conversation), created: false, prompt: promptRow, answer, messages };
}

/** The first prompt makes the conversation: nothing to look up, nothing to select. */
async function reserveFirst(tx: Tx, input: TurnInput & { prompt: NonNullable<TurnInput["prompt"]> }): Promise<ReservedTurn> {
  const { userId, conversationId, settings, prompt } = input;
  const conversation = await tx.conversation.create({
    data: { id: conversationId, userId, title: input.newTitle, titleSource: "auto", ...settings },
  });
  const promptRow = await insertPrompt(
    tx,
    { id: prompt.id, conversationId, parentId: null, role: "user", lane: 0, parts: prompt.parts, content: prompt.text, status: "complete" },
    { firstOfGroup: true },
  );
  const answer = await insertSelectedVersion(
    tx,
    { conversationId, parentId: promptRow.id, role: "assistant", lane: input.lane ?? 0, parts: "[]", content: "", status: "streaming", ...input.answer },
    { firstOfGroup: true },
  );
  return { conversation: toConversation(conversation), created: true, prompt: promptRow, answer, messages: [promptRow, answer] };
}

/** The prompt's insert: an id already taken (in any conversation) means it was sent before. */
async function insertPrompt(
  tx: Tx,
  data: Parameters<typeof insertSelectedVersion>[1],
  options: Parameters<typeof insertSelectedVersion>[2],
): Promise<Message> {
  try {
    return await insertSelectedVersion(tx, data, options);
  } catch (error) {
    if (isUniqueViolation(error)) throw new TurnRejected("duplicate_message");
    throw error;
  }
}

/**
 * Selects `id` and every message above it that is not the selected one of its sibling group,
 * in the database and in `messages` (the conversation's, read in this transaction).
 */
async function selectPathTo(tx: Tx, messages: readonly Message[], id: string): Promise<void> {
  const byId = new Map(messages.map((message) => [message.id, message]));
  const seen = new Set<string>();
  for (let node = byId.get(id); node && !seen.has(node.id); node = node.parentId ? byId.get(node.parentId) : undefined) {
    seen.add(node.id);
    if (node.selected) continue;
    const group = { conversationId: node.conversationId, parentId: node.parentId, role: node.role, lane: node.lane };
    await deselectVersions(tx, group, siblingsIn(messages, group));
    const updatedAt = new Date();
    await tx.message.update({ where: { id: node.id }, data: { selected: true, updatedAt } });
    Object.assign(node, { selected: true, updatedAt });
  }
}
