// The row types the query functions return, with their string columns narrowed to the value
// sets of lib/contract and the message parts parsed.
import {
  messageRoleSchema,
  messageStatusSchema,
  storedPartsSchema,
  titleSourceSchema,
  type MessageRole,
  type MessageStatus,
  type StoredPart,
  type TitleSource,
} from "@/lib/contract";
import type { Conversation as ConversationModel, Message as MessageModel } from "./generated/client";

/** A conversation row with its string unions narrowed. `model`/`mode` are catalogue keys. */
export type Conversation = Omit<ConversationModel, "titleSource"> & { titleSource: TitleSource };

/** A message row with its string unions narrowed and its parts parsed. */
export type Message = Omit<MessageModel, "role" | "status" | "parts"> & {
  role: MessageRole;
  status: MessageStatus;
  parts: StoredPart[];
};

export function toConversation(row: ConversationModel): Conversation {
  return { ...row, titleSource: titleSourceSchema.parse(row.titleSource) };
}

export function toMessage(row: MessageModel): Message {
  return {
    ...row,
    role: messageRoleSchema.parse(row.role),
    status: messageStatusSchema.parse(row.status),
    parts: storedPartsSchema.parse(JSON.parse(row.parts)),
  };
}

/** Thrown when a row does not exist or belongs to another user (the two are not told apart). */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}
