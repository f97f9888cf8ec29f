// Imports into one user's data, all or nothing (one transaction): the app's own archive, or
// ChatGPT's conversations.json. Importing the same file twice adds nothing the second time.
//
// Own archive: a conversation keeps its ids when they are free (so an export imported into a new
// database gives back the same rows); one that is already the user's is skipped; one whose ids
// another user holds is added with new ids and remembered by `sourceKey` ("v4chat:<id>").
// ChatGPT: always new ids, remembered by "chatgpt:<conversation id>". Comparisons follow the same
// rules as conversations, with their set-up and votes. A document the user already has (same
// content hash) is skipped; others keep their ids when free. Their original bytes are not in the
// archive: the attachment row gets a storage key with nothing behind it, and the text is what the
// app uses. Messages' file parts are re-pointed at the document they now mean.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { newAttachmentStorageKey } from "@/lib/db/attachments";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { StoredPart } from "@/lib/contract";
import { ChatError } from "@/lib/errors";
import { chatgptExportSchema, convertChatGptConversation, looksLikeChatGpt } from "./chatgpt";
import { ARCHIVE_FORMAT, archiveSchema, type Archive, type ArchivedComparison, type ArchivedConversation, type ArchivedDocument } from "./format";

type Tx = Prisma.TransactionClient;

export type ImportSource = "v4chat" | "chatgpt";

export interface ImportPlan {
  source: ImportSource;
  archive: Archive;
  /** Archive conversation id → the id it came from in the source (ChatGPT's id, or its own). */
  sourceIds: Map<string, string>;
}

export interface ImportSummary {
  source: ImportSource;
  conversationsAdded: number;
  conversationsSkipped: number;
  /** Messages of the conversations added (comparisons' messages are not counted here). */
  messagesAdded: number;
  foldersAdded: number;
  comparisonsAdded: number;
  comparisonsSkipped: number;
  documentsAdded: number;
  documentsSkipped: number;
}

const bad = (message: string) => new ChatError("bad_request:conversation", message);

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "it does not have the expected shape";
  const where = issue.path.length ? ` (at ${issue.path.join(".")})` : "";
  return `${issue.message}${where}`;
}

/**
 * Reads an uploaded file's JSON as one of the supported shapes, checked field by field (zod).
 * Throws a ChatError (400) saying what is wrong; nothing is written.
 */
export function planImport(json: unknown, now: Date = new Date()): ImportPlan {
  if (json && typeof json === "object" && !Array.isArray(json) && (json as { format?: unknown }).format === ARCHIVE_FORMAT) {
    const parsed = archiveSchema.safeParse(json);
    if (!parsed.success) throw bad(`This V4 Chat archive cannot be read: ${firstIssue(parsed.error)}. Nothing was imported.`);
    checkTrees(parsed.data);
    checkDocuments(parsed.data.documents);
    const ids = [...parsed.data.conversations, ...parsed.data.comparisons].map((c) => c.id);
    return { source: "v4chat", archive: parsed.data, sourceIds: new Map(ids.map((id) => [id, id])) };
  }
  if (looksLikeChatGpt(json)) {
    const parsed = chatgptExportSchema.safeParse(json);
    if (!parsed.success) throw bad(`This ChatGPT export cannot be read: ${firstIssue(parsed.error)}. Nothing was imported.`);
    const sourceIds = new Map<string, string>();
    const conversations: ArchivedConversation[] = [];
    for (const raw of parsed.data) {
      const converted = convertChatGptConversation(raw, now);
      if (!converted) continue;
      sourceIds.set(converted.conversation.id, converted.sourceId);
      conversations.push(converted.conversation);
    }
    return {
      source: "chatgpt",
      archive: { format: ARCHIVE_FORMAT, version: 1, exportedAt: now.toISOString(), folders: [], conversations, comparisons: [], documents: [] },
      sourceIds,
    };
  }
  throw bad(
    "This file is neither a V4 Chat archive nor ChatGPT's conversations.json. Export from V4 Chat (Account → Export all data) or unzip ChatGPT's export and choose conversations.json. Nothing was imported.",
  );
}

