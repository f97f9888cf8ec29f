// The contract between the server and the browser: value sets, the messages the browser shows,
// and the request bodies it sends. Safe to import from client components; everything that runs
// the chat (lib/chat engine, lib/db, lib/ai/backends, lib/server) is server-only.
export * from "./backend";
export * from "./enums";
export * from "./messages";
export * from "./parts";
export * from "./requests";
