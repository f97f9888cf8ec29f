import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DOCUMENT_MAX_BYTES_UNDER_TEST } from "../playwright.config";
import {
  latin1,
  makeCorruptPdf,
  makeEncryptedPdf,
  makePdf,
  makeScannedPdf,
  makeZipBomb,
  pngBytes,
  utf16le,
} from "./support/document-fixtures";
import { ChatPage } from "./support/chat-page";
import { uniqueTag } from "./support/simulator";

const FILES_DIR = path.join("e2e", ".artifacts", "data", "files");

/** Every stored blob's bytes (other tests upload at the same time, so look for the bytes, not a count). */
function storedBlobs(): Buffer[] {
  try {
    return readdirSync(FILES_DIR, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(path.join(entry.parentPath, entry.name)));
  } catch {
    return [];
  }
}

async function upload(request: APIRequestContext, name: string, bytes: Uint8Array) {
  const response = await request.post("/api/documents", {
    headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(name) },
    data: Buffer.from(bytes),
  });
  return { status: response.status(), body: (await response.json()) as { error?: { message: string }; document?: { name: string; notice: string | null } } };
}

async function documentNames(request: APIRequestContext): Promise<string[]> {
  const body = (await (await request.get("/api/documents")).json()) as { documents: Array<{ name: string }> };
  return body.documents.map((document) => document.name);
}

const BAD_FILES: Array<{ what: string; name: string; make: () => Promise<Uint8Array> | Uint8Array; status: number; message: RegExp }> = [
  { what: "over the size limit", name: "huge.txt", make: () => new Uint8Array(DOCUMENT_MAX_BYTES_UNDER_TEST + 1).fill(97), status: 413, message: /at most 4 MiB/ },
  { what: "an image named .pdf", name: "invoice.pdf", make: pngBytes, status: 415, message: /named as PDF but its contents are image\/png/ },
  { what: "an image with no extension", name: "picture", make: pngBytes, status: 415, message: /cannot read as a document/ },
  { what: "an encrypted PDF", name: "secret.pdf", make: makeEncryptedPdf, status: 422, message: /password-protected/ },
  { what: "a corrupt PDF", name: "broken.pdf", make: makeCorruptPdf, status: 422, message: /damaged/ },
  { what: "a scanned PDF", name: "scan.pdf", make: () => makeScannedPdf(3), status: 422, message: /no text layer.*OCR/ },
  { what: "a DOCX zip bomb", name: "bomb.docx", make: () => makeZipBomb(64), status: 422, message: /would expand to 64 MiB \(a zip bomb/ },
  { what: "an empty file", name: "empty.md", make: () => new Uint8Array(0), status: 422, message: /is empty/ },
];

test.describe("bad files", () => {
  for (const bad of BAD_FILES) {
    test(`${bad.what}: a clear message, and nothing stored`, async ({ request }) => {
      const name = `${uniqueTag("bad")}-${bad.name}`;
      const bytes = await bad.make();
      const { status, body } = await upload(request, name, bytes);
      expect(status).toBe(bad.status);
      expect(body.error?.message).toMatch(bad.message);
      expect(await documentNames(request)).not.toContain(name);
      if (bytes.byteLength > 0) expect(storedBlobs().some((blob) => blob.equals(Buffer.from(bytes)))).toBe(false);
    });
  }

  test("UTF-16 and Latin-1 text are read correctly and say how", async ({ request }) => {
    const tag = uniqueTag("enc");
    const utf16 = await upload(request, `${tag}-utf16.txt`, utf16le(`Grüße aus Köln ${tag}`));
    expect(utf16.status).toBe(201);
    expect(utf16.body.document?.notice).toMatch(/UTF-16/);
    const western = await upload(request, `${tag}-latin1.csv`, latin1(`café,crème,${tag}`));
    expect(western.status).toBe(201);
    expect(western.body.document?.notice).toMatch(/Latin-1/);
  });

  test("the same bytes twice are one document", async ({ request }) => {
    const bytes = await makePdf(2, 2, uniqueTag("dup"));
    const first = await upload(request, "first.pdf", bytes);
    const second = await upload(request, "second.pdf", bytes);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(storedBlobs().filter((blob) => blob.equals(Buffer.from(bytes)))).toHaveLength(1);
  });

  test("in the composer, a refused file says why and can be removed; the message cannot carry it", async ({ page }) => {
    const chat = new ChatPage(page);
    await chat.open();
    await page.getByTestId("attach-input").setInputFiles([
      { name: "locked.pdf", mimeType: "application/pdf", buffer: Buffer.from(await makeEncryptedPdf()) },
      { name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(DOCUMENT_MAX_BYTES_UNDER_TEST + 10, 97) },
    ]);
    const cards = page.getByTestId("document-tray").getByTestId("document-card");
    await expect(cards.nth(0).getByTestId("document-error")).toContainText("“locked.pdf” is password-protected");
    await expect(cards.nth(1).getByTestId("document-error")).toContainText("documents can be at most 4.0 MB");
    await expect(page.getByTestId("send-estimate")).toHaveCount(0);
    await cards.nth(0).getByRole("button", { name: "Remove locked.pdf" }).click();
    await cards.nth(0).getByRole("button", { name: "Remove big.txt" }).click();
    await expect(page.getByTestId("document-tray")).toHaveCount(0);
  });

  test("an upload from another site is refused", async ({ request }) => {
    const response = await request.post("/api/documents", {
      headers: { "content-type": "application/octet-stream", "x-file-name": "a.txt", "sec-fetch-site": "cross-site" },
      data: Buffer.from("hello"),
    });
    expect(response.status()).toBe(403);
    const form = await request.post("/api/documents", { headers: { "x-file-name": "a.txt" }, multipart: { file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("hi") } } });
    expect(form.status()).toBe(415);
  });
});
