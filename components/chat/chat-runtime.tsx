"use client";

import "@/lib/contract/zod-browser"; // first: before the AI SDK builds any schema (see there)
import { useChat, type UseChatHelpers } from "@ai-sdk/react";
import { DefaultChatTransport, type ChatInit, type HttpChatTransportInitOptions } from "ai";
import { useLayoutEffect, useMemo, useRef } from "react";
import type { ChatUIMessage } from "@/lib/contract";

/**
 * The part of the chat that runs answers: the AI SDK's useChat (with zod, which it validates the
 * stream with). A chunk of its own, loaded right after the page (components/chat/lazy-chat.ts),
 * so the conversation shows and the composer takes typing before it has arrived.
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

export type ChatHelpers = UseChatHelpers<ChatUIMessage>;
type Callbacks = ChatInit<ChatUIMessage>;

export interface ChatBridgeProps {
  id: string;
  /** The messages when the chat starts (the page's, or what was set before this arrived). */
  messages: ChatUIMessage[];
  resume: boolean;
  prepareSendMessagesRequest: NonNullable<HttpChatTransportInitOptions<ChatUIMessage>["prepareSendMessagesRequest"]>;
  onNothingToFollow: () => void;
  onData: Callbacks["onData"];
  onFinish: Callbacks["onFinish"];
  onError: Callbacks["onError"];
  /** Hands useChat's state and actions to the chat view after each render. */
  publish: (chat: ChatHelpers) => void;
}

/** Runs useChat and reports it; renders nothing. */
export function ChatBridge(props: ChatBridgeProps) {
  const prepare = useRef(props.prepareSendMessagesRequest);
  prepare.current = props.prepareSendMessagesRequest;
  const transport = useMemo(
    () => new ChatTransport({ api: "/api/chat", prepareSendMessagesRequest: (options) => prepare.current(options) }),
    [],
  );
  transport.onNothingToFollow = props.onNothingToFollow;
  const chat = useChat<ChatUIMessage>({
    id: props.id,
    messages: props.messages,
    resume: props.resume,
    transport,
    experimental_throttle: 40,
    onData: props.onData,
    onFinish: props.onFinish,
    onError: props.onError,
  });
  const { publish } = props;
  useLayoutEffect(() => publish(chat));
  return null;
}
