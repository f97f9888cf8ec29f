// The image attachments that go with a conversation when it is deleted: those its prompts carry
// and no other conversation of the same owner does (a comparison's prompt continued as a chat, or
// a conversation imported from an export, point at the same attachment). Documents are never
// among them: they belong to the Documents library, not to a conversation.
import type { Db } from "./client";

/** How a stored parts column spells an image's figures; a cheap prefilter before parsing. */
const IMAGE_MARK = '"image":{';

/** The attachment ids of the image file parts in `parts` (a message's stored JSON). */
export function imageAttachmentIds(parts: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(parts);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((part: unknown) => {
    if (!part || typeof part !== "object") return [];
    const { type, attachmentId, image } = part as { type?: unknown; attachmentId?: unknown; image?: unknown };
    return type === "file" && typeof attachmentId === "string" && image ? [attachmentId] : [];
  });
}

/**
 * The ids of the owner's image attachments that only conversation `id` refers to. One query on
 * the conversation's messages, and a second only when they carry images.
 */
export async function imagesOnlyIn({ db, userId, id }: { db: Db; userId: string; id: string }): Promise<string[]> {
  const own = await db.message.findMany({
    where: { conversationId: id, conversation: { userId }, role: "user", parts: { contains: IMAGE_MARK } },
    select: { parts: true },
  });
  const candidates = new Set(own.flatMap((row) => imageAttachmentIds(row.parts)));
  if (candidates.size === 0) return [];
  const elsewhere = await db.message.findMany({
    where: {
      conversationId: { not: id },
      conversation: { userId },
      role: "user", // images only ever come with prompts
      OR: [...candidates].map((attachmentId) => ({ parts: { contains: attachmentId } })),
    },
    select: { parts: true },
  });
  // Any mention keeps it: a false match only leaves a file on disk, a missed one would break a chat.
  for (const attachmentId of [...candidates]) if (elsewhere.some((row) => row.parts.includes(attachmentId))) candidates.delete(attachmentId);
  return [...candidates];
}
