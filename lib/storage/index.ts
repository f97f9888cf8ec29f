// The process-wide blob store. Like getDb, one instance per process, kept on globalThis so
// Next.js dev hot reloads reuse it. Files live in FILES_DIR (default <DATA_DIR>/files).
import { filesDir } from "@/lib/env";
import type { BlobStore } from "./blob-store";
import { LocalFolderStore } from "./local-folder";

export {
  assertValidBlobKey,
  InvalidBlobKeyError,
  isValidBlobKey,
  MAX_KEY_LENGTH,
  MAX_KEY_SEGMENT_LENGTH,
  type BlobStore,
} from "./blob-store";
export { LocalFolderStore } from "./local-folder";

/** Where the local store keeps files by default. */
export function defaultFilesDir(): string {
  return filesDir();
}

const storeKey = Symbol.for("v4chat.storage.blobStore");

export function blobStore(): BlobStore {
  const holder = globalThis as typeof globalThis & { [storeKey]?: BlobStore };
  holder[storeKey] ??= new LocalFolderStore(defaultFilesDir());
  return holder[storeKey];
}
