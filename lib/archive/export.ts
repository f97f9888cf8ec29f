// Exports: the whole archive of a user, one conversation as an archive (JSON), or one
// conversation's path shown as Markdown. Owner-scoped: another user's data is never read.
import { selectedPath } from "@/lib/chat/message-tree";
import type { Db } from "@/lib/db/client";
import { toConversation, toMessage, type Message } from "@/lib/db/types";
import type {
  Attachment as AttachmentRow,
  Comparison as ComparisonRow,
  ComparisonVote as VoteRow,
  Conversation as ConversationRow,
  Document as DocumentRow,
  Message as MessageRow,
} from "@/lib/db/generated/client";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  archivedComparisonSchema,
  archivedDocumentSchema,
  type Archive,
  type ArchivedComparison,
  type ArchivedConversation,
  type ArchivedDocument,
  type ArchivedMessage,
} from "./format";

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function archivedMessage(row: MessageRow): ArchivedMessage {
  const message = toMessage(row);
  return {
    id: message.id,
    parentId: message.parentId,
    seq: message.seq,
    selected: message.selected,
    lane: message.lane,
    role: message.role,
    parts: message.parts,
    content: message.content,
    status: message.status,
    errorCode: message.errorCode,
    errorMessage: message.errorMessage,
    errorHint: message.errorHint,
    retryAt: iso(message.retryAt),
    model: message.model,
    modelId: message.modelId,
    modelVersion: message.modelVersion,
    mode: message.mode,
    effectiveMode: message.effectiveMode,
    modeNotice: message.modeNotice,
    backend: message.backend,
    finishReason: message.finishReason,
    inputTokens: message.inputTokens,
    cacheHitTokens: message.cacheHitTokens,
    cacheMissTokens: message.cacheMissTokens,
    outputTokens: message.outputTokens,
    reasoningTokens: message.reasoningTokens,
    usageEstimated: message.usageEstimated,
    costUsd: message.costUsd,
    priceTier: message.priceTier,
    ttftMs: message.ttftMs,
    reasoningMs: message.reasoningMs,
    durationMs: message.durationMs,
    createdAt: message.createdAt.toISOString(),
    updatedAt: message.updatedAt.toISOString(),
  };
}

function archivedConversation(row: ConversationRow & { messages: MessageRow[] }): ArchivedConversation {
  const conversation = toConversation(row);
  return {
    id: conversation.id,
    title: conversation.title,
    titleSource: conversation.titleSource,
    model: conversation.model,
    mode: conversation.mode,
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
    pinnedAt: iso(conversation.pinnedAt),
    folderId: conversation.folderId,
    messages: row.messages.map(archivedMessage),
  };
}

function archivedComparison(row: ConversationRow & { messages: MessageRow[]; comparison: ComparisonRow | null; comparisonVotes: VoteRow[] }): ArchivedComparison | null {
  if (!row.comparison) return null; // a comparison without its set-up cannot be shown either
  return {
    ...archivedConversation(row),
    comparison: {
      panes: archivedComparisonSchema.shape.comparison.shape.panes.parse(JSON.parse(row.comparison.panes)),
      blind: row.comparison.blind,
      continuedConversationId: row.comparison.continuedConversationId,
      continuedLane: row.comparison.continuedLane,
      createdAt: row.comparison.createdAt.toISOString(),
    },
    votes: row.comparisonVotes.map((vote) => ({
      id: vote.id,
      promptId: vote.promptId,
      outcome: archivedComparisonSchema.shape.votes.element.shape.outcome.parse(vote.outcome),
      winnerLane: vote.winnerLane,
      createdAt: vote.createdAt.toISOString(),
      updatedAt: vote.updatedAt.toISOString(),
    })),
  };
}

const partSummariesSchema = archivedDocumentSchema.shape.partSummaries;

function archivedDocument(row: DocumentRow & { attachment: AttachmentRow }): ArchivedDocument {
  let partSummaries: ArchivedDocument["partSummaries"] = null;
  try {
    partSummaries = row.partSummaries === null ? null : partSummariesSchema.parse(JSON.parse(row.partSummaries));
  } catch {
    partSummaries = null; // unreadable: the app makes them again when needed
  }
  return {
    id: row.id,
    sha256: row.sha256,
    kind: archivedDocumentSchema.shape.kind.parse(row.kind),
    text: row.text,
    pages: row.pages,
    chars: row.chars,
    tokens: row.tokens,
    encoding: row.encoding,
    notice: row.notice,
    partSummaries,
    createdAt: row.createdAt.toISOString(),
    // The storage key stays behind: it names bytes this archive does not carry.
    attachment: {
      id: row.attachment.id,
      name: row.attachment.name,
      mediaType: row.attachment.mediaType,
      size: row.attachment.size,
      sha256: row.attachment.sha256,
      createdAt: row.attachment.createdAt.toISOString(),
    },
  };
}

