import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { BlobStore } from "@/lib/storage/blob-store";
import { LocalFolderStore } from "@/lib/storage/local-folder";
import { imageAttachmentIds } from "./conversation-images";
import { deleteConversation, reserveTurn, saveAttachment, type Attachment } from "./queries";
import { ANSWER_START, useTestDatabase } from "./test-helpers";

const t = useTestDatabase({ userPrefix: "images" });

function newStore(): LocalFolderStore {
  return new LocalFolderStore(mkdtempSync(path.join(tmpdir(), "v4chat-conv-images-")));
}

const fileOf = (store: LocalFolderStore, row: Attachment) => path.join(store.root, `${row.storageKey}.blob`);

function image(store: BlobStore, userId: string, name: string) {
  return saveAttachment({ db: t.db, store, userId, name, mediaType: "image/png", bytes: new TextEncoder().encode(`png ${name}`) });
}

/** A library document: its original file plus the extracted text, as lib/documents/service.ts stores it. */
async function libraryDocument(store: BlobStore, userId: string, name: string) {
  const attachment = await saveAttachment({ db: t.db, store, userId, name, mediaType: "text/markdown", bytes: new TextEncoder().encode(`# ${name}`) });
  await t.db.document.create({
    data: { userId, attachmentId: attachment.id, sha256: attachment.sha256, kind: "markdown", text: `# ${name}`, chars: name.length + 2, tokens: 3 },
  });
  return attachment;
}

/** A prompt carrying `files` as lib/chat/send.ts stores them (documents, then images, then the text). */
function promptWith(userId: string, conversationId: string, files: { row: Attachment; kind: "image" | "document" }[]) {
  const parts = [
    ...files.map(({ row, kind }) => ({
      type: "file",
      attachmentId: row.id,
      name: row.name,
      mediaType: row.mediaType,
      size: row.size,
      ...(kind === "image" ? { image: { width: 10, height: 10, tokens: 1 } } : { document: { id: "d", kind: "markdown", pages: null, chars: 3, tokens: 3 } }),
    })),
    { type: "text", text: "look" },
  ];
  return reserveTurn({
    db: t.db,
    userId,
    conversationId,
    settings: { model: "flash", mode: "non-think" },
    newTitle: "New chat",
    parentId: null,
    prompt: { id: `${conversationId}-p1`, text: "look", parts: JSON.stringify(parts) },
    answer: ANSWER_START,
  });
}

const rowExists = async (row: Attachment) => (await t.db.attachment.findUnique({ where: { id: row.id } })) !== null;

describe("deleteConversation with attachments", () => {
  it("deletes the images only it carried, rows and files, and keeps shared images and library documents", async () => {
    const store = newStore();
    const userId = await t.makeUser();
    const own = await image(store, userId, "own.png");
    const shared = await image(store, userId, "shared.png");
    const other = await image(store, userId, "other.png");
    const document = await libraryDocument(store, userId, "notes.md");
    await promptWith(userId, "doomed", [
      { row: document, kind: "document" },
      { row: own, kind: "image" },
      { row: shared, kind: "image" },
    ]);
    // The same image in another conversation (as "Continue with this answer" or an import makes it).
    await promptWith(userId, "kept", [
      { row: shared, kind: "image" },
      { row: other, kind: "image" },
    ]);
    for (const row of [own, shared, other, document]) expect(existsSync(fileOf(store, row))).toBe(true);

    expect(await deleteConversation({ db: t.db, store, userId, id: "doomed" })).toBe(true);

    expect(await rowExists(own)).toBe(false);
    expect(existsSync(fileOf(store, own))).toBe(false);
    for (const row of [shared, other, document]) {
      expect(await rowExists(row)).toBe(true);
      expect(existsSync(fileOf(store, row))).toBe(true);
    }
    expect(await t.db.document.count({ where: { attachmentId: document.id } })).toBe(1);

    // Once the last conversation carrying the shared image goes, so does the image.
    expect(await deleteConversation({ db: t.db, store, userId, id: "kept" })).toBe(true);
    for (const row of [shared, other]) {
      expect(await rowExists(row)).toBe(false);
      expect(existsSync(fileOf(store, row))).toBe(false);
    }
    expect(await rowExists(document)).toBe(true);
    expect(existsSync(fileOf(store, document))).toBe(true);
  });

  it("deletes a comparison's images the same way", async () => {
    const store = newStore();
    const userId = await t.makeUser();
    const pasted = await image(store, userId, "pasted.png");
    await promptWith(userId, "compared", [{ row: pasted, kind: "image" }]);
    await t.db.conversation.update({ where: { id: "compared" }, data: { kind: "comparison" } });

    expect(await deleteConversation({ db: t.db, store, userId, id: "compared" })).toBe(true);
    expect(await rowExists(pasted)).toBe(false);
    expect(existsSync(fileOf(store, pasted))).toBe(false);
  });

  it("touches nothing of another owner's", async () => {
    const store = newStore();
    const alice = await t.makeUser();
    const bob = await t.makeUser();
    const photo = await image(store, alice, "photo.png");
    await promptWith(alice, "alice-conv", [{ row: photo, kind: "image" }]);

    expect(await deleteConversation({ db: t.db, store, userId: bob, id: "alice-conv" })).toBe(false);
    expect(await rowExists(photo)).toBe(true);
    expect(existsSync(fileOf(store, photo))).toBe(true);
  });

  it("still deletes when the bytes cannot be removed, and logs it", async () => {
    const store = newStore();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const userId = await t.makeUser();
    const photo = await image(store, userId, "stuck.png");
    await promptWith(userId, "stuck-conv", [{ row: photo, kind: "image" }]);
    const failing: BlobStore = { put: store.put.bind(store), get: store.get.bind(store), delete: () => Promise.reject(new Error("disk on fire")) };

    expect(await deleteConversation({ db: t.db, store: failing, userId, id: "stuck-conv" })).toBe(true);
    expect(await rowExists(photo)).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(photo.storageKey), expect.any(Error));
    warn.mockRestore();
  });
});

describe("imageAttachmentIds", () => {
  it("reads the image file parts only", () => {
    const parts = JSON.stringify([
      { type: "file", attachmentId: "img", name: "a.png", mediaType: "image/png", size: 1, image: { width: 1, height: 1, tokens: 1 } },
      { type: "file", attachmentId: "doc", name: "a.md", mediaType: "text/markdown", size: 1 },
      { type: "text", text: 'a "image":{ in the words' },
    ]);
    expect(imageAttachmentIds(parts)).toEqual(["img"]);
    expect(imageAttachmentIds("not json")).toEqual([]);
  });
});
