import "server-only";
import type { ChatUIMessage } from "@/lib/contract";
import type { Db } from "@/lib/db/client";
import { deleteConversation, getConversation, listMessages, selectVersion } from "@/lib/db/queries";
import { blobStore, type BlobStore } from "@/lib/storage";
import { toUIPath } from "./history";
import { stopConversation } from "./registry";

/** The selected path of an owned conversation as the browser shows it; null when not found. */
export async function conversationPath({
  db,
  userId,
  conversationId,
}: {
  db: Db;
  userId: string;
  conversationId: string;
}): Promise<ChatUIMessage[] | null> {
  const conversation = await getConversation({ db, userId, id: conversationId });
  if (!conversation) return null;
  return toUIPath(await listMessages({ db, userId, conversationId }));
}

/** Shows another version of a message, and returns the path that follows from it (null when not found). */
export async function switchVersion(args: {
  db: Db;
  userId: string;
  conversationId: string;
  messageId: string;
  version: number;
}): Promise<ChatUIMessage[] | null> {
  const switched = await selectVersion(args);
  return switched ? conversationPath(args) : null;
}

/** Deletes a conversation (and the images only it carried); an answer still running in it is stopped (and stops spending) first. */
export async function removeConversation({
  db,
  store = blobStore(),
  userId,
  conversationId,
}: {
  db: Db;
  store?: BlobStore;
  userId: string;
  conversationId: string;
}): Promise<boolean> {
  await stopConversation({ userId, conversationId });
  return deleteConversation({ db, store, userId, id: conversationId });
}
