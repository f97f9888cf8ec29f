// Attachments: the row (metadata, owner) lives in the database, the bytes in a BlobStore under a
// random key. Every function is scoped by `userId`: another user's attachment behaves exactly
// like a missing one. Media-type and upload-size policy belong to the upload routes; here we only
// keep names sane and enforce a hard ceiling.
import { createHash, randomUUID } from "node:crypto";
import { ChatError } from "@/lib/errors";
import type { BlobStore } from "@/lib/storage/blob-store";
import type { Db } from "./client";
import type { Attachment } from "./generated/client";
import { nullIfNotFound } from "./prisma-errors";

export type { Attachment };

/** Hard ceiling on one attachment (50 MiB); upload routes may set lower limits per type. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const MAX_ATTACHMENT_NAME_LENGTH = 255;

/**
 * The display name to keep: the last path segment (browsers and some clients send "C:\x\a.pdf"
 * or "dir/a.pdf"), without control characters, trimmed. Throws a bad_request ChatError when
 * nothing usable is left or it is longer than MAX_ATTACHMENT_NAME_LENGTH.
 */
export function normalizeAttachmentName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (base === "" || base === "." || base === "..") {
    throw new ChatError("bad_request:chat", "The file needs a name.");
  }
  if (base.length > MAX_ATTACHMENT_NAME_LENGTH) {
    throw new ChatError("bad_request:chat", `File names can be at most ${MAX_ATTACHMENT_NAME_LENGTH} characters.`);
  }
  return base;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * A fresh key: a folder per user (a hash, so any user id fits the key alphabet and none is
 * exposed) and a random UUID. Never the file name: it is user input and not unique.
 */
export function newAttachmentStorageKey(userId: string): string {
  return `${sha256Hex(new TextEncoder().encode(userId)).slice(0, 16)}/${randomUUID()}`;
}

/**
 * Stores the bytes, then inserts the row. Bytes first so a row never points at nothing; if the
 * insert fails the blob is deleted again (and the insert's error is rethrown).
 */
export async function saveAttachment({
  db,
  store,
  userId,
  name,
  mediaType,
  bytes,
}: {
  db: Db;
  store: BlobStore;
  userId: string;
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}): Promise<Attachment> {
  const cleanName = normalizeAttachmentName(name);
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new ChatError("bad_request:chat", `Files can be at most ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MiB.`);
  }
  const storageKey = newAttachmentStorageKey(userId);
  await store.put(storageKey, bytes);
  try {
    return await db.attachment.create({
      data: { userId, name: cleanName, mediaType, size: bytes.byteLength, sha256: sha256Hex(bytes), storageKey },
    });
  } catch (error) {
    // Best effort: a leftover blob is only wasted space, and the insert's error is the one to report.
    await store.delete(storageKey).catch(() => undefined);
    throw error;
  }
}

/** The attachment, or null when it does not exist or belongs to someone else. */
export function getAttachment({ db, userId, id }: { db: Db; userId: string; id: string }): Promise<Attachment | null> {
  return db.attachment.findFirst({ where: { id, userId } });
}

/**
 * The attachment's bytes, or null when the row does not exist or is not owned. A row whose blob is
 * gone is a storage fault, not a missing attachment, so it throws.
 */
export async function readAttachmentBytes({
  db,
  store,
  userId,
  id,
}: {
  db: Db;
  store: BlobStore;
  userId: string;
  id: string;
}): Promise<Uint8Array | null> {
  const row = await getAttachment({ db, userId, id });
  if (!row) return null;
  const bytes = await store.get(row.storageKey);
  if (!bytes) throw new Error(`Attachment ${row.id}: stored bytes are missing (key ${row.storageKey})`);
  return bytes;
}

/** The user's attachments, newest first. */
export function listAttachments({ db, userId }: { db: Db; userId: string }): Promise<Attachment[]> {
  return db.attachment.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/**
 * Deletes the row, then the blob. Row first: if the blob delete fails we leak bytes nobody can
 * reach (logged), instead of leaving a row that points at nothing. False when not found / not owned.
 */
export async function deleteAttachment({
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
  // One statement, so of two concurrent deletes exactly one wins and removes the blob.
  const row = await nullIfNotFound(() => db.attachment.delete({ where: { id, userId } }));
  if (!row) return false;
  await deleteStoredBytes(store, [row]);
  return true;
}

/**
 * Removes the bytes of attachments whose rows are already deleted. A failed delete is logged, not
 * thrown: the attachment is gone for the user either way, and a leftover file only costs disk space.
 */
export async function deleteStoredBytes(store: BlobStore, rows: ReadonlyArray<{ id: string; storageKey: string }>): Promise<void> {
  await Promise.all(
    rows.map((row) =>
      store.delete(row.storageKey).catch((error: unknown) => {
        console.warn(`Attachment ${row.id}: could not delete stored bytes (key ${row.storageKey})`, error);
      }),
    ),
  );
}
