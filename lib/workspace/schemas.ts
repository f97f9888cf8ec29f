import { z } from "zod";
import { clientIdSchema } from "@/lib/contract";

/** Request bodies of the folder and placement routes (browser and server share them). */
export const folderNameSchema = z.object({
  name: z.string().trim().min(1, "The folder name is empty").max(60, "The folder name is too long (60 characters at most)"),
});

/** Pin or unpin a conversation, and/or move it to a folder (null: out of any folder). */
export const placementSchema = z
  .object({ pinned: z.boolean().optional(), folderId: clientIdSchema.nullable().optional() })
  .refine((value) => value.pinned !== undefined || value.folderId !== undefined, "Say what to change: pinned or folderId");
