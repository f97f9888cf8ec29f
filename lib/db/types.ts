// Value sets of the string columns (the schema keeps them as plain strings so it stays portable
// between SQLite and PostgreSQL) and the row types the query functions return.
import { z } from "zod";
import type { Conversation as ConversationModel, Message as MessageModel } from "./generated/client";

export const MESSAGE_ROLES = ["user", "assistant"] as const;
export const messageRoleSchema = z.enum(MESSAGE_ROLES);
export type MessageRole = z.infer<typeof messageRoleSchema>;

export const MESSAGE_STATUSES = ["streaming", "complete", "stopped", "error", "interrupted"] as const;
export const messageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** Statuses an assistant message can end in. */
export const FINAL_MESSAGE_STATUSES = ["complete", "stopped", "error", "interrupted"] as const;
export const finalMessageStatusSchema = z.enum(FINAL_MESSAGE_STATUSES);
export type FinalMessageStatus = z.infer<typeof finalMessageStatusSchema>;

export const TITLE_SOURCES = ["auto", "user"] as const;
export const titleSourceSchema = z.enum(TITLE_SOURCES);
export type TitleSource = z.infer<typeof titleSourceSchema>;

/** A conversation row with its string unions narrowed. `model`/`mode` are catalogue keys. */
export type Conversation = Omit<ConversationModel, "titleSource"> & { titleSource: TitleSource };

/** A message row with its string unions narrowed. */
export type Message = Omit<MessageModel, "role" | "status"> & { role: MessageRole; status: MessageStatus };

export function toConversation(row: ConversationModel): Conversation {
  return { ...row, titleSource: titleSourceSchema.parse(row.titleSource) };
}

export function toMessage(row: MessageModel): Message {
  return { ...row, role: messageRoleSchema.parse(row.role), status: messageStatusSchema.parse(row.status) };
}

/** Thrown when a row does not exist or belongs to another user (the two are not told apart). */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}
