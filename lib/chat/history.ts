import type { ModelMessage } from "ai";
import type { ChatUIMessage } from "@/lib/contract";
import { toUIMessage, type PathMessage } from "./answer-record";
import { selectedPath, type TreeNode } from "./message-tree";

/** The fields of a stored message the history needs (a Message row fits). */
export interface HistoryMessage {
  role: string;
  content: string;
  status: string;
  /** A prompt's images, read from storage for a vision model (lib/images/service.ts). */
  images?: ReadonlyArray<{ name: string; mediaType: string; data: Uint8Array }>;
}

/**
 * The history sent upstream: the messages of the selected path, in order. The API is stateless,
 * so it is the whole path; earlier reasoning is left out (DeepSeek ignores it without tool
 * calls) and so are failed answers that produced nothing. Stopped and interrupted answers are
 * sent as far as they got.
 */
export function toModelMessages(path: readonly HistoryMessage[]): ModelMessage[] {
  const messages: ModelMessage[] = [];
  for (const row of path) {
    if (row.role === "user" && row.images && row.images.length > 0) {
      // Images before the words; the provider sends each as an image_url block with a data URL.
      const images = row.images.map((image) => ({ type: "file" as const, data: image.data, mediaType: image.mediaType, filename: image.name }));
      messages.push({ role: "user", content: [...images, { type: "text", text: row.content }] });
    } else if (row.role === "user") messages.push({ role: "user", content: row.content });
    else if (row.role === "assistant" && row.content.trim() !== "" && row.status !== "streaming") {
      messages.push({ role: "assistant", content: row.content });
    }
  }
  return messages;
}

/** The selected path of a conversation's messages, as the browser's chat shows it. */
export function toUIPath<T extends PathMessage & TreeNode>(messages: readonly T[]): ChatUIMessage[] {
  return selectedPath(messages).map((step) => toUIMessage(step.message, step.version));
}

/** The selected path up to and including `lastId` (the prompt being answered). */
export function pathTo<T extends TreeNode>(messages: readonly T[], lastId: string): T[] {
  const path = selectedPath(messages).map((step) => step.message);
  const end = path.findIndex((message) => message.id === lastId);
  return end === -1 ? [] : path.slice(0, end + 1);
}