/** Every id unique, every parent inside its own conversation: a broken tree is refused whole. */
function checkTrees(archive: Archive): void {
  const conversationIds = new Set<string>();
  const messageIds = new Set<string>();
  const folderIds = new Set(archive.folders.map((folder) => folder.id));
  for (const conversation of [...archive.conversations, ...archive.comparisons]) {
    if (conversationIds.has(conversation.id)) throw bad(`The archive has the conversation ${conversation.id} twice. Nothing was imported.`);
    conversationIds.add(conversation.id);
    if (conversation.folderId && !folderIds.has(conversation.folderId)) {
      throw bad(`The conversation "${conversation.title}" is filed in a folder the archive does not have. Nothing was imported.`);
    }
    const own = new Set(conversation.messages.map((message) => message.id));
    for (const message of conversation.messages) {
      if (messageIds.has(message.id)) throw bad(`The archive has the message ${message.id} twice. Nothing was imported.`);
      messageIds.add(message.id);
      if (message.parentId && !own.has(message.parentId)) {
        throw bad(`In "${conversation.title}", the message ${message.id} follows a message that is not in the archive. Nothing was imported.`);
      }
    }
  }
  for (const comparison of archive.comparisons) checkComparison(comparison);
}

/** Answers in existing panes; one vote per prompt, on one of its own prompts, for an existing pane. */
function checkComparison(comparison: ArchivedComparison): void {
  const panes = comparison.comparison.panes.length;
  const where = `In the comparison "${comparison.title}"`;
  const prompts = new Set(comparison.messages.filter((message) => message.role === "user").map((message) => message.id));
  for (const message of comparison.messages) {
    if (message.lane >= panes) throw bad(`${where}, the answer ${message.id} is in pane ${message.lane + 1} of ${panes}. Nothing was imported.`);
  }
  const voted = new Set<string>();
  for (const vote of comparison.votes) {
    if (!prompts.has(vote.promptId)) throw bad(`${where}, a vote is for a prompt that is not in the archive. Nothing was imported.`);
    if (voted.has(vote.promptId)) throw bad(`${where}, one prompt has two votes. Nothing was imported.`);
    voted.add(vote.promptId);
    if ((vote.outcome === "better") !== (vote.winnerLane !== null) || (vote.winnerLane !== null && vote.winnerLane >= panes)) {
      throw bad(`${where}, the vote on ${vote.promptId} names no pane it has. Nothing was imported.`);
    }
  }
  const continued = comparison.comparison;
  if ((continued.continuedConversationId === null) !== (continued.continuedLane === null) || (continued.continuedLane ?? 0) >= panes) {
    throw bad(`${where}, "continued" names no pane it has. Nothing was imported.`);
  }
}

/** Documents: each id, attachment and content once. */
function checkDocuments(documents: readonly ArchivedDocument[]): void {
  const seen = new Set<string>();
  for (const document of documents) {
    for (const key of [`document ${document.id}`, `attachment ${document.attachment.id}`, `content ${document.sha256}`]) {
      if (seen.has(key)) throw bad(`The archive has the document "${document.attachment.name}" (${key}) twice. Nothing was imported.`);
      seen.add(key);
    }
  }
}

const CHUNK = 500;
async function inChunks<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let at = 0; at < items.length; at += CHUNK) out.push(...(await run(items.slice(at, at + CHUNK))));
  return out;
}

