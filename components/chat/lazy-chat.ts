"use client";

import { createElement, useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { ChatUIMessage } from "@/lib/contract";
import type { ChatBridgeProps, ChatHelpers } from "./chat-runtime";

type Runtime = typeof import("./chat-runtime");

let runtime: Runtime | null = null;
let loading: Promise<Runtime> | null = null;

/** Fetches the chat's runtime (the AI SDK and zod) once; later chats find it loaded. */
export function loadChatRuntime(): Promise<Runtime> {
  loading ??= import("./chat-runtime").then((module) => (runtime = module));
  return loading;
}

export type ChatStatus = ChatHelpers["status"];
export type LazyChatOptions = Omit<ChatBridgeProps, "publish">;

export interface LazyChat {
  messages: ChatUIMessage[];
  status: ChatStatus;
  error: Error | undefined;
  setMessages: (messages: ChatUIMessage[]) => void;
  sendMessage: ChatHelpers["sendMessage"];
  regenerate: ChatHelpers["regenerate"];
  resumeStream: ChatHelpers["resumeStream"];
  stop: () => Promise<void>;
  clearError: () => void;
  /** Renders the runtime once it is there: put it anywhere in the view. */
  bridge: ReactNode;
}

/**
 * The AI SDK's useChat, loaded after the page rather than with it: the first load carries the
 * messages and the controls, and the runtime follows at once (components/chat/chat-runtime.tsx).
 * Until it is there the chat is idle with the page's messages; an action taken in that moment
 * (sending, following a running answer) waits for it, and messages set meanwhile start the chat.
 */
export function useLazyChat(options: LazyChatOptions): LazyChat {
  const [loaded, setLoaded] = useState<Runtime | null>(() => runtime);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    void loadChatRuntime().then((module) => live && setLoaded(() => module));
    return () => {
      live = false;
    };
  }, [loaded]);

  const [state, setState] = useState<{ messages: ChatUIMessage[]; status: ChatStatus; error: Error | undefined }>({
    messages: options.messages,
    status: "ready",
    error: undefined,
  });
  const startMessages = useRef(options.messages);
  const helpers = useRef<ChatHelpers | null>(null);
  const waiting = useRef<((chat: ChatHelpers) => void)[]>([]);

  const publish = useCallback((chat: ChatHelpers) => {
    helpers.current = chat;
    for (const resolve of waiting.current.splice(0)) resolve(chat);
    setState((current) =>
      current.messages === chat.messages && current.status === chat.status && current.error === chat.error
        ? current
        : { messages: chat.messages, status: chat.status, error: chat.error },
    );
  }, []);

  const ready = useCallback(
    (): Promise<ChatHelpers> => (helpers.current ? Promise.resolve(helpers.current) : new Promise((resolve) => waiting.current.push(resolve))),
    [],
  );
  const setMessages = useCallback((messages: ChatUIMessage[]) => {
    if (helpers.current) return helpers.current.setMessages(messages);
    startMessages.current = messages;
    setState((current) => ({ ...current, messages }));
  }, []);
  const sendMessage = useCallback<ChatHelpers["sendMessage"]>((...args) => ready().then((chat) => chat.sendMessage(...args)), [ready]);
  const regenerate = useCallback<ChatHelpers["regenerate"]>((...args) => ready().then((chat) => chat.regenerate(...args)), [ready]);
  const resumeStream = useCallback<ChatHelpers["resumeStream"]>((...args) => ready().then((chat) => chat.resumeStream(...args)), [ready]);
  // Before the runtime is there nothing runs, so there is nothing to stop and no error to clear.
  const stop = useCallback(async () => helpers.current?.stop(), []);
  const clearError = useCallback(() => helpers.current?.clearError(), []);

  const bridge = loaded ? createElement(loaded.ChatBridge, { ...options, messages: startMessages.current, publish }) : null;
  return { ...state, setMessages, sendMessage, regenerate, resumeStream, stop, clearError, bridge };
}
