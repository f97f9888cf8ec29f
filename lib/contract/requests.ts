// Request bodies the browser sends, checked by zod on the server.
import { z } from "zod";
import { MODEL_KEYS } from "@/lib/ai/catalogue";
import { REASONING_MODES } from "@/lib/ai/modes";
import { MAX_DOCUMENTS_PER_MESSAGE, MAX_IMAGES_PER_MESSAGE } from "./limits";

/** Ids the browser may choose (conversation ids for new chats, message ids from useChat). */
export const clientIdSchema = z
  .string()
  .min(6)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ids are letters, digits, '-' and '_'");

export { MAX_DOCUMENTS_PER_MESSAGE, MAX_IMAGES_PER_MESSAGE } from "./limits";

export const MAX_MESSAGE_CHARS = 4_000_000; // ~1M tokens of text: the context window is the real limit

/**
 * The body of POST /api/chat.
 * - submit: a new prompt `message` after `parentId` (the last message on the sender's screen;
 *   null for the first). When `parentId` already has a prompt after it, the new one is a sibling
 *   version of it: that is how an edit is sent.
 * - regenerate: a new answer (a sibling version) to the prompt `parentId`.
 */
export const chatRequestSchema = z.discriminatedUnion("trigger", [
  z.object({
    trigger: z.literal("submit"),
    conversationId: clientIdSchema,
    model: z.enum(MODEL_KEYS),
    mode: z.enum(REASONING_MODES),
    parentId: clientIdSchema.nullable(),
    message: z.object({
      id: clientIdSchema,
      text: z.string().trim().min(1, "The message is empty").max(MAX_MESSAGE_CHARS, "The message is too long"),
      /** Documents sent with the message (ids from /api/documents); their text goes upstream before it. */
      documentIds: z.array(clientIdSchema).max(MAX_DOCUMENTS_PER_MESSAGE, `At most ${MAX_DOCUMENTS_PER_MESSAGE} documents per message`).optional(),
      /** Images sent with the message (attachment ids from /api/images); only models with vision take them. */
      imageIds: z.array(clientIdSchema).max(MAX_IMAGES_PER_MESSAGE, `At most ${MAX_IMAGES_PER_MESSAGE} images per message`).optional(),
    }),
  }),
  z.object({
    trigger: z.literal("regenerate"),
    conversationId: clientIdSchema,
    model: z.enum(MODEL_KEYS),
    mode: z.enum(REASONING_MODES),
    parentId: clientIdSchema,
  }),
]);
export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** POST /api/conversations/[id]/versions: show version `version` of `messageId`'s sibling group. */
export const selectVersionSchema = z.object({
  messageId: clientIdSchema,
  version: z.number().int().min(1),
  /** The answer holds the path from this position on (the messages the tab has loaded). */
  from: z.number().int().min(0).optional(),
});

export const renameSchema = z.object({
  title: z.string().trim().min(1, "The title is empty").max(120, "The title is too long"),
});

export const stopSchema = z.object({ messageId: clientIdSchema }).or(z.object({ conversationId: clientIdSchema }));
