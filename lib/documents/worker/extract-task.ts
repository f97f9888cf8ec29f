// The extraction worker's task (run by piscina, lib/documents/pool.ts): sniff, extract, count
// tokens, reporting progress through the port it is given. Failures come back as data
// ({ problem, message }) because an Error's class does not survive the thread boundary.
import type { MessagePort } from "node:worker_threads";
import { DocumentError, type DocumentErrorData } from "../errors";
import { assertHasText, extractText, sniffKind, type ProgressEvent } from "../extract";
import type { DocumentKind } from "../formats";
import { renderPdfPages, type PageImage } from "../extract/pdf-pages";
import { countTokensExactly } from "../token-counter";
import type { TextEncodingName } from "../text-decoding";

export interface ExtractTask {
  bytes: Uint8Array;
  name: string;
  port?: MessagePort;
}

export interface ExtractedDocument {
  kind: DocumentKind;
  text: string;
  pages: number | null;
  chars: number;
  tokens: number;
  encoding: TextEncodingName | null;
  notice: string | null;
}

export type ExtractOutcome = { ok: true; document: ExtractedDocument } | { ok: false; error: DocumentErrorData };

/** The last message of a render's progress port. */
export const RENDER_END = "end";

export type RenderOutcome = { ok: true; pages: PageImage[] } | { ok: false; error: DocumentErrorData };

/** A scanned PDF's pages as JPEG images (piscina runs it by name: `renderPagesTask`). */
export async function renderPagesTask({ bytes, name, port }: ExtractTask): Promise<RenderOutcome> {
  try {
    const pages = await renderPdfPages(bytes, name, (done, total) => port?.postMessage({ stage: "rendering", done, total } satisfies ProgressEvent));
    // After every page's progress on the same port: the pool waits for it, so no page's event is lost.
    port?.postMessage(RENDER_END);
    return { ok: true, pages };
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, error: { problem: error.problem, message: error.message } };
    console.error(`[documents] could not render the pages of “${name}”`, error);
    return { ok: false, error: { problem: "unreadable", message: `“${name}” has no text layer, and its pages could not be turned into images.` } };
  } finally {
    port?.close();
  }
}

export default async function extractTask({ bytes, name, port }: ExtractTask): Promise<ExtractOutcome> {
  const report = (event: ProgressEvent) => port?.postMessage(event);
  try {
    const kind = await sniffKind(bytes, name);
    const extracted = await extractText(bytes, name, kind, report);
    assertHasText(extracted, name);
    const tokens = await countTokensExactly(extracted.text, (done, total) => report({ stage: "counting", done, total }));
    return { ok: true, document: { kind, ...extracted, chars: extracted.text.length, tokens } };
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, error: { problem: error.problem, message: error.message } };
    console.error(`[documents] could not read “${name}”`, error);
    return { ok: false, error: { problem: "unreadable", message: `“${name}” could not be read.` } };
  } finally {
    port?.close();
  }
}
