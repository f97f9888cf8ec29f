// Conversation queries. Every function is scoped by `userId`: a conversation of another user
// behaves exactly like a missing one (null / false), so nothing leaks across owners.
//
// `updatedAt` means "last activity" and orders the sidebar. Renaming and auto-titling keep it
// unchanged (they should not reorder the list); a new turn (lib/db/turns.ts) moves it forward.
import type { BlobStore } from "@/lib/storage/blob-store";
import type { Db } from "./client";
import { deleteStoredBytes } from "./attachments";
import { imagesOnlyIn } from "./conversation-images";
import type { Prisma } from "./generated/client";
import { type Conversation, toConversation } from "./types";

type Tx = Prisma.TransactionClient;

export async function listConversations({ db, userId }: { db: Db; userId: string }): Promise<Conversation[]> {
  const rows = await db.conversation.findMany({
    // Comparisons are listed on their own page (lib/db/comparisons.ts).
    where: { userId, kind: "chat" },
    orderBy: [{ updatedAt: "desc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toConversation);
}

/** The conversation, or null when it does not exist or belongs to someone else. */
export async function getConversation({
  db,
  userId,
  id,
}: {
  db: Db;
  userId: string;
  id: string;
}): Promise<Conversation | null> {
  const row = await db.conversation.findFirst({ where: { id, userId } });
  return row ? toConversation(row) : null;
}

export async function createConversation({
  db,
  userId,
  title,
  model,
  mode,
  id,
}: {
  db: Db;
  userId: string;
  title: string;
  model: string;
  mode: string;
  /** Client-chosen id (e.g. generated in the browser before the first request). */
  id?: string;
}): Promise<Conversation> {
  const row = await db.conversation.create({
    data: { id, userId, title, model, mode, titleSource: "auto" },
  });
  return toConversation(row);
}

/**
 * Updates an owned conversation without moving its `updatedAt`. `extraWhere` narrows the match
 * (e.g. titleSource). Resolves null when nothing matched.
 */
async function updateKeepingActivity(
  db: Db,
  where: { userId: string; id: string; extraWhere?: Prisma.ConversationWhereInput },
  data: Prisma.ConversationUpdateInput,
): Promise<Conversation | null> {
  return db.$transaction(async (tx: Tx) => {
    const current = await tx.conversation.findFirst({
      where: { id: where.id, userId: where.userId, ...where.extraWhere },
      select: { updatedAt: true },
    });
    if (!current) return null;
    const row = await tx.conversation.update({
      where: { id: where.id, userId: where.userId },
      data: { ...data, updatedAt: current.updatedAt },
    });
    return toConversation(row);
  });
}

/** Renames by the user: the title is theirs from now on (auto-titling will not overwrite it). */
export function renameConversation({
  db,
  userId,
  id,
  title,
}: {
  db: Db;
  userId: string;
  id: string;
  title: string;
}): Promise<Conversation | null> {
  return updateKeepingActivity(db, { userId, id }, { title, titleSource: "user" });
}

/** Sets an app-made title, only while the title is still "auto". Null when not applied. */
export async function setAutoTitle({
  db,
  userId,
  id,
  title,
}: {
  db: Db;
  userId: string;
  id: string;
  title: string;
}): Promise<boolean> {
  // One statement, written out: Prisma's update would stamp updatedAt (a title is not activity,
  // it must not move the conversation up the list), and reading it first to keep it took three.
  const changed = await db.$executeRaw`UPDATE "Conversation" SET "title" = ${title} WHERE "id" = ${id} AND "userId" = ${userId} AND "titleSource" = 'auto'`;
  return changed > 0;
}

/**
 * Deletes the conversation and its messages in one transaction (messages are deleted explicitly
 * as well as by the foreign key's ON DELETE CASCADE), with the image attachments only its prompts
 * carried (lib/db/conversation-images.ts). Their bytes go after the commit; a failure there only
 * leaks disk space, so it is logged and the delete still succeeds. Documents stay: they belong to
 * the Documents library. False when not found / not owned.
 */
export async function deleteConversation({
  db,
  store,
  userId,
  id,
}: {
  db: Db;
  store: BlobStore;
  userId: string;
  id: string;
}): Promise<boolean> {
  const imageIds = await imagesOnlyIn({ db, userId, id });
  if (imageIds.length === 0) {
    const [, deleted] = await db.$transaction([
      db.message.deleteMany({ where: { conversationId: id, conversation: { userId } } }),
      db.conversation.deleteMany({ where: { id, userId } }),
    ]);
    return deleted.count > 0;
  }
  const images = { userId, id: { in: imageIds }, mediaType: { startsWith: "image/" }, document: null };
  const [doomed, , deleted] = await db.$transaction([
    db.attachment.findMany({ where: images, select: { id: true, storageKey: true } }),
    db.message.deleteMany({ where: { conversationId: id, conversation: { userId } } }),
    db.conversation.deleteMany({ where: { id, userId } }),
    db.attachment.deleteMany({ where: images }),
  ]);
  await deleteStoredBytes(store, doomed);
  return deleted.count > 0;
}
