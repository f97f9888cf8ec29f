import type { ChatUIMessage } from "@/lib/contract";

export function textOf(message: ChatUIMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

export function reasoningOf(message: ChatUIMessage): string {
  return message.parts.map((part) => (part.type === "reasoning" ? part.text : "")).join("");
}

/** The documents a prompt carries (its file parts that were read as documents), for the request. */
export function documentIdsOf(message: ChatUIMessage): { documentIds?: string[] } {
  const ids = message.parts.flatMap((part) => (part.type === "data-file" && part.data.document ? [part.data.document.id] : []));
  return ids.length > 0 ? { documentIds: ids } : {};
}

/** The images a prompt carries (its file parts that are images), for the request. */
export function imageIdsOf(message: ChatUIMessage): { imageIds?: string[] } {
  const ids = message.parts.flatMap((part) => (part.type === "data-file" && part.data.image ? [part.data.attachmentId] : []));
  return ids.length > 0 ? { imageIds: ids } : {};
}

/** A message's attachment parts, to send again with an edit or a retry. */
export function fileParts(message: ChatUIMessage): Array<Extract<ChatUIMessage["parts"][number], { type: "data-file" }>> {
  return message.parts.flatMap((part) => (part.type === "data-file" ? [part] : []));
}