const messageOrder = [{ parentId: "asc" as const }, { seq: "asc" as const }, { id: "asc" as const }];

/**
 * Everything the user has: folders, every conversation with all its versions and branches, every
 * comparison with its set-up and votes, and every document's extracted text.
 */
export async function exportArchive({ db, userId, now = new Date() }: { db: Db; userId: string; now?: Date }): Promise<Archive> {
  const conversationOrder = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const [folders, conversations, comparisons, documents] = await Promise.all([
    db.folder.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }),
    db.conversation.findMany({ where: { userId, kind: "chat" }, orderBy: conversationOrder, include: { messages: { orderBy: messageOrder } } }),
    db.conversation.findMany({
      where: { userId, kind: "comparison" },
      orderBy: conversationOrder,
      include: { messages: { orderBy: messageOrder }, comparison: true, comparisonVotes: { orderBy: { id: "asc" } } },
    }),
    db.document.findMany({ where: { userId }, orderBy: conversationOrder, include: { attachment: true } }),
  ]);
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: now.toISOString(),
    folders: folders.map((folder) => ({ id: folder.id, name: folder.name, createdAt: folder.createdAt.toISOString() })),
    conversations: conversations.map(archivedConversation),
    comparisons: comparisons.flatMap((row) => archivedComparison(row) ?? []),
    documents: documents.map(archivedDocument),
  };
}

/** One conversation as an archive of one, with the documents its messages carry (importable like a whole archive); null when not found. */
export async function exportConversationArchive({ db, userId, id, now = new Date() }: { db: Db; userId: string; id: string; now?: Date }): Promise<Archive | null> {
  const row = await db.conversation.findFirst({ where: { id, userId, kind: "chat" }, include: { messages: { orderBy: messageOrder } } });
  if (!row) return null;
  const folder = row.folderId ? await db.folder.findFirst({ where: { id: row.folderId, userId } }) : null;
  const conversation = archivedConversation(row);
  const attachmentIds = conversation.messages.flatMap((message) => message.parts.flatMap((part) => (part.type === "file" && part.document ? [part.attachmentId] : [])));
  const documents = attachmentIds.length
    ? await db.document.findMany({ where: { userId, attachmentId: { in: [...new Set(attachmentIds)] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { attachment: true } })
    : [];
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: now.toISOString(),
    folders: folder ? [{ id: folder.id, name: folder.name, createdAt: folder.createdAt.toISOString() }] : [],
    conversations: [conversation],
    comparisons: [],
    documents: documents.map(archivedDocument),
  };
}

/**
 * The path shown of one conversation as Markdown: a heading per turn, the answer's model and
 * mode, and (when asked) its reasoning as a quote before the answer. Null when not found.
 */
export async function exportConversationMarkdown({
  db,
  userId,
  id,
  withReasoning,
}: {
  db: Db;
  userId: string;
  id: string;
  withReasoning: boolean;
}): Promise<{ title: string; markdown: string } | null> {
  const row = await db.conversation.findFirst({ where: { id, userId, kind: "chat" }, include: { messages: true } });
  if (!row) return null;
  const path = selectedPath(row.messages.map(toMessage)).map((step) => step.message);
  const lines: string[] = [`# ${row.title}`, "", `_Exported from V4 Chat, ${new Date().toISOString().slice(0, 10)}_`, ""];
  for (const message of path) lines.push(...messageMarkdown(message, withReasoning), "");
  return { title: row.title, markdown: `${lines.join("\n").trimEnd()}\n` };
}

const MODEL_NAMES: Record<string, string> = { flash: "DeepSeek V4 Flash", pro: "DeepSeek V4 Pro" };
const MODE_NAMES: Record<string, string> = { "non-think": "Non-think", "think-high": "Think High", "think-max": "Think Max" };

function messageMarkdown(message: Message, withReasoning: boolean): string[] {
  const files = message.parts.flatMap((part) => (part.type === "file" ? [`- Attached: ${part.name} (${part.mediaType})`] : []));
  if (message.role === "user") return ["## You", "", ...(files.length ? [...files, ""] : []), message.content];
  const model = message.model ? (MODEL_NAMES[message.model] ?? message.model) : "Assistant";
  const mode = message.effectiveMode ?? message.mode;
  const out = [`## ${model}${mode ? ` · ${MODE_NAMES[mode] ?? mode}` : ""}`, ""];
  const reasoning = message.parts.map((part) => (part.type === "reasoning" ? part.text : "")).join("");
  if (withReasoning && reasoning.trim()) {
    out.push("> **Reasoning**", ">", ...reasoning.trim().split("\n").map((line) => (line ? `> ${line}` : ">")), "");
  }
  out.push(message.content || "_(no answer)_");
  if (message.status !== "complete") out.push("", `_(${message.status}${message.errorMessage ? `: ${message.errorMessage}` : ""})_`);
  return out;
}
