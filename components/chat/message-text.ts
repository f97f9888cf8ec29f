import type { ChatUIMessage } from "@/lib/contract";

export function textOf(message: ChatUIMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

export function reasoningOf(message: ChatUIMessage): string {
  return message.parts.map((part) => (part.type === "reasoning" ? part.text : "")).join("");
}
