// Imports into one user's data, all or nothing (one transaction): the app's own archive, or
// ChatGPT's conversations.json. Importing the same file twice adds nothing the second time.
//
// Own archive: a conversation keeps its ids when they are free (so an export imported into a new
// database gives back the same rows); one that is already the user's is skipped; one whose ids
// another user holds is added with new ids and remembered by `sourceKey` ("v4chat:<id>").
// ChatGPT: always new ids, remembered by "chatgpt:<conversation id>".
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { ChatError } from "@/lib/errors";
import { chatgptExportSchema, convertChatGptConversation, looksLikeChatGpt } from "./chatgpt";
import { ARCHIVE_FORMAT, archiveSchema, type Archive, type ArchivedConversation } from "./format";

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
  messagesAdded: number;
  foldersAdded: number;
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
    return { source: "v4chat", archive: parsed.data, sourceIds: new Map(parsed.data.conversations.map((c) => [c.id, c.id])) };
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
    return { source: "chatgpt", archive: { format: ARCHIVE_FORMAT, version: 1, exportedAt: now.toISOString(), folders: [], conversations }, sourceIds };
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
  for (const conversation of archive.conversations) {
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
      const summary: ImportSummary = { source, conversationsAdded: 0, conversationsSkipped: 0, messagesAdded: 0, foldersAdded: folderIds.added };

      const ids = archive.conversations.map((conversation) => conversation.id);
      const keyOf = (conversation: ArchivedConversation) => `${source}:${plan.sourceIds.get(conversation.id) ?? conversation.id}`;
      const taken = new Map(
        (await inChunks(ids, (chunk) => tx.conversation.findMany({ where: { id: { in: chunk } }, select: { id: true, userId: true } }))).map((row) => [row.id, row.userId]),
      );
      const knownKeys = new Set(
        (
          await inChunks(archive.conversations.map(keyOf), (chunk) =>
            tx.conversation.findMany({ where: { userId, sourceKey: { in: chunk } }, select: { sourceKey: true } }),
          )
        ).map((row) => row.sourceKey),
      );
      const allMessageIds = archive.conversations.flatMap((conversation) => conversation.messages.map((message) => message.id));
      const takenMessages = new Set(
        (await inChunks(allMessageIds, (chunk) => tx.message.findMany({ where: { id: { in: chunk } }, select: { id: true } }))).map((row) => row.id),
      );

      for (const conversation of archive.conversations) {
        const sourceKey = keyOf(conversation);
        if (taken.get(conversation.id) === userId || knownKeys.has(sourceKey)) {
          summary.conversationsSkipped += 1;
          continue;
        }
        const keepIds = source === "v4chat" && !taken.has(conversation.id) && conversation.messages.every((message) => !takenMessages.has(message.id));
        const rows = rowsFor(conversation, {
          userId,
          keepIds,
          sourceKey: keepIds ? null : sourceKey,
          folderId: conversation.folderId ? (folderIds.map.get(conversation.folderId) ?? null) : null,
        });
        await tx.conversation.create({ data: rows.conversation });
        if (rows.messages.length > 0) await tx.message.createMany({ data: rows.messages });
        knownKeys.add(sourceKey);
        summary.conversationsAdded += 1;
        summary.messagesAdded += rows.messages.length;
      }
      return summary;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
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

function rowsFor(
  conversation: ArchivedConversation,
  { userId, keepIds, sourceKey, folderId }: { userId: string; keepIds: boolean; sourceKey: string | null; folderId: string | null },
): { conversation: Prisma.ConversationUncheckedCreateInput; messages: Prisma.MessageCreateManyInput[] } {
  const idMap = new Map(conversation.messages.map((message) => [message.id, keepIds ? message.id : randomUUID()]));
  const conversationId = keepIds ? conversation.id : randomUUID();
  const date = (value: string | null) => (value ? new Date(value) : null);
  return {
    conversation: {
      id: conversationId,
      userId,
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
      parts: JSON.stringify(parts),
      retryAt: date(retryAt),
      createdAt: new Date(createdAt),
      updatedAt: new Date(updatedAt),
    })),
  };
}
