import { mkdtempSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePdf, makeScannedPdf } from "@/e2e/support/document-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-helpers";
import { LocalFolderStore } from "@/lib/storage/local-folder";
import { DocumentError } from "./errors";
import { documentPool } from "./pool";
import { deleteDocument, uploadDocument, uploadScannedPages } from "./service";
import { listDocuments } from "./store";

let t: TestDatabase;
let filesDir: string;
let store: LocalFolderStore;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.user.createMany({ data: [{ id: "alice", name: "Alice" }, { id: "bob", name: "Bob" }] });
  filesDir = mkdtempSync(path.join(t.dir, "files-"));
  store = new LocalFolderStore(filesDir);
});
afterAll(async () => {
  await documentPool().destroy();
  await t.cleanup();
});

const blobCount = () => readdirSync(filesDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;

describe("uploading documents (through the worker pool)", () => {
  it("stores the original and the text, reports progress, dedups per owner and deletes everything", async () => {
    const bytes = await makePdf(4);
    const events: string[] = [];
    const first = await uploadDocument({ db: t.db, store, userId: "alice", name: "q3.pdf", bytes, maxBytes: 1e7, onProgress: (e) => events.push(`${e.stage}:${e.done}/${e.total}`) });
    expect(first.duplicate).toBe(false);
    expect(first.document).toMatchObject({ name: "q3.pdf", kind: "pdf", pages: 4 });
    expect(events).toContain("reading:4/4");
    expect(events.some((e) => e.startsWith("counting:"))).toBe(true);

    const again = await uploadDocument({ db: t.db, store, userId: "alice", name: "copy.pdf", bytes, maxBytes: 1e7 });
    expect(again).toMatchObject({ duplicate: true, document: { id: first.document.id } });
    // Another person uploading the same bytes gets their own document.
    const bobs = await uploadDocument({ db: t.db, store, userId: "bob", name: "q3.pdf", bytes, maxBytes: 1e7 });
    expect(bobs.document.id).not.toBe(first.document.id);
    expect(blobCount()).toBe(2);

    expect(await deleteDocument({ db: t.db, store, userId: "bob", id: first.document.id })).toBe(false);
    expect(await deleteDocument({ db: t.db, store, userId: "alice", id: first.document.id })).toBe(true);
    expect(await listDocuments({ db: t.db, userId: "alice" })).toEqual([]);
    expect(await t.db.attachment.count({ where: { userId: "alice" } })).toBe(0);
    expect(blobCount()).toBe(1);
  });

  it("leaves nothing behind for a bad file", async () => {
    const before = { rows: await t.db.attachment.count(), docs: await t.db.document.count(), blobs: blobCount() };
    await expect(uploadDocument({ db: t.db, store, userId: "alice", name: "scan.pdf", bytes: await makeScannedPdf(), maxBytes: 1e7 })).rejects.toThrow(DocumentError);
    await expect(uploadDocument({ db: t.db, store, userId: "alice", name: "big.pdf", bytes: await makePdf(2), maxBytes: 100 })).rejects.toThrow(/at most 100 bytes/);
    await expect(uploadDocument({ db: t.db, store, userId: "alice", name: "e.txt", bytes: new Uint8Array(0), maxBytes: 100 })).rejects.toThrow(/empty/);
    expect({ rows: await t.db.attachment.count(), docs: await t.db.document.count(), blobs: blobCount() }).toEqual(before);
  });

  it("reads a scan (no text layer) as one JPEG per page, drawn in the pool with progress per page", async () => {
    const events: string[] = [];
    const scanned = await uploadScannedPages({ db: t.db, store, userId: "alice", name: "scan.pdf", bytes: await makeScannedPdf(3), onProgress: (event) => events.push(`${event.stage} ${event.done}/${event.total}`) });
    expect(scanned.pages).toBe(3);
    expect(scanned.images.map((image) => [image.name, image.mediaType, image.width, image.height, image.tokens])).toEqual([
      ["scan.pdf, page 1 of 3", "image/jpeg", 1190, 1684, 384],
      ["scan.pdf, page 2 of 3", "image/jpeg", 1190, 1684, 384],
      ["scan.pdf, page 3 of 3", "image/jpeg", 1190, 1684, 384],
    ]);
    expect(events.filter((event) => event.startsWith("rendering"))).toEqual(["rendering 1/3", "rendering 2/3", "rendering 3/3"]);
    const stored = await t.db.attachment.findMany({ where: { id: { in: scanned.images.map((image) => image.attachmentId) } } });
    expect(stored.map((row) => row.mediaType)).toEqual(["image/jpeg", "image/jpeg", "image/jpeg"]);
  });

  it("refuses a scan longer than the pages it can read as images, and keeps nothing", async () => {
    const before = { rows: await t.db.attachment.count(), blobs: blobCount() };
    await expect(uploadScannedPages({ db: t.db, store, userId: "alice", name: "long.pdf", bytes: await makeScannedPdf(21) })).rejects.toThrow(
      "“long.pdf” has no text layer and 21 pages; V4 Chat reads at most 20 scanned pages as images. Split it, or run it through OCR first.",
    );
    expect({ rows: await t.db.attachment.count(), blobs: blobCount() }).toEqual(before);
  });
});
