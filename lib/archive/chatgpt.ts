// ChatGPT's data export (`conversations.json` in the zip from Settings → Data controls → Export):
// an array of conversations, each a tree of nodes in `mapping` (node id → {message, parent,
// children}) with `current_node` the leaf of the path shown. Messages have `author.role`
// (user, assistant, system, tool), `content.content_type` ("text", "multimodal_text", "code", …)
// with `parts`, and `create_time` in seconds.
//
// Turned into archive conversations: user and assistant messages with text become the tree
// (system, tool and hidden messages are left out, their children kept); consecutive answers
// (an answer, a tool call, more answer) become one answer; branches become versions, and the
// path ChatGPT showed is the path selected here.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { NO_FIGURES } from "@/lib/chat/answer-record";
import type { ArchivedConversation, ArchivedMessage } from "./format";

const chatgptMessageSchema = z.object({
  author: z.object({ role: z.string() }),
  create_time: z.number().nullable().optional(),
  content: z.looseObject({ content_type: z.string(), parts: z.array(z.unknown()).optional(), text: z.string().optional() }),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  recipient: z.string().nullable().optional(),
});

const chatgptNodeSchema = z.object({
  message: chatgptMessageSchema.nullable().optional(),
  parent: z.string().nullable().optional(),
  children: z.array(z.string()).default([]),
});

const chatgptConversationSchema = z.object({
  id: z.string().optional(),
  conversation_id: z.string().optional(),
  title: z.string().nullable().optional(),
  create_time: z.number().nullable().optional(),
  update_time: z.number().nullable().optional(),
  mapping: z.record(z.string(), chatgptNodeSchema),
  current_node: z.string().nullable().optional(),
});

export const chatgptExportSchema = z.array(chatgptConversationSchema).min(1).max(100_000);
export type ChatGptExport = z.infer<typeof chatgptExportSchema>;
type ChatGptConversation = z.infer<typeof chatgptConversationSchema>;
type ChatGptMessage = z.infer<typeof chatgptMessageSchema>;

/** True when the JSON looks like ChatGPT's export (an array of objects with a `mapping`). */
export function looksLikeChatGpt(json: unknown): boolean {
  return Array.isArray(json) && json.length > 0 && typeof json[0] === "object" && json[0] !== null && "mapping" in json[0];
}

function textOf(message: ChatGptMessage): string {
  const { content } = message;
  if (content.content_type === "code" && typeof content.text === "string") return `\`\`\`\n${content.text}\n\`\`\``;
  if (content.content_type !== "text" && content.content_type !== "multimodal_text") return "";
  return (content.parts ?? [])
    .map((part) => (typeof part === "string" ? part : part && typeof part === "object" && "content_type" in part ? "[image]" : ""))
    .filter(Boolean)
    .join("\n")
    .trim();
}

function visible(message: ChatGptMessage | null | undefined): message is ChatGptMessage {
  if (!message) return false;
  const role = message.author.role;
  if (role !== "user" && role !== "assistant") return false;
  if (message.metadata?.is_visually_hidden_from_conversation === true) return false;
  if (message.recipient && message.recipient !== "all") return false;
  return textOf(message) !== "";
}

const seconds = (value: number | null | undefined, fallback: Date): Date => (typeof value === "number" && Number.isFinite(value) ? new Date(value * 1000) : fallback);

interface Draft {
  id: string;
  parentId: string | null;
  role: "user" | "assistant";
  text: string;
  createdAt: Date;
  order: number;
}

/** One ChatGPT conversation as an archive conversation (new ids), or null when it has no text. */
export function convertChatGptConversation(conversation: ChatGptConversation, now: Date): { sourceId: string; conversation: ArchivedConversation } | null {
  const created = seconds(conversation.create_time, now);
  const updated = seconds(conversation.update_time, created);
  const { mapping } = conversation;

  // Walk from the roots (nodes without a known parent), parents before children.
  const roots = Object.keys(mapping).filter((key) => {
    const parent = mapping[key]?.parent;
    return !parent || !(parent in mapping);
  });
  /** Raw node id → the draft message it became part of (null: none; its children attach higher). */
  const identity = new Map<string, string | null>();
  const drafts = new Map<string, Draft>();
  let order = 0;
  const queue: Array<{ key: string; parent: string | null }> = roots.map((key) => ({ key, parent: null }));
  while (queue.length > 0) {
    const { key, parent } = queue.shift()!;
    if (identity.has(key)) continue; // a cycle or a repeated child: visit once
    const node = mapping[key];
    if (!node) continue;
    let self: string | null = parent;
    const message = node.message;
    if (visible(message)) {
      const role = message.author.role as "user" | "assistant";
      const above = parent ? drafts.get(parent) : undefined;
      if (above && above.role === role) {
        above.text += `\n\n${textOf(message)}`;
        self = above.id;
      } else if (role === "assistant" && !above) {
        self = parent; // an answer before any prompt has nowhere to go
      } else {
        const id = randomUUID();
        drafts.set(id, { id, parentId: parent, role, text: textOf(message), createdAt: seconds(message.create_time, created), order: order++ });
        self = id;
      }
    }
    identity.set(key, self);
    for (const child of node.children) queue.push({ key: child, parent: self });
  }
  if (drafts.size === 0) return null;

  // The path ChatGPT showed: current_node and its ancestors.
  const onPath = new Set<string>();
  for (let key = conversation.current_node ?? null; key && mapping[key]; key = mapping[key]?.parent ?? null) {
    const id = identity.get(key);
    if (id) onPath.add(id);
    if (onPath.size > drafts.size + 1) break;
  }

  const groups = new Map<string, Draft[]>();
  for (const draft of drafts.values()) {
    const group = `${draft.parentId ?? ""}|${draft.role}`;
    groups.set(group, [...(groups.get(group) ?? []), draft]);
  }
  const messages: ArchivedMessage[] = [];
  for (const siblings of groups.values()) {
    siblings.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.order - b.order);
    const chosen = siblings.find((draft) => onPath.has(draft.id)) ?? siblings[siblings.length - 1];
    siblings.forEach((draft, index) => messages.push(archivedFrom(draft, index + 1, draft === chosen)));
  }
  const sourceId = conversation.conversation_id ?? conversation.id ?? `${conversation.title ?? ""}@${conversation.create_time ?? ""}`;
  return {
    sourceId,
    conversation: {
      id: randomUUID(),
      title: (conversation.title ?? "").trim().slice(0, 120) || "Imported from ChatGPT",
      titleSource: "user",
      model: "flash",
      mode: "non-think",
      createdAt: created.toISOString(),
      updatedAt: updated.toISOString(),
      pinnedAt: null,
      folderId: null,
      messages,
    },
  };
}

function archivedFrom(draft: Draft, seq: number, selected: boolean): ArchivedMessage {
  const at = draft.createdAt.toISOString();
  return {
    id: draft.id,
    parentId: draft.parentId,
    seq,
    selected,
    lane: 0,
    role: draft.role,
    parts: [{ type: "text", text: draft.text }],
    content: draft.text,
    status: "complete",
    // Written elsewhere: no run of ours, so no model, mode or figures.
    model: null,
    modelId: null,
    mode: null,
    effectiveMode: null,
    modeNotice: null,
    backend: null,
    ...NO_FIGURES,
    createdAt: at,
    updatedAt: at,
  };
}
