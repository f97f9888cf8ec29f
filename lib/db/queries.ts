// All owner-scoped queries in one import. Every function takes a single object argument.
export * from "./users";
export * from "./conversations";
export * from "./messages";
export { NotFoundError } from "./types";
export type { Conversation, Message, MessageRole, MessageStatus, FinalMessageStatus, TitleSource } from "./types";
