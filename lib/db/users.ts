import type { User } from "./generated/client";
import type { Db } from "./client";
import type { BlobStore } from "@/lib/storage/blob-store";
import { deleteStoredBytes } from "./attachments";
import { isUniqueViolation } from "./prisma-errors";

/** Id of the single user that owns everything until accounts exist. */
export const LOCAL_USER_ID = "local";
export const LOCAL_USER_NAME = "Local user";

/**
 * The local user, created on first call. Idempotent and safe when several callers race: the id
 * is fixed, and a losing concurrent insert falls back to reading the winner's row.
 */
export async function ensureLocalUser({ db }: { db: Db }): Promise<User> {
  try {
    return await db.user.upsert({
      where: { id: LOCAL_USER_ID },
      create: { id: LOCAL_USER_ID, name: LOCAL_USER_NAME },
      update: {},
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.user.findUniqueOrThrow({ where: { id: LOCAL_USER_ID } });
  }
}

/**
 * Deletes an account (never the local user) and everything it owns: the rows go with it (the
 * schema cascades), and the bytes of its uploads leave the blob store after them. Each upload has
 * its own key, so no one else's file goes. False when there is no such account.
 */
export async function deleteAccount({ db, store, userId }: { db: Db; store: BlobStore; userId: string }): Promise<boolean> {
  const account = { id: userId, email: { not: null } };
  const [files, deleted] = await db.$transaction([
    db.attachment.findMany({ where: { userId, user: account }, select: { id: true, storageKey: true } }),
    db.user.deleteMany({ where: account }),
  ]);
  // After the rows: a file left by a failed delete is only disk space, a row without its file is a broken chat.
  await deleteStoredBytes(store, files);
  return deleted.count > 0;
}
