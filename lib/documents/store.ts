// Document rows, always scoped by owner: another user's document behaves like a missing one.
import "server-only";
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

/** The person's documents, newest first, without their text. */
export async function listDocuments({ db, userId }: { db: Db; userId: string }): Promise<DocumentInfo[]> {
  const rows = await db.document.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    omit: { text: true },
    include: { attachment: true },
  });
  return rows.map((row) => toDocumentInfo({ ...row, text: "" }));
}

/** Texts of the given attachments (the ids messages' file parts carry), owner-scoped. */
export async function documentTextsByAttachment({ db, userId, attachmentIds }: { db: Db; userId: string; attachmentIds: readonly string[] }) {
  const texts = new Map<string, { name: string; text: string; pages: number | null; tokens: number }>();
  if (attachmentIds.length === 0) return texts;
  const rows = await db.document.findMany({
    where: { userId, attachmentId: { in: [...new Set(attachmentIds)] } },
    select: { attachmentId: true, text: true, pages: true, tokens: true, attachment: { select: { name: true } } },
  });
  for (const row of rows) texts.set(row.attachmentId, { name: row.attachment.name, text: row.text, pages: row.pages, tokens: row.tokens });
  return texts;
}
