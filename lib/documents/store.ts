// Document rows, always scoped by owner: another user's document behaves like a missing one.
import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Attachment, Document } from "@/lib/db/generated/client";
import type { DocumentInfo } from "./contract";
import type { DocumentKind } from "./formats";

export type DocumentWithAttachment = Document & { attachment: Attachment };

export function toDocumentInfo(row: DocumentWithAttachment): DocumentInfo {
  return {
    id: row.id,
    attachmentId: row.attachmentId,
    name: row.attachment.name,
    kind: row.kind as DocumentKind,
    size: row.attachment.size,
    pages: row.pages,
    chars: row.chars,
    tokens: row.tokens,
    notice: row.notice,
    createdAt: row.createdAt.toISOString(),
  };
}

export function findDocumentByHash({ db, userId, sha256 }: { db: Db; userId: string; sha256: string }) {
  return db.document.findFirst({ where: { userId, sha256 }, include: { attachment: true } });
}

export function getDocument({ db, userId, id }: { db: Db; userId: string; id: string }) {
  return db.document.findFirst({ where: { id, userId }, include: { attachment: true } });
}

/** The person's documents (or those of `ids` among them), newest first, without their text. */
export async function listDocuments({ db, userId, ids }: { db: Db; userId: string; ids?: readonly string[] }): Promise<DocumentInfo[]> {
  const rows = await db.document.findMany({
    where: ids ? { userId, id: { in: [...ids] } } : { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    omit: { text: true },
    include: { attachment: true },
  });
  return rows.map((row) => toDocumentInfo({ ...row, text: "" }));
}

export const partSummariesSchema = z.object({ partTokens: z.number().int().positive(), summaries: z.array(z.string()) });
export type PartSummaries = z.infer<typeof partSummariesSchema>;

export interface DocumentText {
  id: string;
  name: string;
  text: string;
  pages: number | null;
  tokens: number;
  /** Summaries of its parts, when it was read in parts before. */
  partSummaries: PartSummaries | null;
}

function parsePartSummaries(json: string | null): PartSummaries | null {
  if (json === null) return null;
  try {
    return partSummariesSchema.parse(JSON.parse(json));
  } catch {
    return null; // unreadable: made again
  }
}

/** Keeps a document's part summaries for every later request (owner-scoped). */
export async function savePartSummaries({ db, userId, id, value }: { db: Db; userId: string; id: string; value: PartSummaries }): Promise<void> {
  await db.document.updateMany({ where: { id, userId }, data: { partSummaries: JSON.stringify(value) } });
}

/** Texts of the given attachments (the ids messages' file parts carry), owner-scoped. */
export async function documentTextsByAttachment({ db, userId, attachmentIds }: { db: Db; userId: string; attachmentIds: readonly string[] }) {
  const texts = new Map<string, DocumentText>();
  if (attachmentIds.length === 0) return texts;
  const rows = await db.document.findMany({
    where: { userId, attachmentId: { in: [...new Set(attachmentIds)] } },
    select: { id: true, attachmentId: true, text: true, pages: true, tokens: true, partSummaries: true, attachment: { select: { name: true } } },
  });
  for (const row of rows) {
    texts.set(row.attachmentId, {
      id: row.id,
      name: row.attachment.name,
      text: row.text,
      pages: row.pages,
      tokens: row.tokens,
      partSummaries: parsePartSummaries(row.partSummaries),
    });
  }
  return texts;
}
