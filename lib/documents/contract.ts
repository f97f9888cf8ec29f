// What the browser and the server share about documents: the card's figures, the upload's
// progress events, the summary presets. No server code here.
import { z } from "zod";
import { imageInfoSchema } from "@/lib/images/contract";
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

/** A PDF without a text layer, read as one image per page (for a model that sees images). */
export const scannedPagesSchema = z.object({ name: z.string(), pages: z.number().int().positive(), images: z.array(imageInfoSchema) });
export type ScannedPages = z.infer<typeof scannedPagesSchema>;

/** One line of the upload's progress stream (NDJSON). */
export const uploadEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), stage: z.enum(["reading", "counting", "rendering", "saving"]), done: z.number(), total: z.number() }),
  z.object({ type: z.literal("done"), document: documentInfoSchema, duplicate: z.boolean() }),
  z.object({ type: z.literal("scanned"), scanned: scannedPagesSchema }),
  z.object({ type: z.literal("error"), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type UploadEvent = z.infer<typeof uploadEventSchema>;

export { FILE_NAME_HEADER } from "./file-name-header";
