// All owner-scoped queries in one import. Every function takes a single object argument.
export * from "./users";
export * from "./conversations";
export * from "./messages";
export * from "./turns";
export * from "./attachments";
export { NotFoundError } from "./types";
export type { Conversation, Message } from "./types";
export * from "./comparisons";
