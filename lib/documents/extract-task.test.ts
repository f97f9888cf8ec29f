import { describe, expect, it } from "vitest";
import {
  latin1,
  makeCorruptPdf,
  makeDocx,
  makeEncryptedPdf,
  makePdf,
  makeScannedPdf,
  makeZipBomb,
  pngBytes,
  utf16le,
} from "@/e2e/support/document-fixtures";
import extractTask from "./worker/extract-task";

const text = (value: string) => new TextEncoder().encode(value);

async function read(bytes: Uint8Array, name: string) {
  return extractTask({ bytes, name });
}

describe("reading documents", () => {
  it("reads a multi-page PDF with a marker before each page, and counts its tokens", async () => {
    const outcome = await read(await makePdf(3), "report.pdf");
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.document.kind).toBe("pdf");
    expect(outcome.document.pages).toBe(3);
    expect(outcome.document.text).toContain("--- Page 2 of 3 ---\nPage 2 of the report");
    expect(outcome.document.tokens).toBeGreaterThan(50);
    expect(outcome.document.chars).toBe(outcome.document.text.length);
  });

  it("reads a DOCX's headings and table as Markdown", async () => {
    const outcome = await read(await makeDocx(), "plan.docx");
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.document.text).toMatch(/^# Project plan/m);
    expect(outcome.document.text).toMatch(/^## Milestones/m);
    expect(outcome.document.text).toMatch(/\| Design review \| Ana +\| 2027-03-15 \|/);
  });

  it("reads HTML as Markdown without its scripts", async () => {
    const outcome = await read(text("<h1>Title</h1><script>alert(1)</script><ul><li>one</li></ul>"), "page.html");
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.document.text).toBe("# Title\n\n* one");
  });

  it("detects UTF-16 and Latin-1 and says so", async () => {
    const utf16 = await read(utf16le("Grüße aus Köln"), "notes.txt");
    if (!utf16.ok) throw new Error(utf16.error.message);
    expect(utf16.document.text).toBe("Grüße aus Köln");
    expect(utf16.document.encoding).toBe("utf-16le");
    const noBom = await read(utf16le("plain words here", false), "notes.txt");
    expect(noBom.ok && noBom.document.text).toBe("plain words here");
    const western = await read(latin1("Café crème, façade"), "menu.csv");
    if (!western.ok) throw new Error(western.error.message);
    expect(western.document.text).toBe("Café crème, façade");
    expect(western.document.encoding).toBe("windows-1252");
    expect(western.document.notice).toMatch(/Latin-1/);
  });

  it.each([
    ["disguised_type", async () => pngBytes(), "scan.pdf"],
    ["disguised_type", async () => text("just text"), "contract.pdf"],
    ["disguised_type", async () => makePdf(1), "notes.txt"],
    ["unsupported_type", async () => pngBytes(), "photo"],
    ["encrypted_pdf", makeEncryptedPdf, "secret.pdf"],
    ["corrupt_pdf", async () => makeCorruptPdf(), "broken.pdf"],
    ["no_text_layer", () => makeScannedPdf(2), "scan.pdf"],
    ["zip_bomb", async () => makeZipBomb(64), "bomb.docx"],
    ["empty", async () => text("   \n"), "blank.md"],
    ["binary_text", async () => Uint8Array.from([1, 2, 3, 0, 5, 6, 7, 8, 200, 201]), "data.txt"],
  ] as const)("refuses %s (%s)", async (problem, make, name) => {
    const outcome = await read(await make(), name);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.problem).toBe(problem);
      expect(outcome.error.message).toContain(name);
    }
  });
});
