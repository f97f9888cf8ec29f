"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatUIMessage } from "@/lib/contract";
import type { ChatClient, ChatClientOptions } from "./chat-runtime";

type Runtime = typeof import("./chat-runtime");

let runtime: Runtime | null = null;
let loading: Promise<Runtime> | null = null;

/** Fetches the chat's runtime (the AI SDK and zod) once; later chats find it loaded. */
export function loadChatRuntime(): Promise<Runtime> {
  loading ??= import("./chat-runtime").then((module) => (runtime = module));
  return loading;
}

export type ChatStatus = ChatClient["status"];
export type LazyChatOptions = ChatClientOptions & { id: string; messages: ChatUIMessage[]; resume: boolean };

export interface LazyChat {
  messages: ChatUIMessage[];
  status: ChatStatus;
  error: Error | undefined;
  setMessages: (messages: ChatUIMessage[]) => void;
  sendMessage: ChatClient["sendMessage"];
  regenerate: ChatClient["regenerate"];
  resumeStream: ChatClient["resumeStream"];
  stop: () => Promise<void>;
  clearError: () => void;
}

/** Same throttle as before: message updates reach React at most every 40 ms while streaming. */
const THROTTLE_MS = 40;

/**
 * What the AI SDK's useChat gives, with its runtime loaded after the page rather than with it:
 * the first load carries the messages and the controls, and the runtime follows at once
 * (components/chat/chat-runtime.ts). Until it is there the chat is idle with the page's messages;
 * an action taken in that moment (sending, following a running answer) waits for it, and messages
 * set meanwhile start the chat. Once there, state and actions go straight to the AI SDK's Chat,
 * subscribed to as useChat does.
 */
export function useLazyChat(options: LazyChatOptions): LazyChat {
  const latest = useRef(options);
  latest.current = options;
  const startMessages = useRef(options.messages);
  const [snapshot, setSnapshot] = useState<{ messages: ChatUIMessage[]; status: ChatStatus; error: Error | undefined }>({
    messages: options.messages,
    status: "ready",
    error: undefined,
  });

  const create = useCallback(
    (module: Runtime) =>
      module.createChat({
        id: latest.current.id,
        messages: startMessages.current,
        prepareSendMessagesRequest: (request) => latest.current.prepareSendMessagesRequest(request),
        onNothingToFollow: () => latest.current.onNothingToFollow(),
        onData: (part) => latest.current.onData?.(part),
        onFinish: (result) => latest.current.onFinish?.(result),
        onError: (error) => latest.current.onError?.(error),
      }),
    [],
  );
  // Made at once when the runtime is already there (a chat opened after another).
  const [chat, setChat] = useState<ChatClient | null>(() => (runtime ? create(runtime) : null));
  const current = useRef(chat);
  current.current = chat;
  const waiting = useRef<((chat: ChatClient) => void)[]>([]);

  useEffect(() => {
    if (chat) return;
    let live = true;
    void loadChatRuntime().then((module) => {
      if (live) setChat(create(module));
    });
    return () => {
      live = false;
    };
  }, [chat, create]);

  useEffect(() => {
    if (!chat) return;
    for (const resolve of waiting.current.splice(0)) resolve(chat);
    let subscribed = true;
    const publish = () => {
      if (!subscribed) return;
      setSnapshot((now) =>
        now.messages === chat.messages && now.status === chat.status && now.error === chat.error
          ? now
          : { messages: chat.messages, status: chat.status, error: chat.error },
      );
    };
    const unsubscribes = [
      chat["~registerMessagesCallback"](publish, THROTTLE_MS),
      chat["~registerStatusCallback"](publish),
      chat["~registerErrorCallback"](publish),
    ];
    publish();
    return () => {
      subscribed = false;
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [chat]);
  // Leaving the conversation ends this tab's reading of a running answer (the server goes on).
  useEffect(() => {
    if (!chat) return;
    return () => void chat.stop();
  }, [chat]);
  const resume = options.resume;
  useEffect(() => {
    if (chat && resume && runtime) return runtime.resumeAutomatically(chat);
  }, [chat, resume]);

  /** Resolves with the chat once the runtime has made it. */
  const ready = useCallback((): Promise<ChatClient> => new Promise((resolve) => waiting.current.push(resolve)), []);
  const setMessages = useCallback((messages: ChatUIMessage[]) => {
    if (current.current) {
      current.current.messages = messages;
      return;
    }
    startMessages.current = messages;
    setSnapshot((now) => ({ ...now, messages }));
  }, []);
  // Once the chat is there, actions reach it at once, as they would without the wait.
  const sendMessage = useCallback<ChatClient["sendMessage"]>(
    (...args) => (current.current ? current.current.sendMessage(...args) : ready().then((made) => made.sendMessage(...args))),
    [ready],
  );
  const regenerate = useCallback<ChatClient["regenerate"]>(
    (...args) => (current.current ? current.current.regenerate(...args) : ready().then((made) => made.regenerate(...args))),
    [ready],
  );
  const resumeStream = useCallback<ChatClient["resumeStream"]>(
    (...args) => (current.current ? current.current.resumeStream(...args) : ready().then((made) => made.resumeStream(...args))),
    [ready],
  );
  // Before the runtime is there nothing runs, so there is nothing to stop and no error to clear.
  const stop = useCallback(async () => current.current?.stop(), []);
  const clearError = useCallback(() => current.current?.clearError(), []);

  return { ...snapshot, setMessages, sendMessage, regenerate, resumeStream, stop, clearError };
}
