"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useMemo, useRef, useState } from "react";
import type { ModelKey } from "@/lib/ai/catalogue";
import type { ReasoningMode } from "@/lib/ai/modes";
import type { ChatRequest, ChatUIMessage } from "@/lib/chat/types";
import { textOf } from "./message-text";

/**
 * useChat wired to /api/chat: the request carries only the new message, the model and the mode;
 * the server holds the history. Stop asks the server to stop (the generation outlives the request).
 */
export function useChatSession({
  conversationId,
  initialMessages,
  settings,
  onTitle,
  onSettled,
}: {
  conversationId: string;
  initialMessages: ChatUIMessage[];
  settings: { model: ModelKey; mode: ReasoningMode };
  onTitle: (title: string) => void;
  onSettled: () => void;
}) {
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const callbacks = useRef({ onTitle, onSettled });
  callbacks.current = { onTitle, onSettled };

  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: "/api/chat",
        prepareSendMessagesRequest: ({ id, messages, trigger, messageId }) => {
          const last = messages[messages.length - 1];
          const { model, mode } = settingsRef.current;
          const body: ChatRequest =
            trigger === "regenerate-message" || !last
              ? { conversationId: id, model, mode, trigger: "regenerate" }
              : {
                  conversationId: id,
                  model,
                  mode,
                  trigger: messageId ? "edit" : "submit",
                  message: { id: last.id, text: textOf(last) },
                };
          return { body };
        },
      }),
    [],
  );

  // An answer still being generated when the page loaded: follow it (GET /api/chat/[id]/stream).
  const [resume] = useState(() => initialMessages[initialMessages.length - 1]?.metadata?.status === "streaming");

  const chat = useChat<ChatUIMessage>({
    id: conversationId,
    messages: initialMessages,
    resume,
    transport,
    experimental_throttle: 40,
    onData: (part) => {
      if (part.type === "data-title") callbacks.current.onTitle(part.data.title);
    },
    onFinish: () => callbacks.current.onSettled(),
    onError: () => callbacks.current.onSettled(),
  });

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

  return { ...chat, stop };
}
