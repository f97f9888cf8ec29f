// The V4 Chat archive: everything a person has, as one JSON document, versioned.
//
// Version 1 holds folders and conversations; each conversation holds every message of its tree
// (all versions and branches) with all of its columns, so an export imported into an empty
// database gives back the same rows. `comparisons` (a conversation with its panes' answers, its
// set-up and votes) and `documents` (extracted text and figures, not the original bytes) came
// later as optional arrays: an archive without them is still version 1. New kinds of data go in as new optional top-level arrays
// (e.g. `comparisons`, `documents`) without a version change; a change that older readers would
// misread raises `version`. Readers ignore top-level keys they do not know.
import { z } from "zod";
import { VOTE_OUTCOMES } from "@/lib/compare/results";
import { DOCUMENT_KINDS } from "@/lib/documents/formats";
import { messageRoleSchema, messageStatusSchema, storedPartsSchema, titleSourceSchema } from "@/lib/contract";

export const ARCHIVE_FORMAT = "v4chat-archive";
export const ARCHIVE_VERSION = 1;

const id = z.string().min(1).max(128);
const isoDate = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative().nullable();
const text = (max: number) => z.string().max(max);

export const archivedMessageSchema = z.object({
  id,
  parentId: id.nullable(),
  seq: z.number().int().min(1),
  selected: z.boolean(),
  lane: z.number().int().min(0).max(16),
  role: messageRoleSchema,
  parts: storedPartsSchema,
  content: text(4_200_000),
  status: messageStatusSchema,
  errorCode: text(200).nullable(),
  errorMessage: text(10_000).nullable(),
  errorHint: text(10_000).nullable(),
  retryAt: isoDate.nullable(),
  model: text(100).nullable(),
  modelId: text(200).nullable(),
  modelVersion: text(200).nullable(),
  mode: text(50).nullable(),
  effectiveMode: text(50).nullable(),
  modeNotice: text(1_000).nullable(),
  backend: text(50).nullable(),
  finishReason: text(100).nullable(),
  inputTokens: count,
  cacheHitTokens: count,
  cacheMissTokens: count,
  outputTokens: count,
  reasoningTokens: count,
  usageEstimated: z.boolean(),
  costUsd: z.number().nonnegative().nullable(),
  priceTier: text(50).nullable(),
  ttftMs: count,
  reasoningMs: count,
  durationMs: count,
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type ArchivedMessage = z.infer<typeof archivedMessageSchema>;

export const archivedConversationSchema = z.object({
  id,
  title: text(500),
  titleSource: titleSourceSchema,
  model: text(50),
  mode: text(50),
  createdAt: isoDate,
  updatedAt: isoDate,
  pinnedAt: isoDate.nullable(),
  folderId: id.nullable(),
  messages: z.array(archivedMessageSchema).max(100_000),
});
export type ArchivedConversation = z.infer<typeof archivedConversationSchema>;

const lane = z.number().int().min(0).max(16);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "Expected a SHA-256 in lowercase hex");

/** A comparison: a conversation whose answers carry their pane as `lane`, with its set-up and votes. */
export const archivedComparisonSchema = archivedConversationSchema.extend({
  comparison: z.object({
    panes: z.array(z.object({ model: text(50), mode: text(50) })).min(1).max(16),
    blind: z.boolean(),
    /** The chat made from one pane by "Continue with this answer" (a conversation of this archive). */
    continuedConversationId: id.nullable(),
    continuedLane: lane.nullable(),
    createdAt: isoDate,
  }),
  votes: z
    .array(z.object({ id, promptId: id, outcome: z.enum(VOTE_OUTCOMES), winnerLane: lane.nullable(), createdAt: isoDate, updatedAt: isoDate }))
    .max(100_000),
});
export type ArchivedComparison = z.infer<typeof archivedComparisonSchema>;

/**
 * A document: its extracted text and figures, and the attachment it was read from (messages'
 * file parts refer to the attachment's id). The original file's bytes are not in the archive.
 */
export const archivedDocumentSchema = z.object({
  id,
  sha256,
  kind: z.enum(DOCUMENT_KINDS),
  text: text(50_000_000),
  pages: count,
  chars: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  encoding: text(50).nullable(),
  notice: text(10_000).nullable(),
  partSummaries: z.object({ partTokens: z.number().int().positive(), summaries: z.array(text(1_000_000)).max(10_000) }).nullable(),
  createdAt: isoDate,
  attachment: z.object({ id, name: text(255).min(1), mediaType: text(200), size: z.number().int().nonnegative(), sha256, createdAt: isoDate }),
});
export type ArchivedDocument = z.infer<typeof archivedDocumentSchema>;

export const archivedFolderSchema = z.object({ id, name: text(60).min(1), createdAt: isoDate });
export type ArchivedFolder = z.infer<typeof archivedFolderSchema>;

export const archiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION, { error: `This archive is from a newer V4 Chat (only version ${ARCHIVE_VERSION} can be read here).` }),
  exportedAt: isoDate,
  folders: z.array(archivedFolderSchema).max(10_000).default([]),
  conversations: z.array(archivedConversationSchema).max(100_000),
  comparisons: z.array(archivedComparisonSchema).max(100_000).default([]),
  documents: z.array(archivedDocumentSchema).max(100_000).default([]),
});
export type Archive = z.infer<typeof archiveSchema>;
