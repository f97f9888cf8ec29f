// The storage port for attachment bytes. Keys are opaque strings so an S3-compatible bucket can
// implement it later; nothing about folders or paths crosses this interface.

export interface BlobStore {
  /** Stores `bytes` under `key`, replacing what was there. Readers never see a partial value. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes `key`. Deleting a missing key is not an error (retries and cleanups stay simple). */
  delete(key: string): Promise<void>;
}

/**
 * Keys: lowercase letters, digits, `_` and `-`, in `/`-separated segments. No dots at all, so no
 * `..` and no way to name the stores' own temp files; no leading `/`, so never absolute.
 */
const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;
/** S3's own limit on key length. */
export const MAX_KEY_LENGTH = 1024;
/** Keeps every segment a legal file name on local disks (255 bytes) with room for suffixes. */
export const MAX_KEY_SEGMENT_LENGTH = 200;

export class InvalidBlobKeyError extends Error {
  constructor(key: string) {
    super(`Invalid storage key: ${JSON.stringify(key.slice(0, 100))}`);
    this.name = "InvalidBlobKeyError";
  }
}

export function isValidBlobKey(key: string): boolean {
  return (
    key.length <= MAX_KEY_LENGTH &&
    KEY_PATTERN.test(key) &&
    key.split("/").every((segment) => segment.length <= MAX_KEY_SEGMENT_LENGTH)
  );
}

/** Throws InvalidBlobKeyError unless `key` is valid. Every store calls it before touching storage. */
export function assertValidBlobKey(key: string): void {
  if (typeof key !== "string" || !isValidBlobKey(key)) throw new InvalidBlobKeyError(String(key));
}
