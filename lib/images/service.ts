// Images as attachments: stored after their bytes are checked, attached to a prompt by id, and
// read back for the request upstream. Every query is scoped by owner.
import "server-only";
import type { ModelKey } from "@/lib/ai/catalogue";
import { getModelInfo } from "@/lib/ai/catalogue";
import type { Backend } from "@/lib/ai/backends/types";
import type { FilePart, StoredPart } from "@/lib/contract";
import { getAttachment, saveAttachment } from "@/lib/db/attachments";
import type { Db } from "@/lib/db/client";
import { ChatError } from "@/lib/errors";
import { formatBytes } from "@/lib/server/request-guard";
import type { BlobStore } from "@/lib/storage/blob-store";
import type { ImageInfo } from "./contract";
import { isImageMediaType, MAX_REQUEST_IMAGE_BYTES } from "./formats";
import { inspectImage } from "./inspect";

/** Checks the bytes (type, size, pixels) and stores them as the person's attachment. */
export async function uploadImage({ db, store, userId, name, bytes }: { db: Db; store: BlobStore; userId: string; name: string; bytes: Uint8Array }): Promise<ImageInfo> {
  const image = await inspectImage(bytes, name);
  const row = await saveAttachment({ db, store, userId, name, mediaType: image.mediaType, bytes });
  return { attachmentId: row.id, name: row.name, mediaType: row.mediaType, size: row.size, width: image.width, height: image.height, tokens: image.tokens };
}

/** The stored image's bytes and type, or null when it is missing, not the person's, or not an image. */
export async function readImage({ db, store, userId, id }: { db: Db; store: BlobStore; userId: string; id: string }) {
  const row = await getAttachment({ db, userId, id });
  if (!row || !isImageMediaType(row.mediaType)) return null;
  const bytes = await store.get(row.storageKey);
  return bytes ? { row, bytes } : null;
}

/** Why a prompt with images cannot go to `model` on this backend (a bad_request ChatError), or null when it can. */
export function visionRefusal(backend: Backend, model: ModelKey): ChatError | null {
  if (backend.vision(model)) return null;
  const flash = getModelInfo("flash").label;
  if (backend.vision("flash")) {
    const values = { flash, model: getModelInfo(model).label };
    return new ChatError("bad_request:image", `Images need ${flash}: ${values.model} cannot see images. Switch to ${flash}, or remove the images.`, {
      words: { key: "visionSwitch", values },
    });
  }
  return new ChatError("bad_request:image", `${backend.label} does not read images. Remove them to send this message.`, {
    words: { key: "visionNone", values: { backend: backend.label } },
  });
}

/** File parts for the images a new prompt carries (figures read from the stored bytes); a 404 when one is missing or not the sender's. */
export async function attachImages({ db, store, userId, ids }: { db: Db; store: BlobStore; userId: string; ids: readonly string[] }): Promise<FilePart[]> {
  const parts: FilePart[] = [];
  for (const id of new Set(ids)) {
    const found = await readImage({ db, store, userId, id });
    if (!found) throw new ChatError("not_found:image", "An image attached to this message does not exist any more (or is not yours). Remove it and send again.");
    const image = await inspectImage(found.bytes, found.row.name);
    parts.push({
      type: "file",
      attachmentId: found.row.id,
      name: found.row.name,
      mediaType: image.mediaType,
      size: found.row.size,
      image: { width: image.width, height: image.height, tokens: image.tokens },
    });
  }
  return parts;
}

/** An image as the request upstream carries it. */
export interface UpstreamImage {
  name: string;
  mediaType: string;
  data: Uint8Array;
}

interface PathRow {
  role: string;
  content: string;
  parts: readonly StoredPart[];
}

/**
 * The path with each prompt's images read from storage, for a model that sees them. For a model
 * that does not (Pro, after Flash read images earlier in the conversation), each image becomes a
 * short note in the prompt's text, so the conversation can go on without them.
 */
export async function withImages<T extends PathRow>({
  db,
  store,
  userId,
  path,
  vision,
}: {
  db: Db;
  store: BlobStore;
  userId: string;
  path: readonly T[];
  vision: boolean;
}): Promise<Array<T & { images?: UpstreamImage[] }>> {
  let total = 0;
  const rows: Array<T & { images?: UpstreamImage[] }> = [];
  for (const row of path) {
    const files = row.role === "user" ? row.parts.filter((part): part is FilePart => part.type === "file" && part.image !== undefined) : [];
    if (files.length === 0) {
      rows.push(row);
      continue;
    }
    if (!vision) {
      const notes = files.map((file) => `[An image was attached here (“${file.name}”); this model cannot see images.]`);
      rows.push({ ...row, content: `${notes.join("\n")}\n\n${row.content}` });
      continue;
    }
    const images: UpstreamImage[] = [];
    for (const file of files) {
      const found = await readImage({ db, store, userId, id: file.attachmentId });
      if (!found) continue; // deleted since: the prompt's words still go
      total += found.bytes.byteLength;
      images.push({ name: file.name, mediaType: found.row.mediaType, data: found.bytes });
    }
    rows.push({ ...row, images });
  }
  if (total > MAX_REQUEST_IMAGE_BYTES) {
    throw new ChatError(
      "payload_too_large:image",
      `This conversation's images come to ${formatBytes(total)}; one request can carry at most ${formatBytes(MAX_REQUEST_IMAGE_BYTES)} of images (DeepSeek's body limit is 48 MiB). Start a new conversation for more images.`,
    );
  }
  return rows;
}