/** Writes the plan for `userId` in one transaction; a failure anywhere writes nothing. */
export async function runImport({ db, userId, plan }: { db: Db; userId: string; plan: ImportPlan }): Promise<ImportSummary> {
  const { archive, source } = plan;
  return db.$transaction(
    async (tx: Tx) => {
      const folderIds = await importFolders(tx, userId, archive);
      const documents = await importDocuments(tx, userId, archive.documents);
      const summary: ImportSummary = {
        source,
        conversationsAdded: 0,
        conversationsSkipped: 0,
        messagesAdded: 0,
        foldersAdded: folderIds.added,
        comparisonsAdded: 0,
        comparisonsSkipped: 0,
        documentsAdded: documents.added,
        documentsSkipped: documents.skipped,
      };

      // Chats first: a comparison may name the chat continued from it.
      const entries: Array<{ conversation: ArchivedConversation; comparison?: ArchivedComparison }> = [
        ...archive.conversations.map((conversation) => ({ conversation })),
        ...archive.comparisons.map((comparison) => ({ conversation: comparison, comparison })),
      ];
      const ids = entries.map(({ conversation }) => conversation.id);
      const keyOf = (conversation: ArchivedConversation) => `${source}:${plan.sourceIds.get(conversation.id) ?? conversation.id}`;
      const taken = new Map(
        (await inChunks(ids, (chunk) => tx.conversation.findMany({ where: { id: { in: chunk } }, select: { id: true, userId: true } }))).map((row) => [row.id, row.userId]),
      );
      const knownKeys = new Map(
        (
          await inChunks(
            entries.map(({ conversation }) => keyOf(conversation)),
            (chunk) => tx.conversation.findMany({ where: { userId, sourceKey: { in: chunk } }, select: { id: true, sourceKey: true } }),
          )
        ).map((row) => [row.sourceKey, row.id]),
      );
      const allMessageIds = entries.flatMap(({ conversation }) => conversation.messages.map((message) => message.id));
      const takenMessages = new Set(
        (await inChunks(allMessageIds, (chunk) => tx.message.findMany({ where: { id: { in: chunk } }, select: { id: true } }))).map((row) => row.id),
      );
      const voteIds = archive.comparisons.flatMap((comparison) => comparison.votes.map((vote) => vote.id));
      const takenVotes = new Set(
        (await inChunks(voteIds, (chunk) => tx.comparisonVote.findMany({ where: { id: { in: chunk } }, select: { id: true } }))).map((row) => row.id),
      );
      /** Archive conversation id → the user's conversation it now is (added or already there). */
      const conversationIds = new Map<string, string>();

      for (const { conversation, comparison } of entries) {
        const sourceKey = keyOf(conversation);
        const known = taken.get(conversation.id) === userId ? conversation.id : knownKeys.get(sourceKey);
        if (known) {
          conversationIds.set(conversation.id, known);
          if (comparison) summary.comparisonsSkipped += 1;
          else summary.conversationsSkipped += 1;
          continue;
        }
        const keepIds = source === "v4chat" && !taken.has(conversation.id) && conversation.messages.every((message) => !takenMessages.has(message.id));
        const rows = rowsFor(conversation, {
          userId,
          keepIds,
          kind: comparison ? "comparison" : "chat",
          sourceKey: keepIds ? null : sourceKey,
          folderId: conversation.folderId ? (folderIds.map.get(conversation.folderId) ?? null) : null,
          documents,
        });
        await tx.conversation.create({ data: rows.conversation });
        if (rows.messages.length > 0) await tx.message.createMany({ data: rows.messages });
        if (comparison) {
          const setup = comparison.comparison;
          const continuedId = setup.continuedConversationId && (conversationIds.get(setup.continuedConversationId) ?? (keepIds ? setup.continuedConversationId : null));
          await tx.comparison.create({
            data: {
              conversationId: rows.conversation.id,
              panes: JSON.stringify(setup.panes),
              blind: setup.blind,
              continuedConversationId: continuedId ?? null,
              continuedLane: continuedId ? setup.continuedLane : null,
              createdAt: new Date(setup.createdAt),
            },
          });
          if (comparison.votes.length > 0) {
            await tx.comparisonVote.createMany({
              data: comparison.votes.map((vote) => ({
                id: keepIds && !takenVotes.has(vote.id) ? vote.id : randomUUID(),
                conversationId: rows.conversation.id,
                promptId: rows.messageIds.get(vote.promptId) ?? vote.promptId,
                outcome: vote.outcome,
                winnerLane: vote.winnerLane,
                createdAt: new Date(vote.createdAt),
                updatedAt: new Date(vote.updatedAt),
              })),
            });
          }
        }
        conversationIds.set(conversation.id, rows.conversation.id);
        knownKeys.set(sourceKey, rows.conversation.id);
        if (comparison) summary.comparisonsAdded += 1;
        else {
          summary.conversationsAdded += 1;
          summary.messagesAdded += rows.messages.length;
        }
      }
      return summary;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

/** What the archive's document and attachment ids now are for this user. */
interface DocumentIds {
  attachments: Map<string, string>;
  documents: Map<string, string>;
  added: number;
  skipped: number;
}

/**
 * Documents: one whose content the user already has (owner + SHA-256, the upload's own dedup key)
 * is reused; others are added, keeping their ids when free, with an attachment row whose storage
 * key holds nothing (the archive has no original bytes).
 */
async function importDocuments(tx: Tx, userId: string, documents: readonly ArchivedDocument[]): Promise<DocumentIds> {
  const out: DocumentIds = { attachments: new Map(), documents: new Map(), added: 0, skipped: 0 };
  if (documents.length === 0) return out;
  const existing = new Map(
    (
      await inChunks(
        documents.map((document) => document.sha256),
        (chunk) => tx.document.findMany({ where: { userId, sha256: { in: chunk } }, select: { id: true, attachmentId: true, sha256: true } }),
      )
    ).map((row) => [row.sha256, row]),
  );
  const takenDocuments = new Set(
    (await inChunks(documents.map((document) => document.id), (chunk) => tx.document.findMany({ where: { id: { in: chunk } }, select: { id: true } }))).map((row) => row.id),
  );
  const takenAttachments = new Set(
    (
      await inChunks(
        documents.map((document) => document.attachment.id),
        (chunk) => tx.attachment.findMany({ where: { id: { in: chunk } }, select: { id: true } }),
      )
    ).map((row) => row.id),
  );
  for (const document of documents) {
    const have = existing.get(document.sha256);
    if (have) {
      out.documents.set(document.id, have.id);
      out.attachments.set(document.attachment.id, have.attachmentId);
      out.skipped += 1;
      continue;
    }
    const keep = !takenDocuments.has(document.id) && !takenAttachments.has(document.attachment.id);
    const { attachment } = document;
    const attachmentRow = await tx.attachment.create({
      data: {
        id: keep ? attachment.id : randomUUID(),
        userId,
        name: attachment.name,
        mediaType: attachment.mediaType,
        size: attachment.size,
        sha256: attachment.sha256,
        storageKey: newAttachmentStorageKey(userId),
        createdAt: new Date(attachment.createdAt),
      },
      select: { id: true },
    });
    const documentRow = await tx.document.create({
      data: {
        id: keep ? document.id : randomUUID(),
        userId,
        attachmentId: attachmentRow.id,
        sha256: document.sha256,
        kind: document.kind,
        text: document.text,
        pages: document.pages,
        chars: document.chars,
        tokens: document.tokens,
        encoding: document.encoding,
        notice: document.notice,
        partSummaries: document.partSummaries ? JSON.stringify(document.partSummaries) : null,
        createdAt: new Date(document.createdAt),
      },
      select: { id: true },
    });
    out.documents.set(document.id, documentRow.id);
    out.attachments.set(attachment.id, attachmentRow.id);
    out.added += 1;
  }
  return out;
}

/** Folders: one the user has (same id, else same name) is reused; others are made. */
async function importFolders(tx: Tx, userId: string, archive: Archive): Promise<{ map: Map<string, string>; added: number }> {
  const map = new Map<string, string>();
  let added = 0;
  if (archive.folders.length === 0) return { map, added };
  const existing = await tx.folder.findMany({ where: { userId }, select: { id: true, name: true } });
  const byId = new Set(existing.map((folder) => folder.id));
  const byName = new Map(existing.map((folder) => [folder.name, folder.id]));
  for (const folder of archive.folders) {
    const reuse = byId.has(folder.id) ? folder.id : byName.get(folder.name);
    if (reuse) {
      map.set(folder.id, reuse);
      continue;
    }
    const free = !(await tx.folder.findUnique({ where: { id: folder.id }, select: { id: true } }));
    const created = await tx.folder.create({
      data: { id: free ? folder.id : undefined, userId, name: folder.name, createdAt: new Date(folder.createdAt) },
      select: { id: true },
    });
    map.set(folder.id, created.id);
    byName.set(folder.name, created.id);
    added += 1;
  }
  return { map, added };
}

/** A file part pointed at the attachment (and document) it now is; unchanged when the archive does not have it. */
function relinkPart(part: StoredPart, documents: DocumentIds): StoredPart {
  if (part.type !== "file") return part;
  const attachmentId = documents.attachments.get(part.attachmentId);
  if (!attachmentId || attachmentId === part.attachmentId) return part;
  const documentId = part.document ? (documents.documents.get(part.document.id) ?? part.document.id) : undefined;
  return { ...part, attachmentId, ...(part.document && documentId ? { document: { ...part.document, id: documentId } } : {}) };
}

function rowsFor(
  conversation: ArchivedConversation,
  {
    userId,
    keepIds,
    kind,
    sourceKey,
    folderId,
    documents,
  }: { userId: string; keepIds: boolean; kind: "chat" | "comparison"; sourceKey: string | null; folderId: string | null; documents: DocumentIds },
): {
  conversation: Prisma.ConversationUncheckedCreateInput & { id: string };
  messages: Prisma.MessageCreateManyInput[];
  messageIds: Map<string, string>;
} {
  const idMap = new Map(conversation.messages.map((message) => [message.id, keepIds ? message.id : randomUUID()]));
  const conversationId = keepIds ? conversation.id : randomUUID();
  const date = (value: string | null) => (value ? new Date(value) : null);
  return {
    conversation: {
      id: conversationId,
      userId,
      kind,
      title: conversation.title,
      titleSource: conversation.titleSource,
      model: conversation.model,
      mode: conversation.mode,
      createdAt: new Date(conversation.createdAt),
      updatedAt: new Date(conversation.updatedAt),
      pinnedAt: date(conversation.pinnedAt),
      folderId,
      sourceKey,
    },
    messages: conversation.messages.map(({ id, parentId, parts, retryAt, createdAt, updatedAt, ...rest }) => ({
      ...rest,
      id: idMap.get(id) ?? id,
      conversationId,
      parentId: parentId ? (idMap.get(parentId) ?? null) : null,
      parts: JSON.stringify(parts.map((part) => relinkPart(part, documents))),
      retryAt: date(retryAt),
      createdAt: new Date(createdAt),
      updatedAt: new Date(updatedAt),
    })),
    messageIds: idMap,
  };
}
