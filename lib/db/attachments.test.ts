import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatError } from "@/lib/errors";
import { LocalFolderStore } from "@/lib/storage/local-folder";
import {
  deleteAttachment,
  getAttachment,
  listAttachments,
  MAX_ATTACHMENT_BYTES,
  normalizeAttachmentName,
  readAttachmentBytes,
  saveAttachment,
} from "./queries";
import { createTestDatabase, type TestDatabase } from "./test-helpers";

let t: TestDatabase;
let filesDir: string;
let store: LocalFolderStore;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.user.createMany({ data: [{ id: "alice", name: "Alice" }, { id: "bob", name: "Bob" }] });
});
afterAll(async () => {
  await t.cleanup();
});
beforeEach(async () => {
  await t.db.attachment.deleteMany();
  filesDir = mkdtempSync(path.join(t.dir, "files-"));
  store = new LocalFolderStore(filesDir);
});

/** Every stored blob file (relative paths), so tests see what is really on disk. */
function blobFiles(): string[] {
  return readdirSync(filesDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(filesDir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const encode = (text: string) => new TextEncoder().encode(text);

function save(userId: string, name: string, text: string, mediaType = "text/plain") {
  return saveAttachment({ db: t.db, store, userId, name, mediaType, bytes: encode(text) });
}

describe("saveAttachment", () => {
  it("stores the bytes and a row with size, sha256 and a key free of the file name", async () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 7) % 256);
    const row = await saveAttachment({ db: t.db, store, userId: "alice", name: "report.pdf", mediaType: "application/pdf", bytes });

    expect(row).toMatchObject({ userId: "alice", name: "report.pdf", mediaType: "application/pdf", size: 1000 });
    expect(row.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(row.storageKey).not.toContain("report");
    expect(row.storageKey).not.toContain("alice");
    expect(await t.db.attachment.findUnique({ where: { id: row.id } })).toEqual(row);

    // The bytes on disk are exactly what was saved.
    const files = blobFiles();
    expect(files).toHaveLength(1);
    expect([...readFileSync(path.join(filesDir, files[0] ?? ""))]).toEqual([...bytes]);
    expect([...((await store.get(row.storageKey)) ?? [])]).toEqual([...bytes]);
  });

  it("gives every attachment its own key, even with the same name and bytes", async () => {
    const a = await save("alice", "same.txt", "same");
    const b = await save("alice", "same.txt", "same");
    expect(a.storageKey).not.toBe(b.storageKey);
    expect(a.sha256).toBe(b.sha256);
    expect(blobFiles()).toHaveLength(2);
  });

  it("keeps only the last path segment of the name", async () => {
    expect((await save("alice", "../../etc/passwd", "x")).name).toBe("passwd");
    expect((await save("alice", "C:\\Users\\me\\notes.txt", "x")).name).toBe("notes.txt");
    expect((await save("alice", "  spaced.md  ", "x")).name).toBe("spaced.md");
    expect(normalizeAttachmentName("a\u0000b\n.txt")).toBe("ab.txt");
  });

  it.each(["", "   ", "dir/", "..", "a/..", "x".repeat(256)])("refuses the name %j and stores nothing", async (name) => {
    await expect(save("alice", name, "x")).rejects.toBeInstanceOf(ChatError);
    expect(await t.db.attachment.count()).toBe(0);
    expect(blobFiles()).toEqual([]);
  });

  it("accepts a 255-character name", async () => {
    expect((await save("alice", "x".repeat(255), "x")).name).toHaveLength(255);
  });

  it("refuses more than MAX_ATTACHMENT_BYTES and stores nothing", async () => {
    const tooBig = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    await expect(
      saveAttachment({ db: t.db, store, userId: "alice", name: "big.bin", mediaType: "application/octet-stream", bytes: tooBig }),
    ).rejects.toThrow(/at most 50 MiB/);
    expect(await t.db.attachment.count()).toBe(0);
    expect(blobFiles()).toEqual([]);
  });

  it("deletes the blob again when the insert fails", async () => {
    // No such user: the foreign key makes the insert fail after the bytes were stored.
    const puts: string[] = [];
    const watched = {
      put: (key: string, bytes: Uint8Array) => (puts.push(key), store.put(key, bytes)),
      get: (key: string) => store.get(key),
      delete: (key: string) => store.delete(key),
    };
    await expect(
      saveAttachment({ db: t.db, store: watched, userId: "nobody", name: "a.txt", mediaType: "text/plain", bytes: encode("x") }),
    ).rejects.toThrow();
    expect(puts).toHaveLength(1);
    expect(await store.get(puts[0] ?? "")).toBeNull();
    expect(blobFiles()).toEqual([]);
    expect(await t.db.attachment.count()).toBe(0);
  });
});

describe("reading and listing", () => {
  it("gets and reads an owned attachment's bytes", async () => {
    const row = await save("alice", "hello.txt", "hello, world");
    expect(await getAttachment({ db: t.db, userId: "alice", id: row.id })).toEqual(row);
    const bytes = await readAttachmentBytes({ db: t.db, store, userId: "alice", id: row.id });
    expect(new TextDecoder().decode(bytes ?? undefined)).toBe("hello, world");
  });

  it("returns null for a missing id", async () => {
    expect(await getAttachment({ db: t.db, userId: "alice", id: "missing" })).toBeNull();
    expect(await readAttachmentBytes({ db: t.db, store, userId: "alice", id: "missing" })).toBeNull();
  });

  it("throws when the row exists but its bytes are gone", async () => {
    const row = await save("alice", "lost.txt", "lost");
    await store.delete(row.storageKey);
    await expect(readAttachmentBytes({ db: t.db, store, userId: "alice", id: row.id })).rejects.toThrow(/missing/);
  });

  it("lists only the user's own attachments, newest first", async () => {
    const first = await save("alice", "1.txt", "1");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await save("alice", "2.txt", "2");
    await save("bob", "bob.txt", "b");
    const list = await listAttachments({ db: t.db, userId: "alice" });
    expect(list.map((row) => row.id)).toEqual([second.id, first.id]);
    expect((await listAttachments({ db: t.db, userId: "bob" })).map((row) => row.name)).toEqual(["bob.txt"]);
  });
});

describe("owner scoping", () => {
  it("another user cannot get, read or delete an attachment", async () => {
    const row = await save("alice", "private.txt", "alice's secret");

    expect(await getAttachment({ db: t.db, userId: "bob", id: row.id })).toBeNull();
    expect(await readAttachmentBytes({ db: t.db, store, userId: "bob", id: row.id })).toBeNull();
    expect(await deleteAttachment({ db: t.db, store, userId: "bob", id: row.id })).toBe(false);
    expect(await listAttachments({ db: t.db, userId: "bob" })).toEqual([]);

    // Still there for Alice, row and bytes.
    expect(await t.db.attachment.findUnique({ where: { id: row.id } })).toEqual(row);
    const bytes = await readAttachmentBytes({ db: t.db, store, userId: "alice", id: row.id });
    expect(new TextDecoder().decode(bytes ?? undefined)).toBe("alice's secret");
  });
});

describe("deleteAttachment", () => {
  it("removes the row and the blob, and only that one", async () => {
    const gone = await save("alice", "gone.txt", "gone");
    const kept = await save("alice", "kept.txt", "kept");
    expect(blobFiles()).toHaveLength(2);

    expect(await deleteAttachment({ db: t.db, store, userId: "alice", id: gone.id })).toBe(true);
    expect(await t.db.attachment.findUnique({ where: { id: gone.id } })).toBeNull();
    expect(await store.get(gone.storageKey)).toBeNull();
    expect(blobFiles()).toHaveLength(1);
    expect(new TextDecoder().decode((await store.get(kept.storageKey)) ?? undefined)).toBe("kept");

    expect(await deleteAttachment({ db: t.db, store, userId: "alice", id: gone.id })).toBe(false);
  });

  it("of two concurrent deletes exactly one succeeds", async () => {
    const row = await save("alice", "race.txt", "race");
    const results = await Promise.all([
      deleteAttachment({ db: t.db, store, userId: "alice", id: row.id }),
      deleteAttachment({ db: t.db, store, userId: "alice", id: row.id }),
    ]);
    expect(results.sort()).toEqual([false, true]);
    expect(blobFiles()).toEqual([]);
  });
});
