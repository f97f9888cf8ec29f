// Documents in the request sent upstream. A document's whole text goes into the user message it
// was attached to, before that message's words. Earlier messages never change, so across
// follow-ups the documents sit in the same place at the front of the request: the provider's
// prefix cache hits, and follow-ups pay the cache-hit price for them.
import "server-only";
import type { ModelMessage } from "ai";
import { toModelMessages } from "@/lib/chat/history";
import type { FilePart, StoredPart } from "@/lib/contract";
import type { Db } from "@/lib/db/client";
import { ChatError } from "@/lib/errors";
import { documentTextsByAttachment } from "./store";

/** One document as the model reads it: named, with its page count, fenced by tags. */
export function documentBlock(doc: { name: string; pages: number | null; text: string }): string {
  const pages = doc.pages === null ? "" : ` pages="${doc.pages}"`;
  return `<document name="${doc.name.replace(/"/g, "'")}"${pages}>\n${doc.text}\n</document>`;
}

/** File parts for the documents a new prompt carries; a 404 when one is missing or not the sender's. */
export async function attachDocuments({ db, userId, ids }: { db: Db; userId: string; ids: readonly string[] }): Promise<FilePart[]> {
  if (ids.length === 0) return [];
  const rows = await db.document.findMany({ where: { userId, id: { in: [...new Set(ids)] } }, include: { attachment: true } });
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

/** The history sent upstream, with each prompt's documents put in front of its words. */
export async function modelMessagesWithDocuments({ db, userId, path }: { db: Db; userId: string; path: readonly PathRow[] }): Promise<ModelMessage[]> {
  const attachmentIds = path.flatMap((row) => (row.role === "user" ? row.parts.flatMap((part) => (part.type === "file" && part.document ? [part.attachmentId] : [])) : []));
  if (attachmentIds.length === 0) return toModelMessages(path);
  const texts = await documentTextsByAttachment({ db, userId, attachmentIds });
  return toModelMessages(
    path.map((row) => {
      if (row.role !== "user") return row;
      const blocks = row.parts.flatMap((part) => {
        if (part.type !== "file" || !part.document) return [];
        const doc = texts.get(part.attachmentId);
        return [doc ? documentBlock(doc) : `[The document “${part.name}” was deleted; its text is no longer available.]`];
      });
      return blocks.length === 0 ? row : { ...row, content: `${blocks.join("\n\n")}\n\n${row.content}` };
    }),
  );
}
