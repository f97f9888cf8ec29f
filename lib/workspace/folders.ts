// Folders and pins. Every function is scoped by `userId`: another user's folder or conversation
// behaves exactly like a missing one. Pinning and moving never change a conversation's
// `updatedAt` (its last activity, which orders the sidebar).
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { type Conversation, toConversation } from "@/lib/db/types";

export interface Folder {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export const MAX_FOLDERS = 200;

export async function listFolders({ db, userId }: { db: Db; userId: string }): Promise<Folder[]> {
  return db.folder.findMany({
    where: { userId },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, createdAt: true, updatedAt: true },
  });
}

/** A new folder; null when the user already has MAX_FOLDERS. */
export async function createFolder({ db, userId, name }: { db: Db; userId: string; name: string }): Promise<Folder | null> {
  return db.$transaction(async (tx: Prisma.TransactionClient) => {
    if ((await tx.folder.count({ where: { userId } })) >= MAX_FOLDERS) return null;
    return tx.folder.create({ data: { userId, name }, select: { id: true, name: true, createdAt: true, updatedAt: true } });
  });
}

export async function renameFolder({ db, userId, id, name }: { db: Db; userId: string; id: string; name: string }): Promise<Folder | null> {
  const { count } = await db.folder.updateMany({ where: { id, userId }, data: { name } });
  if (count === 0) return null;
  return db.folder.findFirst({ where: { id, userId }, select: { id: true, name: true, createdAt: true, updatedAt: true } });
}

/**
 * Deletes a folder; its conversations are kept and come out of it (in the same transaction, and
 * by the foreign key's ON DELETE SET NULL). False when not found / not owned.
 */
export async function deleteFolder({ db, userId, id }: { db: Db; userId: string; id: string }): Promise<boolean> {
  return db.$transaction(async (tx: Prisma.TransactionClient) => {
    const folder = await tx.folder.findFirst({ where: { id, userId }, select: { id: true } });
    if (!folder) return false;
    await tx.$executeRaw`UPDATE "Conversation" SET "folderId" = NULL WHERE "folderId" = ${id} AND "userId" = ${userId}`;
    await tx.folder.delete({ where: { id } });
    return true;
  });
}

/**
 * Pins/unpins a conversation and/or files it in a folder (null: none). Null when the conversation
 * or the folder is not the user's. `updatedAt` is written back unchanged.
 */
export async function placeConversation({
  db,
  userId,
  id,
  pinned,
  folderId,
}: {
  db: Db;
  userId: string;
  id: string;
  pinned?: boolean;
  folderId?: string | null;
}): Promise<Conversation | null> {
  return db.$transaction(async (tx: Prisma.TransactionClient) => {
    const current = await tx.conversation.findFirst({ where: { id, userId }, select: { updatedAt: true, pinnedAt: true } });
    if (!current) return null;
    if (folderId) {
      const folder = await tx.folder.findFirst({ where: { id: folderId, userId }, select: { id: true } });
      if (!folder) return null;
    }
    const data: Prisma.ConversationUncheckedUpdateInput = { updatedAt: current.updatedAt };
    if (pinned !== undefined) data.pinnedAt = pinned ? (current.pinnedAt ?? new Date()) : null;
    if (folderId !== undefined) data.folderId = folderId;
    return toConversation(await tx.conversation.update({ where: { id }, data }));
  });
}
