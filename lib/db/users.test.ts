import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LocalFolderStore } from "@/lib/storage/local-folder";
import { deleteAccount, LOCAL_USER_ID, reserveTurn, saveAttachment, type Attachment } from "./queries";
import { ANSWER_START, useTestDatabase } from "./test-helpers";

const t = useTestDatabase({ userPrefix: "accounts" });

const store = new LocalFolderStore(mkdtempSync(path.join(tmpdir(), "v4chat-delete-account-")));
const fileOf = (row: Attachment) => path.join(store.root, `${row.storageKey}.blob`);

async function account(name: string): Promise<string> {
  const id = await t.makeUser();
  await t.db.user.update({ where: { id }, data: { email: `${name}@example.test` } });
  return id;
}

async function upload(userId: string, name: string): Promise<Attachment> {
  return saveAttachment({ db: t.db, store, userId, name, mediaType: "image/png", bytes: new TextEncoder().encode(`png of ${name}`) });
}

describe("deleteAccount", () => {
  it("removes the account's rows and the files of its uploads, and nobody else's", async () => {
    const alice = await account("alice");
    const bob = await account("bob");
    const [alicePicture, aliceNotes] = [await upload(alice, "a.png"), await upload(alice, "notes.png")];
    const bobPicture = await upload(bob, "b.png");
    await reserveTurn({
      db: t.db,
      userId: alice,
      conversationId: "alice-chat",
      settings: { model: "flash", mode: "non-think" },
      newTitle: "New chat",
      parentId: null,
      prompt: { id: "alice-p1", text: "hello", parts: "[]" },
      answer: ANSWER_START,
    });
    for (const row of [alicePicture, aliceNotes, bobPicture]) expect(existsSync(fileOf(row))).toBe(true);

    expect(await deleteAccount({ db: t.db, store, userId: alice })).toBe(true);

    expect(await t.db.user.findUnique({ where: { id: alice } })).toBeNull();
    expect(await t.db.conversation.count({ where: { userId: alice } })).toBe(0);
    expect(await t.db.attachment.count({ where: { userId: alice } })).toBe(0);
    expect(existsSync(fileOf(alicePicture))).toBe(false);
    expect(existsSync(fileOf(aliceNotes))).toBe(false);
    // Bob keeps his upload, row and file.
    expect(await t.db.attachment.count({ where: { userId: bob } })).toBe(1);
    expect(existsSync(fileOf(bobPicture))).toBe(true);
  });

  it("is false, and deletes nothing, for a missing id or the local user (who is not an account)", async () => {
    await t.db.user.upsert({ where: { id: LOCAL_USER_ID }, create: { id: LOCAL_USER_ID, name: "Local user" }, update: {} });
    const kept = await upload(LOCAL_USER_ID, "local.png");
    expect(await deleteAccount({ db: t.db, store, userId: "nobody" })).toBe(false);
    expect(await deleteAccount({ db: t.db, store, userId: LOCAL_USER_ID })).toBe(false);
    expect(await t.db.user.findUnique({ where: { id: LOCAL_USER_ID } })).not.toBeNull();
    expect(existsSync(fileOf(kept))).toBe(true);
  });
});
