// A message's content as typed parts: what the database stores (as JSON) and what the browser
// renders. Reasoning and text come from the model; files are references to attachments.
import { z } from "zod";

export const textPartSchema = z.object({ type: z.literal("text"), text: z.string() });
export const reasoningPartSchema = z.object({ type: z.literal("reasoning"), text: z.string() });
/** A document's figures, on the file part that attaches it (the card shows them). */
export const documentFiguresSchema = z.object({
  id: z.string(),
  kind: z.string(),
  pages: z.number().int().nullable(),
  chars: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
});
export type DocumentFigures = z.infer<typeof documentFiguresSchema>;

/** An image's figures, on the file part that attaches it (the thumbnail and the estimate use them). */
export const imageFiguresSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Input tokens the image is estimated to cost (see lib/images/formats.ts). */
  tokens: z.number().int().nonnegative(),
});
export type ImageFigures = z.infer<typeof imageFiguresSchema>;

export const filePartSchema = z.object({
  type: z.literal("file"),
  attachmentId: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  /** Present when the file was read as a document: its text goes upstream with the message. */
  document: documentFiguresSchema.optional(),
  /** Present when the file is an image: it goes upstream as an image block (vision models only). */
  image: imageFiguresSchema.optional(),
});

export const storedPartSchema = z.discriminatedUnion("type", [textPartSchema, reasoningPartSchema, filePartSchema]);
export type StoredPart = z.infer<typeof storedPartSchema>;
export type FilePart = z.infer<typeof filePartSchema>;
export const storedPartsSchema = z.array(storedPartSchema);

/** The text parts joined: the plain-text column beside the parts, and what is sent upstream. */
export function plainTextOf(parts: readonly StoredPart[]): string {
  return parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/** Parts for an answer: its reasoning (when it thought) before its text. */
export function answerParts({ text, reasoning }: { text: string; reasoning: string }): StoredPart[] {
  const parts: StoredPart[] = [];
  if (reasoning) parts.push({ type: "reasoning", text: reasoning });
  if (text) parts.push({ type: "text", text });
  return parts;
}
