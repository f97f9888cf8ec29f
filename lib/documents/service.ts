// Uploading and deleting documents. Nothing is stored until the file has been read: a bad file
// (wrong type, encrypted, scanned, a zip bomb…) leaves no row and no blob. The same bytes
// uploaded again by the same person reuse the first document.
import "server-only";
import { deleteAttachment, saveAttachment, sha256Hex } from "@/lib/db/attachments";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { formatBytes } from "@/lib/server/request-guard";
import type { BlobStore } from "@/lib/storage/blob-store";
import { uploadImage } from "@/lib/images/service";
import type { ImageInfo } from "@/lib/images/contract";
import type { DocumentInfo, ScannedPages } from "./contract";
import { DocumentError } from "./errors";
import type { ProgressEvent } from "./extract";
import { KIND_MEDIA_TYPES } from "./formats";
import { extractInPool, renderInPool } from "./pool";
import { findDocumentByHash, getDocument, toDocumentInfo } from "./store";

export interface UploadResult {
  document: DocumentInfo;
  /** True when the person had already uploaded these bytes: the earlier document is returned. */
  duplicate: boolean;
}

type UploadProgressListener = (event: ProgressEvent | { stage: "saving"; done: number; total: number }) => void;

export async function uploadDocument({
  db,
  store,
  userId,
  name,
  bytes,
  maxBytes,
  onProgress,
  signal,
}: {
  db: Db;
  store: BlobStore;
  userId: string;
  name: string;
  bytes: Uint8Array;
  maxBytes: number;
  onProgress?: (event: ProgressEvent | { stage: "saving"; done: number; total: number }) => void;
  signal?: AbortSignal;
}): Promise<UploadResult> {
  if (bytes.byteLength === 0) throw new DocumentError("empty", `“${name}” is empty (0 bytes).`);
  if (bytes.byteLength > maxBytes) {
    throw new DocumentError("too_large", `“${name}” is ${formatBytes(bytes.byteLength)}; documents can be at most ${formatBytes(maxBytes)}.`);
  }
  const sha256 = sha256Hex(bytes);
  const existing = await findDocumentByHash({ db, userId, sha256 });
  if (existing) return { document: toDocumentInfo(existing), duplicate: true };

  const outcome = await extractInPool({ bytes, name }, onProgress, signal);
  if (!outcome.ok) throw new DocumentError(outcome.error.problem, outcome.error.message);
  const read = outcome.document;
  onProgress?.({ stage: "saving", done: 0, total: 1 });

  const attachment = await saveAttachment({ db, store, userId, name, mediaType: KIND_MEDIA_TYPES[read.kind], bytes });
  try {
    const row = await db.document.create({
      data: {
        userId,
        attachmentId: attachment.id,
        sha256,
        kind: read.kind,
        text: read.text,
        pages: read.pages,
        chars: read.chars,
        tokens: read.tokens,
        encoding: read.encoding,
        notice: read.notice,
      },
      include: { attachment: true },
    });
    return { document: toDocumentInfo(row), duplicate: false };
  } catch (error) {
    // Nothing half-stored: the attachment (row and blob) goes with the failed document.
    await deleteAttachment({ db, store, userId, id: attachment.id });
    if (isUniqueViolation(error)) {
      // The same bytes were uploaded at the same moment (two tabs): that one won.
      const winner = await findDocumentByHash({ db, userId, sha256 });
      if (winner) return { document: toDocumentInfo(winner), duplicate: true };
    }
    throw error;
  }
}

/**
 * A scan (a PDF that uploadDocument refused for having no text layer), read for Flash's vision
 * instead: its pages drawn in the worker pool and stored as image attachments (all or none).
 */
export async function uploadScannedPages({
  db,
  store,
  userId,
  name,
  bytes,
  onProgress,
  signal,
}: {
  db: Db;
  store: BlobStore;
  userId: string;
  name: string;
  bytes: Uint8Array;
  onProgress?: UploadProgressListener;
  signal?: AbortSignal;
}): Promise<ScannedPages> {
  const rendered = await renderInPool({ bytes, name }, onProgress, signal);
  if (!rendered.ok) throw new DocumentError(rendered.error.problem, rendered.error.message);
  const total = rendered.pages.length;
  const images: ImageInfo[] = [];
  try {
    for (const [index, page] of rendered.pages.entries()) {
      onProgress?.({ stage: "saving", done: index, total });
      images.push(await uploadImage({ db, store, userId, name: `${name}, page ${index + 1} of ${total}`, bytes: page.bytes }));
    }
  } catch (error) {
    for (const image of images) await deleteAttachment({ db, store, userId, id: image.attachmentId });
    throw error;
  }
  return { name, pages: total, images };
}

/** Deletes the document, its extracted text and its original file. False when not found / not owned. */
export async function deleteDocument({ db, store, userId, id }: { db: Db; store: BlobStore; userId: string; id: string }): Promise<boolean> {
  const row = await getDocument({ db, userId, id });
  if (!row) return false;
  // The attachment's delete cascades to the document row, then removes the blob.
  return deleteAttachment({ db, store, userId, id: row.attachmentId });
}
