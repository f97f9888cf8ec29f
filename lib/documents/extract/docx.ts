// DOCX → Markdown: mammoth turns the Word structure (headings, lists, tables) into HTML, and the
// HTML converter turns that into Markdown. A DOCX is a zip, so its declared sizes are checked
// before anything is inflated: a small file that would expand to gigabytes is a zip bomb.
import { unzipSync } from "fflate";
import mammoth from "mammoth";
import { DocumentError } from "../errors";
import { htmlToMarkdown } from "./html";
import type { Extracted } from "./types";

/** More than this in all, inflated, is refused whatever the ratio. */
export const MAX_DOCX_INFLATED_BYTES = 256 * 1024 * 1024;
/** Real documents compress text about 3–10×; beyond this ratio (and a few MiB) it is a bomb. */
export const MAX_DOCX_RATIO = 100;
const RATIO_FROM_BYTES = 8 * 1024 * 1024;

/** Declared inflated size of every entry, read from the zip's directory (nothing is inflated). */
export function inflatedSize(bytes: Uint8Array): number {
  let total = 0;
  unzipSync(bytes, {
    filter(file) {
      total += file.originalSize;
      return false;
    },
  });
  return total;
}

export async function extractDocx(bytes: Uint8Array, name: string): Promise<Extracted> {
  let inflated: number;
  try {
    inflated = inflatedSize(bytes);
  } catch {
    throw new DocumentError("corrupt_docx", `“${name}” could not be opened: the Word file is damaged (its zip structure is broken).`);
  }
  if (inflated > MAX_DOCX_INFLATED_BYTES || (inflated > RATIO_FROM_BYTES && inflated > bytes.byteLength * MAX_DOCX_RATIO)) {
    throw new DocumentError(
      "zip_bomb",
      `“${name}” was refused: it is ${formatMiB(bytes.byteLength)} but would expand to ${formatMiB(inflated)} (a zip bomb, or far too large to read).`,
    );
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      // Pictures carry no text to read; inlining them as data URLs would only bloat the text.
      { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
    );
    html = result.value;
  } catch {
    throw new DocumentError("corrupt_docx", `“${name}” could not be read as a Word document: the file is damaged or not a .docx.`);
  }
  const text = htmlToMarkdown(html).replace(/!\[[^\]]*\]\(\)/g, "").trim();
  return { text, pages: null, encoding: null, notice: null };
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`;
}
