// Starting a turn in one transaction: the conversation (created on the first message), the
// user's prompt (saved before the model is called), and the answer's row reserved as
// "streaming". Every check comes before the first write, and a failed check rolls back
// whatever the transaction did, so a rejected request changes nothing.
import type { Db } from "./client";
import type { Prisma } from "./generated/client";
import { insertSelectedVersion, listMessages } from "./messages";
import { isUniqueViolation } from "./prisma-errors";
import { type Conversation, type Message, NotFoundError, toConversation, toMessage } from "./types";

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

  let parent: Message | null = null;
  if (existing && input.parentId !== null) {
    const row = await tx.message.findFirst({ where: { id: input.parentId, conversationId } });
    if (!row) throw new TurnRejected("no_parent");
    parent = toMessage(row);
  } else if (!existing && (input.parentId !== null || !prompt)) {
    throw new TurnRejected("no_conversation");
  }
  if (!prompt && parent?.role !== "user") throw new TurnRejected("parent_not_prompt");
  if (prompt && parent?.role === "user") {
    // A prompt follows an answer. Only a prompt left without any answer (a crash between the
    // two, in data from before the tree) may be followed by another prompt directly.
    const answers = await tx.message.count({ where: { conversationId, parentId: parent.id, role: "assistant" } });
    if (answers > 0) throw new TurnRejected("no_parent");
  }
  if (prompt) {
    const taken = await tx.message.findUnique({ where: { id: prompt.id }, select: { id: true } });
    if (taken) throw new TurnRejected("duplicate_message");
  }

  // Checks done: from here on, write.
  const now = new Date();
  const conversation = existing
    ? await tx.conversation.update({ where: { id: conversationId }, data: { ...settings, updatedAt: now } })
    : await tx.conversation.create({
        data: { id: conversationId, userId, title: input.newTitle, titleSource: "auto", ...settings },
      });

  // The turn follows what its sender sees, which may be a branch another tab has since switched
  // away from: that branch becomes the path shown again, so the new turn is on it.
  if (parent) await selectPathTo(tx, conversationId, parent.id);

  // A new conversation has no messages, and a new prompt no answers: nothing to look up there.
  const promptRow = prompt
    ? await insertSelectedVersion(
        tx,
        {
          id: prompt.id,
          conversationId,
          parentId: input.parentId,
          role: "user",
          lane: 0,
          parts: prompt.parts,
          content: prompt.text,
          status: "complete",
        },
        { firstOfGroup: !existing },
      )
    : (parent as Message);

  const answer = await insertSelectedVersion(
    tx,
    {
      conversationId,
      parentId: promptRow.id,
      role: "assistant",
      lane,
      parts: "[]",
      content: "",
      status: "streaming",
      ...input.answer,
    },
    { firstOfGroup: prompt !== null },
  );
  const messages = existing ? await listMessages({ db: tx, userId, conversationId }) : [promptRow, answer];
  const promptMessage = messages.find((message) => message.id === promptRow.id);
  if (!promptMessage) throw new NotFoundError("Message");
  return { conversation: toConversation(conversation), created: !existing, prompt: promptMessage, answer, messages };
}

/** Selects `id` and every message above it that is not the selected one of its sibling group. */
async function selectPathTo(tx: Tx, conversationId: string, id: string): Promise<void> {
  const nodes = await tx.message.findMany({
    where: { conversationId },
    select: { id: true, parentId: true, role: true, lane: true, selected: true },
  });
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const seen = new Set<string>();
  for (let node = byId.get(id); node && !seen.has(node.id); node = node.parentId ? byId.get(node.parentId) : undefined) {
    seen.add(node.id);
    if (node.selected) continue;
    const group = { conversationId, parentId: node.parentId, role: node.role, lane: node.lane };
    await tx.message.updateMany({ where: { ...group, selected: true }, data: { selected: false } });
    await tx.message.update({ where: { id: node.id }, data: { selected: true } });
  }
}
