// PDF → text with a marker line before each page, through unpdf (a serverless build of
// Mozilla's pdf.js). Encrypted, corrupt and image-only (scanned) PDFs are refused by name.
import { getDocumentProxy } from "unpdf";
import { DocumentError } from "../errors";
import type { ExtractProgress, Extracted } from "./types";

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/** The marker before each page's text: plain, so the model and a search both see it. */
export function pageMarker(page: number, pages: number): string {
  return `--- Page ${page} of ${pages} ---`;
}

export async function extractPdf(bytes: Uint8Array, name: string, progress: ExtractProgress): Promise<Extracted> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  } catch (error) {
    const kind = error instanceof Error ? error.name : "";
    if (kind === "PasswordException") {
      throw new DocumentError("encrypted_pdf", `“${name}” is password-protected. Remove the password (print to PDF, or save a copy without protection) and upload it again.`);
    }
    throw new DocumentError("corrupt_pdf", `“${name}” could not be opened as a PDF: the file is damaged or not a complete PDF.`);
  }
  try {
    const pages = pdf.numPages;
    const out: string[] = [];
    let textChars = 0;
    for (let number = 1; number <= pages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items as TextItemLike[]) {
        if (typeof item.str !== "string") continue;
        text += item.str;
        if (item.hasEOL) text += "\n";
      }
      page.cleanup();
      text = text.replace(/[ \t]+\n/g, "\n").trim();
      textChars += text.replace(/\s/g, "").length;
      out.push(`${pageMarker(number, pages)}\n${text}`);
      progress({ stage: "reading", done: number, total: pages });
    }
    if (textChars === 0) {
      throw new DocumentError(
        "no_text_layer",
        `“${name}” has no text layer (${pages === 1 ? "its page is" : `its ${pages} pages are`} images, as in a scan). V4 Chat reads text, not pictures: run it through OCR first, or upload the original document.`,
      );
    }
    return { text: out.join("\n\n"), pages, encoding: null, notice: null };
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError("corrupt_pdf", `“${name}” could not be read: the PDF is damaged.`);
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}
