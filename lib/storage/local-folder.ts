// BlobStore on the local disk: key "a/b" lives at "<root>/a/b.blob". The ".blob" suffix means a
// key's file never collides with another key's folder ("a" vs "a/b"), and since keys cannot
// contain dots, temp files (".name.<uuid>.tmp") can never be mistaken for a key.
import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm, unlink } from "node:fs/promises";
import path from "node:path";
import { assertValidBlobKey, type BlobStore } from "./blob-store";

const SUFFIX = ".blob";

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

export class LocalFolderStore implements BlobStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file for a key. Validation already rules out escapes; the prefix check is a second lock. */
  private fileFor(key: string): string {
    assertValidBlobKey(key);
    const file = path.resolve(this.root, ...key.split("/")) + SUFFIX;
    if (!file.startsWith(this.root + path.sep)) throw new Error(`Storage key escapes the folder: ${key}`);
    return file;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.fileFor(key);
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true });
    // Same folder as the target so the rename stays on one filesystem and is atomic.
    const temp = path.join(dir, `.${path.basename(file, SUFFIX)}.${randomUUID()}.tmp`);
    try {
      const handle = await open(temp, "wx");
      try {
        await handle.writeFile(bytes);
        // Flush before the rename: otherwise a power cut can leave the new name on empty data.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    const file = this.fileFor(key);
    try {
      const buffer = await readFile(file);
      // A plain Uint8Array view (no copy): callers should not depend on Node's Buffer.
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      const code = errorCode(error);
      if (code === "ENOENT" || code === "ENOTDIR") return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.fileFor(key);
    try {
      await unlink(file);
    } catch (error) {
      const code = errorCode(error);
      if (code === "ENOENT" || code === "ENOTDIR") return;
      throw error;
    }
    // Empty folders are left in place: removing them would race with a concurrent put's mkdir.
  }
}
