"use client";

import "@/lib/contract/zod-browser"; // first: before the AI SDK builds any schema (see there)
import { Chat } from "@ai-sdk/react";
import { DefaultChatTransport, type ChatInit, type HttpChatTransportInitOptions } from "ai";
import type { ChatUIMessage } from "@/lib/contract";

/**
 * The part of the chat that runs answers: the AI SDK's Chat (with zod, which it checks the stream
 * with). A chunk of its own, loaded right after the page (components/chat/lazy-chat.ts), so the
 * conversation shows and the composer takes typing before it has arrived.
 */

/**
 * The chat transport: a request carries only the new prompt (or which prompt to answer again),
 * the message it follows, the model and the mode; the server holds the tree. When a reload or a
 * second tab asks to follow an answer that has just ended (204), `onNothingToFollow` fires so the
 * saved answer can be read instead.
 */
class ChatTransport extends DefaultChatTransport<ChatUIMessage> {
  onNothingToFollow: () => void = () => {};

  override async reconnectToStream(options: Parameters<DefaultChatTransport<ChatUIMessage>["reconnectToStream"]>[0]) {
    const stream = await super.reconnectToStream(options);
    if (stream === null) this.onNothingToFollow();
    return stream;
  }
}

export type ChatClient = Chat<ChatUIMessage>;

export interface ChatClientOptions extends Pick<ChatInit<ChatUIMessage>, "id" | "messages" | "onData" | "onFinish" | "onError"> {
  prepareSendMessagesRequest: NonNullable<HttpChatTransportInitOptions<ChatUIMessage>["prepareSendMessagesRequest"]>;
  onNothingToFollow: () => void;
}

export function createChat({ prepareSendMessagesRequest, onNothingToFollow, ...init }: ChatClientOptions): ChatClient {
  const transport = new ChatTransport({ api: "/api/chat", prepareSendMessagesRequest });
  transport.onNothingToFollow = onNothingToFollow;
  return new Chat<ChatUIMessage>({ ...init, transport });
}

/**
 * Follows a running answer once the chat is there, and again when the page comes back into view
 * after its stream dropped in the background: what useChat's `resume` does (@ai-sdk/react), for
 * a chat made outside it. Returns the clean-up.
 */
export function resumeAutomatically(chat: ChatClient): () => void {
  const resumeIfDisconnected = (chat as unknown as { "~resumeStreamIfDisconnected": (options: { shouldResume: () => boolean }) => Promise<void> })[
    "~resumeStreamIfDisconnected"
  ];
  let active = true;
  let pending: Promise<void> | null = null;
  const onVisibilityChange = () => {
    if (document.visibilityState !== "visible" || pending) return;
    const clear = () => {
      pending = null;
    };
    pending = resumeIfDisconnected({ shouldResume: () => active && document.visibilityState === "visible" }).then(clear, clear);
  };
  document.addEventListener("visibilitychange", onVisibilityChange);
  if (chat.status !== "submitted" && chat.status !== "streaming") void chat.resumeStream();
  return () => {
    active = false;
    document.removeEventListener("visibilitychange", onVisibilityChange);
  };
}
