// Documents in the request sent upstream. A document's whole text goes into the user message it
// was attached to, before that message's words. Earlier messages never change, so across
// follow-ups the documents sit in the same place at the front of the request: the provider's
// prefix cache hits, and follow-ups pay the cache-hit price for them.
import "server-only";
import type { ModelMessage } from "ai";
import { toModelMessages } from "@/lib/chat/history";
import type { FilePart, StoredPart } from "@/lib/contract";
import type { Db } from "@/lib/db/client";
import type { Backend } from "@/lib/ai/backends/types";
import type { ModelKey } from "@/lib/ai/catalogue";
import type { GenerationInput } from "@/lib/chat/generation";
import { ChatError } from "@/lib/errors";
import { env } from "@/lib/env";
import { estimateTokens } from "@/lib/usage/estimate";
import { READ_WHOLE_MARGIN_TOKENS } from "./estimate";
import { summariseInParts } from "./read-in-parts";
import { documentTextsByAttachment, savePartSummaries, type DocumentText, type PartSummaries } from "./store";

/** One document as the model reads it: named, with its page count, fenced by tags. */
export function documentBlock(doc: { name: string; pages: number | null; text: string }): string {
  const pages = doc.pages === null ? "" : ` pages="${doc.pages}"`;
  return `<document name="${doc.name.replace(/"/g, "'")}"${pages}>\n${doc.text}\n</document>`;
}

/** File parts for the documents a new prompt carries; a 404 when one is missing or not the sender's. */
export async function attachDocuments({ db, userId, ids }: { db: Db; userId: string; ids: readonly string[] }): Promise<FilePart[]> {
  if (ids.length === 0) return [];
  // The figures only: the text is read when the request is built.
  const rows = await db.document.findMany({
    where: { userId, id: { in: [...new Set(ids)] } },
    select: { id: true, attachmentId: true, kind: true, pages: true, chars: true, tokens: true, attachment: { select: { name: true, mediaType: true, size: true } } },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return [...new Set(ids)].map((id) => {
    const row = byId.get(id);
    if (!row) throw new ChatError("not_found:document", "A document attached to this message does not exist any more (or is not yours). Remove it and send again.");
    return {
      type: "file",
      attachmentId: row.attachmentId,
      name: row.attachment.name,
      mediaType: row.attachment.mediaType,
      size: row.attachment.size,
      document: { id: row.id, kind: row.kind, pages: row.pages, chars: row.chars, tokens: row.tokens },
    };
  });
}

interface PathRow {
  role: string;
  content: string;
  status: string;
  parts: readonly StoredPart[];
}

/** The texts of the documents a history carries, by attachment id. */
export type PathDocuments = ReadonlyMap<string, DocumentText>;

function documentAttachmentIds(path: readonly PathRow[]): string[] {
  return path.flatMap((row) => (row.role === "user" ? row.parts.flatMap((part) => (part.type === "file" && part.document ? [part.attachmentId] : [])) : []));
}

/**
 * Reads the documents a history's prompts carry, once. A comparison turn reads them here for all
 * of its panes (their prompts are the same), then fits them to each pane's window apart.
 */
export async function readPathDocuments({ db, userId, path }: { db: Db; userId: string; path: readonly PathRow[] }): Promise<PathDocuments> {
  return documentTextsByAttachment({ db, userId, attachmentIds: documentAttachmentIds(path) });
}

export interface DocumentRequest {
  /** The history with each prompt's documents in front of its words. */
  messages: ModelMessage[];
  /** Set when the documents do not fit the budget: reads them in parts first (see read-in-parts.ts). */
  prepareMessages?: NonNullable<GenerationInput["prepareMessages"]>;
}

/**
 * The history sent upstream, with each prompt's documents put in front of its words. When the
 * whole does not fit `budgetTokens`, the documents are read in parts first, and their parts'
 * summaries stand in for them.
 */
export async function documentRequest({
  db,
  userId,
  path,
  budgetTokens,
  backend,
  model,
  documents,
}: {
  db: Db;
  userId: string;
  path: readonly PathRow[];
  budgetTokens: number;
  backend: Backend;
  model: ModelKey;
  /** Already read for this history (see readPathDocuments); read here when absent. */
  documents?: PathDocuments;
}): Promise<DocumentRequest> {
  const attachmentIds = new Set(documentAttachmentIds(path));
  if (attachmentIds.size === 0) return { messages: toModelMessages(path) };
  const read = documents ?? (await readPathDocuments({ db, userId, path }));
  // Only this history's documents count against its budget (shared texts may hold more).
  const texts = new Map([...read].filter(([attachmentId]) => attachmentIds.has(attachmentId)));
  const build = (blockOf: (attachmentId: string) => string | undefined) =>
    toModelMessages(
      path.map((row) => {
        if (row.role !== "user") return row;
        const blocks = row.parts.flatMap((part) => {
          if (part.type !== "file" || !part.document) return [];
          return [blockOf(part.attachmentId) ?? `[The document “${part.name}” was deleted; its text is no longer available.]`];
        });
        return blocks.length === 0 ? row : { ...row, content: `${blocks.join("\n\n")}\n\n${row.content}` };
      }),
    );
  const whole = (attachmentId: string) => {
    const doc = texts.get(attachmentId);
    return doc && documentBlock(doc);
  };
  const documentTokens = [...texts.values()].reduce((sum, doc) => sum + doc.tokens, 0);
  const otherTokens = path.reduce((sum, row) => sum + estimateTokens(row.content), 0);
  if (documentTokens + otherTokens <= budgetTokens) return { messages: build(whole) };

  return {
    messages: build(whole),
    prepareMessages: async ({ emit, signal }) => {
      const save = async (attachmentId: string, value: PartSummaries) => {
        const doc = texts.get(attachmentId);
        if (doc) await savePartSummaries({ db, userId, id: doc.id, value });
      };
      const blocks = await summariseInParts({ documents: texts, budgetTokens, backend, model, emit, signal, save });
      return build((attachmentId) => blocks.get(attachmentId));
    },
  };
}

/** Tokens of context documents may fill before they are read in parts: the window less the answer's room (or the setting). */
export function readWholeBudget({ contextWindow, maxOutputTokens }: { contextWindow: number; maxOutputTokens: number }): number {
  const setting = env().DOCUMENT_WINDOW_TOKENS;
  return setting ?? Math.max(8192, contextWindow - maxOutputTokens - READ_WHOLE_MARGIN_TOKENS);
}
