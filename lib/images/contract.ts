// What the browser and the server share about an uploaded image. No server code here.
import { z } from "zod";

export const imageInfoSchema = z.object({
  attachmentId: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Estimated input tokens (see formats.ts). */
  tokens: z.number().int().nonnegative(),
});
export type ImageInfo = z.infer<typeof imageInfoSchema>;

export { imageUrl } from "./url";
