import type { Db } from "@/lib/db/client";
import { listMessages, selectVersion } from "@/lib/db/messages";

/**
 * Makes `messageId` part of the path shown: it and each of its ancestors become the selected
 * version of their sibling group (the choices below it stay as they were). False when the
 * message is not in the user's conversation.
 */
export async function revealMessage({
  db,
  userId,
  conversationId,
  messageId,
}: {
  db: Db;
  userId: string;
  conversationId: string;
  messageId: string;
}): Promise<boolean> {
  const messages = await listMessages({ db, userId, conversationId });
  const byId = new Map(messages.map((message) => [message.id, message]));
  let node = byId.get(messageId);
  if (!node) return false;
  while (node) {
    if (!node.selected) await selectVersion({ db, userId, conversationId, messageId: node.id, version: node.seq });
    node = node.parentId ? byId.get(node.parentId) : undefined;
  }
  return true;
}
