// Documents larger than the window (after room for the answer) cannot be read whole. They are
// cut into parts that fit, each part is summarised with the reader's request in mind, and the
// answer then reads the parts' summaries in place of the document (it says so: nothing is
// silently cut). The progress (which part is being read) streams with the answer.
import "server-only";
import { generateText, type ModelMessage } from "ai";
import type { Backend } from "@/lib/ai/backends/types";
import type { ModelKey } from "@/lib/ai/catalogue";
import type { DocumentPartsProgress } from "@/lib/contract";
import type { ChatChunk } from "@/lib/chat/generation";
import { documentBlock } from "./in-context";
import type { DocumentText } from "./store";
import { splitIntoParts } from "./split";

/** Tokens kept free in each part's request for the instruction and the part's summary. */
const PART_OVERHEAD_TOKENS = 3000;
/** Longest summary of one part. */
export const PART_SUMMARY_MAX_TOKENS = 1500;

export type LongDocument = Pick<DocumentText, "name" | "pages" | "text" | "tokens" | "partSummaries">;

export function partTokensFor(budgetTokens: number): number {
  return Math.max(1000, budgetTokens - PART_OVERHEAD_TOKENS);
}

/**
 * The request for one part. It does not depend on the question asked, so the summaries are made
 * once per document and reused by every later question (and the answer's prefix stays cached).
 */
function partPrompt(doc: LongDocument, part: { index: number; total: number; text: string }): string {
  return (
    `${documentBlock({ name: `${doc.name} (part ${part.index} of ${part.total})`, pages: null, text: part.text })}\n\n` +
    `This is part ${part.index} of ${part.total} of the document “${doc.name}”, which is too long to read in one request. ` +
    "Summarise this part thoroughly, in order, under its own headings: keep every fact, figure, name, date, decision, action " +
    "item and open question, so that questions about the whole document can be answered from the summaries. Write only the summary."
  );
}

/** The block that stands in for a document read in parts: the summaries, and a plain statement of what happened. */
export function partsBlock(doc: LongDocument, summaries: readonly string[]): string {
  const pages = doc.pages === null ? "" : ` pages="${doc.pages}"`;
  const body = summaries.map((summary, index) => `### Part ${index + 1} of ${summaries.length}\n${summary.trim()}`).join("\n\n");
  return (
    `<document name="${doc.name.replace(/"/g, "'")}"${pages} read-in-parts="${summaries.length}">\n` +
    `[This document (${doc.tokens} tokens) is longer than the context window, so it was read in ${summaries.length} parts. ` +
    "Below are the summaries of its parts, in order; combine them to answer, and say that the answer rests on part summaries.]\n\n" +
    `${body}\n</document>`
  );
}

/**
 * Summarises each long document part by part, reporting progress, and returns the blocks that
 * replace them (by attachment id).
 */
export async function summariseInParts({
  documents,
  budgetTokens,
  backend,
  model,
  emit,
  signal,
  save,
}: {
  documents: ReadonlyMap<string, LongDocument>;
  budgetTokens: number;
  /** Keeps the summaries of a document (by attachment id) for later requests. */
  save: (attachmentId: string, value: { partTokens: number; summaries: string[] }) => Promise<void>;
  backend: Backend;
  model: ModelKey;
  emit: (chunk: ChatChunk) => void;
  signal: AbortSignal;
}): Promise<Map<string, string>> {
  const partTokens = partTokensFor(budgetTokens);
  const blocks = new Map<string, string>();
  const planned: Array<{ id: string; doc: LongDocument; parts: ReturnType<typeof splitIntoParts> }> = [];
  for (const [id, doc] of documents) {
    // Summaries made before, for parts of this size, are reused as they are.
    if (doc.partSummaries?.partTokens === partTokens) blocks.set(id, partsBlock(doc, doc.partSummaries.summaries));
    else planned.push({ id, doc, parts: splitIntoParts(doc.text, doc.tokens, partTokens) });
  }
  const of = planned.reduce((sum, entry) => sum + entry.parts.length, 0);
  let done = 0;
  const progress = (data: DocumentPartsProgress) => emit({ type: "data-document-parts", id: "document-parts", data });
  const options = backend.modeOptions("non-think");
  for (const { id, doc, parts } of planned) {
    const summaries: string[] = [];
    for (const part of parts) {
      progress({ name: doc.name, part: part.index, total: part.total, done, of });
      const messages: ModelMessage[] = [{ role: "user", content: partPrompt(doc, part) }];
      const { text } = await generateText({
        model: backend.languageModel(model),
        messages,
        temperature: options.temperature,
        topP: options.topP,
        providerOptions: options.providerOptions,
        maxOutputTokens: PART_SUMMARY_MAX_TOKENS,
        abortSignal: signal,
        maxRetries: 1,
      });
      summaries.push(text);
      done += 1;
    }
    await save(id, { partTokens, summaries });
    blocks.set(id, partsBlock(doc, summaries));
  }
  if (of > 0) progress({ name: "", part: 0, total: 0, done, of });
  return blocks;
}
