// Bytes → a document's text, for every format read. Runs inside the extraction worker (it is
// CPU-bound: pdf.js, mammoth), never on the request path.
import { fileTypeFromBuffer } from "file-type";
import { DocumentError } from "../errors";
import { resolveKind, type DocumentKind } from "../formats";
import { decodeText, looksLikeUnicodeText } from "../text-decoding";
import { extractDocx } from "./docx";
import { htmlToMarkdown } from "./html";
import { extractPdf } from "./pdf";
import type { ExtractProgress, Extracted } from "./types";

export type { ExtractProgress, Extracted, ProgressEvent } from "./types";

/** The kind the bytes are (sniffed), checked against the name; throws a DocumentError when they disagree. */
export async function sniffKind(bytes: Uint8Array, name: string): Promise<DocumentKind> {
  // Text with a byte-order mark or in UTF-16 is text: file-type would mistake FF FE for MP3.
  const sniffed = looksLikeUnicodeText(bytes) ? undefined : await fileTypeFromBuffer(bytes);
  const resolution = resolveKind(name, sniffed && { ext: sniffed.ext, mime: sniffed.mime });
  if (!resolution.ok) throw new DocumentError(resolution.problem, resolution.message);
  return resolution.kind;
}

export async function extractText(bytes: Uint8Array, name: string, kind: DocumentKind, progress: ExtractProgress): Promise<Extracted> {
  if (kind === "pdf") return extractPdf(bytes, name, progress);
  if (kind === "docx") return extractDocx(bytes, name);
  const decoded = decodeText(bytes, name);
  const text = kind === "html" ? htmlToMarkdown(decoded.text) : decoded.text.replace(/\r\n?/g, "\n");
  return { text, pages: null, encoding: decoded.encoding, notice: decoded.notice };
}

/** Refuses a document with nothing to read (an empty file, or one that is only whitespace). */
export function assertHasText(extracted: Extracted, name: string): void {
  if (extracted.text.trim() === "") throw new DocumentError("empty", `“${name}” has no text in it.`);
}
