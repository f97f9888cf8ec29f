"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ModelKey } from "@/lib/ai/catalogue";
import type { ReasoningMode } from "@/lib/ai/modes";
import type { ChatRequest, ChatUIMessage, UpstreamRetry } from "@/lib/contract";
import { PATH_WINDOW } from "@/lib/chat/path-window";
import { useLazyChat } from "./lazy-chat";
import { documentIdsOf, fileParts, imageIdsOf, textOf } from "./message-text";
import { pageIdHeaders } from "./page-id";
import { onServerChange } from "./server-changes";

/** The channel tabs of one browser use to tell each other a conversation changed. */
export const TABS_CHANNEL = "v4chat:tabs";
export type TabsMessage = { type: "conversation"; conversationId: string } | { type: "list" };

/**
 * The AI SDK's chat (its runtime loaded after the page: lazy-chat.ts) wired to /api/chat, plus
 * the conversation's tree: versions are switched on the server and the path it answers replaces
 * the local one. Stop asks the server to stop (the generation outlives the request).
 */
export function useChatSession({
  conversationId,
  initialMessages,
  initialEarlier = 0,
  settings,
  onTitle,
  onSettled,
}: {
  conversationId: string;
  initialMessages: ChatUIMessage[];
  /** Messages on the path before `initialMessages`, not loaded yet. */
  initialEarlier?: number;
  settings: { model: ModelKey; mode: ReasoningMode };
  onTitle: (title: string) => void;
  onSettled: () => void;
}) {
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const callbacks = useRef({ onTitle, onSettled });
  callbacks.current = { onTitle, onSettled };
  const [switching, setSwitching] = useState(false);
  const [earlier, setEarlier] = useState(initialEarlier);
  const earlierRef = useRef(earlier);
  earlierRef.current = earlier;
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  /** The running answer's upstream call is being tried again (shown while nothing has arrived). */
  const [upstreamRetry, setUpstreamRetry] = useState<UpstreamRetry | null>(null);

  // An answer still being generated when the page loaded: follow it (GET /api/chat/[id]/stream).
  const [resume] = useState(() => initialMessages[initialMessages.length - 1]?.metadata?.status === "streaming");

  // The request carries only the new prompt (or which prompt to answer again), the message it
  // follows, the model and the mode; the server holds the tree.
  const chat = useLazyChat({
    id: conversationId,
    messages: initialMessages,
    resume,
    prepareSendMessagesRequest: ({ id, messages, trigger }) => {
      const last = messages[messages.length - 1];
      const { model, mode } = settingsRef.current;
      if (!last) throw new Error("nothing to send");
      const body: ChatRequest =
        trigger === "regenerate-message"
          ? { trigger: "regenerate", conversationId: id, model, mode, parentId: last.id }
          : {
              trigger: "submit",
              conversationId: id,
              model,
              mode,
              parentId: messages[messages.length - 2]?.id ?? null,
              message: { id: last.id, text: textOf(last), ...documentIdsOf(last), ...imageIdsOf(last) },
            };
      return { body, headers: pageIdHeaders() };
    },
    // A reload or a second tab asked to follow an answer that has just ended: read the saved one.
    onNothingToFollow: () => void reload(),
    onData: (part) => {
      if (part.type === "data-title") callbacks.current.onTitle(part.data.title);
      if (part.type === "data-retry") setUpstreamRetry(part.data);
    },
    onFinish: ({ isError, isAbort }) => {
      callbacks.current.onSettled();
      // The server's path has the real ids and version counts (an edit made a new sibling).
      if (!isError && !isAbort) void reload();
    },
    onError: () => callbacks.current.onSettled(),
  });
  const { setMessages, resumeStream } = chat;
  const statusRef = useRef(chat.status);
  statusRef.current = chat.status;

  /** Counts what this tab starts (send, edit, regenerate, retry, version switch, earlier turns). */
  const ownActions = useRef(0);
  const sendMessage: typeof chat.sendMessage = (...args) => {
    ownActions.current += 1;
    return chat.sendMessage(...args);
  };

  const messageCount = useRef(initialMessages.length);
  messageCount.current = chat.messages.length;

  /**
   * The conversation's path as the server has it, or null (not found, offline): as many of its
   * last messages as this tab shows (`extra` more), and the count of those before them.
   */
  const fetchWindow = useCallback(
    async (extra = 0): Promise<{ messages: ChatUIMessage[]; earlier: number } | null> => {
      try {
        const last = Math.max(PATH_WINDOW, messageCount.current + extra);
        const response = await fetch(`/api/conversations/${conversationId}/messages?last=${last}`, { cache: "no-store" });
        if (!response.ok) return null;
        return (await response.json()) as { messages: ChatUIMessage[]; earlier: number };
      } catch {
        return null;
      }
    },
    [conversationId],
  );
  const fetchPath = useCallback(async (): Promise<ChatUIMessage[] | null> => {
    const window = await fetchWindow();
    if (!window) return null;
    setEarlier(window.earlier);
    return window.messages;
  }, [fetchWindow]);

  /** Reads the conversation's path from the server; retried while the answer is still being saved. */
  const reload = useCallback(async () => {
    for (const wait of [0, 500, 1000, 2000, 4000]) {
      if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        const messages = await fetchPath();
        if (!messages) return;
        if (statusRef.current === "submitted" || statusRef.current === "streaming") return; // a new answer took over
        setMessages(messages);
        if (messages[messages.length - 1]?.metadata?.status !== "streaming") return;
      } catch {
        return; // offline: keep what is on screen
      }
    }
  }, [fetchPath, setMessages]);

  // Tabs stay in step: a tab announces when an answer starts and ends in a conversation; other
  // tabs showing it read its path again and follow a running answer live. Only an idle tab
  // takes the news (one with an error keeps its unsent message for Retry). Coming back to a
  // hidden tab does the same, which also catches up with other devices.
  const channel = useRef<BroadcastChannel | null>(null);
  const lastStatus = useRef(chat.status);
  useEffect(() => {
    const before = lastStatus.current;
    lastStatus.current = chat.status;
    if (before !== chat.status && (chat.status === "streaming" || chat.status === "ready")) {
      channel.current?.postMessage({ type: "conversation", conversationId } satisfies TabsMessage);
    }
  }, [chat.status, conversationId]);
  // The same news often comes twice (another tab, and the server): one catch-up at a time, and
  // none while a running answer is being followed, so two reads never race to follow it twice.
  // A read that was under way while this tab sent, edited or switched something is stale: the
  // status seen here lags a render behind, so the tab's own actions are counted as they happen.
  const catchingUp = useRef(false);
  const catchUp = useCallback(async () => {
    if (statusRef.current !== "ready" || catchingUp.current) return;
    catchingUp.current = true;
    const actionsBefore = ownActions.current;
    try {
      const messages = await fetchPath();
      if (!messages || statusRef.current !== "ready" || ownActions.current !== actionsBefore) return;
      setMessages(messages);
      if (messages[messages.length - 1]?.metadata?.status === "streaming") await resumeStream();
    } finally {
      catchingUp.current = false;
    }
  }, [fetchPath, setMessages, resumeStream]);
  useEffect(() => {
    const tabs = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(TABS_CHANNEL);
    channel.current = tabs;
    const onMessage = (event: MessageEvent<TabsMessage>) => {
      if (event.data?.type === "conversation" && event.data.conversationId === conversationId) void catchUp();
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") void catchUp();
    };
    tabs?.addEventListener("message", onMessage);
    // The same news from the person's other devices, through the server.
    const unlisten = onServerChange((change) => {
      if (change.type === "resync" || (change.type === "conversation" && change.conversationId === conversationId)) void catchUp();
    });
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      unlisten();
      tabs?.close();
      channel.current = null;
    };
  }, [catchUp, conversationId]);

  const stop = async () => {
    try {
      const response = await fetch("/api/chat/stop", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ conversationId }),
      });
      const result = (await response.json()) as { stopped?: boolean };
      // The server ends the stream itself, with the answer marked stopped; if nothing was running
      // there (the request had not arrived yet), stop reading here.
      if (!result.stopped) await chat.stop();
    } catch {
      await chat.stop();
    }
  };

  /** Sends an edited prompt: a new version beside `messageId`, answered on a new branch. */
  const edit = (messageId: string, text: string) => {
    const index = chat.messages.findIndex((message) => message.id === messageId);
    const edited = chat.messages[index];
    if (!edited) return;
    const count = (edited.metadata?.version?.count ?? 1) + 1;
    setMessages(chat.messages.slice(0, index));
    // The edited prompt keeps the documents it carried.
    void sendMessage({ parts: [...fileParts(edited), { type: "text", text }], metadata: { version: { index: count, count } } });
  };

  /** Asks for another answer to the prompt before `messageId` (a new version beside it). */
  const regenerate = (messageId?: string) => {
    ownActions.current += 1;
    void chat.regenerate(messageId ? { messageId } : undefined);
  };

  /**
   * After a request failed: follows an answer that is still being written (its stream dropped),
   * resends a prompt the server refused (it was not saved), or answers the last prompt again.
   */
  const retry = () => {
    ownActions.current += 1;
    const last = chat.messages[chat.messages.length - 1];
    chat.clearError();
    if (last?.role === "assistant" && last.metadata?.status === "streaming") {
      void chat.resumeStream();
    } else if (last?.role === "user" && !last.metadata?.createdAt) {
      // Resend this tab's own message after what the conversation holds now (another tab may
      // have added a turn meanwhile): it never replaces another tab's answer.
      void (async () => {
        const path = await fetchPath();
        setMessages(path ?? chat.messages.slice(0, -1));
        void sendMessage({ parts: [...fileParts(last), { type: "text", text: textOf(last) }] });
      })();
    } else {
      regenerate();
    }
  };

  /** Shows version `version` of a message's siblings; the server stores the choice. */
  const switchVersion = async (messageId: string, version: number) => {
    ownActions.current += 1;
    setSwitching(true);
    try {
      const response = await fetch(`/api/conversations/${conversationId}/versions`, {
        method: "POST",
        headers: { "content-type": "application/json", ...pageIdHeaders() },
        body: JSON.stringify({ messageId, version, from: earlierRef.current }),
      });
      if (response.ok) {
        const window = (await response.json()) as { messages: ChatUIMessage[]; earlier: number };
        setMessages(window.messages);
        setEarlier(window.earlier);
      }
    } finally {
      setSwitching(false);
    }
  };

  // A retry notice belongs to the answer it was sent for: gone when that answer ends.
  useEffect(() => {
    if (chat.status !== "streaming" && chat.status !== "submitted") setUpstreamRetry(null);
  }, [chat.status]);

  /**
   * Reads the turns before the ones shown (only while no answer runs: the chat's state is the
   * path). Resolves false when nothing was read.
   */
  const showEarlier = async (): Promise<boolean> => {
    if (statusRef.current !== "ready" && statusRef.current !== "error") return false;
    ownActions.current += 1;
    setLoadingEarlier(true);
    try {
      const window = await fetchWindow(PATH_WINDOW);
      if (!window || (statusRef.current !== "ready" && statusRef.current !== "error")) return false;
      setMessages(window.messages);
      setEarlier(window.earlier);
      return true;
    } finally {
      setLoadingEarlier(false);
    }
  };

  return { ...chat, sendMessage, stop, edit, regenerate, retry, switchVersion, switching, upstreamRetry, earlier, showEarlier, loadingEarlier };
}
