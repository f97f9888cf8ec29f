// Message queries. Every function that takes `userId` only sees messages of that user's
// conversations; another user's message behaves exactly like a missing one.
//
// A conversation's messages form a tree (see prisma/schema.prisma): `parentId` links a message
// to the one it follows, `seq` numbers the versions among siblings, and `selected` marks the
// sibling on the path shown. lib/chat/message-tree.ts walks that path.
import type { Db } from "./client";
import type { Prisma } from "./generated/client";
import { type Message, NotFoundError, toMessage } from "./types";

type Tx = Prisma.TransactionClient;

/** Every message of an owned conversation, all branches (empty when not owned or missing). */
export async function listMessages({
  db,
  userId,
  conversationId,
}: {
  db: Db | Tx;
  userId: string;
  conversationId: string;
}): Promise<Message[]> {
  const rows = await db.message.findMany({
    where: { conversationId, conversation: { userId } },
    orderBy: [{ seq: "asc" }, { id: "asc" }],
  });
  return rows.map(toMessage);
}

/** One message of an owned conversation, or null. */
export async function getMessage({
  db,
  userId,
  conversationId,
  id,
}: {
  db: Db | Tx;
  userId: string;
  conversationId: string;
  id: string;
}): Promise<Message | null> {
  const row = await db.message.findFirst({ where: { id, conversationId, conversation: { userId } } });
  return row ? toMessage(row) : null;
}

/** The fields that name a sibling group: same conversation, parent, role and lane. */
type SiblingGroup = Pick<Message, "conversationId" | "parentId" | "role" | "lane">;

function groupWhere(group: SiblingGroup): Prisma.MessageWhereInput {
  return { conversationId: group.conversationId, parentId: group.parentId, role: group.role, lane: group.lane };
}

/**
 * Inserts a message as the newest, selected version of its sibling group (inside the caller's
 * transaction; the conversation's ownership is checked by the caller).
 */
export async function insertSelectedVersion(
  tx: Tx,
  data: Omit<Prisma.MessageUncheckedCreateInput, "seq" | "selected" | "role" | "lane" | "parentId"> & SiblingGroup,
  {
    firstOfGroup = false,
    siblings,
  }: {
    /** The caller knows the group is empty (its parent was inserted in this transaction): no look. */
    firstOfGroup?: boolean;
    /**
     * The group's versions as the caller read them in this transaction: no second look. The one
     * deselected here is updated in place too, so the caller's copy stays what is stored.
     */
    siblings?: Message[];
  } = {},
): Promise<Message> {
  let seq = 1;
  if (siblings) {
    seq = siblings.reduce((top, sibling) => Math.max(top, sibling.seq), 0) + 1;
    await deselectVersions(tx, data, siblings);
  } else if (!firstOfGroup) {
    const group = groupWhere(data);
    const last = await tx.message.findFirst({ where: group, orderBy: { seq: "desc" }, select: { seq: true } });
    await tx.message.updateMany({ where: { ...group, selected: true }, data: { selected: false } });
    seq = (last?.seq ?? 0) + 1;
  }
  const row = await tx.message.create({ data: { ...data, seq, selected: true } });
  return toMessage(row);
}

/**
 * Deselects the selected one of `versions` (a sibling group's, as read in this transaction), in
 * the database and in place.
 */
export async function deselectVersions(tx: Tx, group: SiblingGroup, versions: readonly Message[]): Promise<void> {
  const selected = versions.filter((version) => version.selected);
  if (selected.length === 0) return;
  // Given, not left to @updatedAt, so the copy in memory holds the same time as the row.
  const updatedAt = new Date();
  await tx.message.updateMany({ where: { ...groupWhere(group), selected: true }, data: { selected: false, updatedAt } });
  for (const version of selected) Object.assign(version, { selected: false, updatedAt });
}

/** The versions in `group`, among `messages` (one conversation's). */
export function siblingsIn(messages: readonly Message[], group: SiblingGroup): Message[] {
  return messages.filter((message) => message.parentId === group.parentId && message.role === group.role && message.lane === group.lane);
}

/**
 * Shows version `version` of the sibling group of `messageId`. Resolves false when the message
 * or that version does not exist, or the conversation is not the user's.
 */
export async function selectVersion({
  db,
  userId,
  conversationId,
  messageId,
  version,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  messageId: string;
  version: number;
}): Promise<boolean> {
  return db.$transaction(async (tx: Tx) => {
    const message = await getMessage({ db: tx, userId, conversationId, id: messageId });
    if (!message) return false;
    const group = groupWhere(message);
    const target = await tx.message.findFirst({ where: { ...group, seq: version }, select: { id: true } });
    if (!target) return false;
    await tx.message.updateMany({ where: { ...group, selected: true }, data: { selected: false } });
    await tx.message.update({ where: { id: target.id }, data: { selected: true } });
    return true;
  });
}

/**
 * Writes the final state of an answer (one write; see lib/chat/answer-record.ts for the fields).
 * Resolves null when the message does not exist, is not an answer, or is not the user's.
 */
export async function finishAnswer({
  db,
  userId,
  id,
  data,
}: {
  db: Db;
  userId: string;
  id: string;
  data: Prisma.MessageUpdateManyMutationInput;
}): Promise<boolean> {
  const { count } = await db.message.updateMany({
    where: { id, role: "assistant", conversation: { userId } },
    data,
  });
  return count > 0;
}

/**
 * Saves what a still-streaming answer has so far, so a crash loses little. Only touches a row
 * that is still "streaming": a late checkpoint can never overwrite a finished answer.
 * Resolves false when nothing was updated.
 */
export async function checkpointAnswer({
  db,
  userId,
  id,
  parts,
  content,
}: {
  db: Db;
  userId: string;
  id: string;
  parts: string;
  content: string;
}): Promise<boolean> {
  const { count } = await db.message.updateMany({
    where: { id, role: "assistant", status: "streaming", conversation: { userId } },
    data: { parts, content },
  });
  return count > 0;
}

const INTERRUPTED = {
  status: "interrupted",
  errorCode: "interrupted:chat",
  errorMessage: "V4 Chat stopped before this answer was complete.",
  errorHint: "What arrived is kept. Retry to ask again.",
} as const;

/**
 * At startup: answers still "streaming" were cut off when the previous process ended; mark them
 * "interrupted". Not owner-scoped (maintenance over all users). Returns how many were marked.
 */
export async function markStaleStreamingAsInterrupted({ db, stillRunning = [] }: { db: Db; stillRunning?: string[] }): Promise<number> {
  // Answers that another instance of the app is writing right now are not stale.
  const where = stillRunning.length ? { status: "streaming", id: { notIn: stillRunning } } : { status: "streaming" };
  const { count } = await db.message.updateMany({ where, data: INTERRUPTED });
  return count;
}

/** Marks one answer interrupted when its final save kept failing. False when nothing matched. */
export async function markAnswerInterrupted({
  db,
  userId,
  id,
  errorMessage,
}: {
  db: Db;
  userId: string;
  id: string;
  errorMessage: string;
}): Promise<boolean> {
  const { count } = await db.message.updateMany({
    where: { id, role: "assistant", status: "streaming", conversation: { userId } },
    data: { ...INTERRUPTED, errorMessage },
  });
  return count > 0;
}

export { NotFoundError };
