// What the browser and the server share about documents: the card's figures, the upload's
// progress events, the summary presets. No server code here.
import { z } from "zod";
import { DOCUMENT_KINDS } from "./formats";

export const documentInfoSchema = z.object({
  id: z.string(),
  attachmentId: z.string(),
  name: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  size: z.number().int().nonnegative(),
  pages: z.number().int().nullable(),
  chars: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  notice: z.string().nullable(),
  createdAt: z.string(),
});
export type DocumentInfo = z.infer<typeof documentInfoSchema>;

/** One line of the upload's progress stream (NDJSON). */
export const uploadEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), stage: z.enum(["reading", "counting", "saving"]), done: z.number(), total: z.number() }),
  z.object({ type: z.literal("done"), document: documentInfoSchema, duplicate: z.boolean() }),
  z.object({ type: z.literal("error"), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type UploadEvent = z.infer<typeof uploadEventSchema>;

/** The file name travels in a header (the body is the raw bytes), percent-encoded. */
export const FILE_NAME_HEADER = "x-file-name";
