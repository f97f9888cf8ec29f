"use client";

import { ArrowDown } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { isModelKey, type ModelKey } from "@/lib/ai/catalogue";
import { isReasoningMode, type ReasoningMode } from "@/lib/ai/modes";
import type { BackendInfo } from "@/lib/contract";
import type { ChatUIMessage } from "@/lib/contract";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { AssistantMessage } from "./assistant-message";
import { Composer } from "./composer";
import { ContextMeter } from "./context-meter";
import { EmptyState } from "./empty-state";
import { ModelControls } from "./model-controls";
import { RequestError } from "./request-error";
import { useChatSession } from "./use-chat-session";
import { UserMessage } from "./user-message";

export interface ChatViewProps {
  conversationId: string;
  isNew: boolean;
  initialMessages: ChatUIMessage[];
  initialModel: ModelKey;
  initialMode: ReasoningMode;
  backend: BackendInfo;
  onStarted: (conversationId: string, firstMessage: string) => void;
  onTitle: (conversationId: string, title: string) => void;
  onSettled: () => void;
}

/** One conversation: its messages, streaming answers, and the composer. */
export function ChatView(props: ChatViewProps) {
  const { conversationId, backend } = props;
  const [model, setModel] = useState<ModelKey>(props.initialModel);
  const [mode, setMode] = useState<ReasoningMode>(props.initialMode);
  const started = useRef(!props.isNew);

  const chat = useChatSession({
    conversationId,
    initialMessages: props.initialMessages,
    settings: { model, mode },
    onTitle: (title) => props.onTitle(conversationId, title),
    onSettled: props.onSettled,
  });
  const { messages, status } = chat;
  const busy = status === "submitted" || status === "streaming";

  // A new chat starts with the browser's last choice (read after hydration to match the server's render).
  const isNew = props.isNew;
  useEffect(() => {
    if (!isNew) return;
    try {
      const saved = JSON.parse(localStorage.getItem("v4chat:last-settings") ?? "{}") as { model?: unknown; mode?: unknown };
      if (isModelKey(saved.model)) setModel(saved.model);
      if (isReasoningMode(saved.mode)) setMode(saved.mode);
    } catch {
      // storage unavailable or unreadable: keep the defaults
    }
  }, [isNew]);

  // Remember the last choice for new conversations.
  useEffect(() => {
    try {
      localStorage.setItem("v4chat:last-settings", JSON.stringify({ model, mode }));
    } catch {
      // storage unavailable
    }
  }, [model, mode]);

  const composerInput = useRef<HTMLTextAreaElement>(null);
  const focusComposer = () => composerInput.current?.focus();
  const stop = () => {
    void chat.stop();
    focusComposer();
  };

  // Escape stops a running answer (unless something else, like a dialog or an edit, took it).
  const stopRef = useRef(stop);
  stopRef.current = stop;
  useEffect(() => {
    if (!busy) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented) stopRef.current();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [busy]);

  const send = (text: string) => {
    if (!started.current) {
      started.current = true;
      props.onStarted(conversationId, text);
    }
    void chat.sendMessage({ text });
    // Sending always brings the new message into view, even when reading higher up.
    scroll.follow();
  };

  const canAct = !busy && !chat.switching;
  const contextUsed = useMemo(() => {
    for (let index = messages.length - 1; index >= 0; index -= 1) {
      const usage = messages[index]?.metadata?.usage;
      if (usage) return usage.inputTokens + usage.outputTokens - usage.reasoningTokens;
    }
    return 0;
  }, [messages]);
  const contextWindow = backend.models.find((info) => info.key === model)?.contextWindow ?? 1_048_576;

  const scroll = useScrollToBottom(messages, status);
  const announcement = answerAnnouncement(messages, busy);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <div ref={scroll.ref} className="min-h-0 flex-1 overflow-y-auto" data-testid="messages">
        {messages.length === 0 ? (
          <EmptyState backend={backend} onPick={send} />
        ) : (
          <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6">
            {/* Keyed by place on the path, not id: switching versions swaps the message in place and keeps the keyboard focus. */}
            {messages.map((message, index) =>
              message.role === "user" ? (
                <UserMessage
                  key={`${index}-user`}
                  message={message}
                  canEdit={canAct}
                  onEdit={(text) => chat.edit(message.id, text)}
                  compareHref={canAct && message.metadata?.createdAt ? `/compare?from=${conversationId}&prompt=${message.id}` : undefined}
                  onSwitchVersion={(version) => void chat.switchVersion(message.id, version)}
                />
              ) : (
                <AssistantMessage
                  key={`${index}-assistant`}
                  message={message}
                  streaming={busy && index === messages.length - 1}
                  canAct={canAct}
                  onRegenerate={() => {
                    chat.regenerate(message.id);
                    focusComposer();
                  }}
                  onSwitchVersion={(version) => void chat.switchVersion(message.id, version)}
                />
              ),
            )}
            {status === "submitted" && messages[messages.length - 1]?.role === "user" && (
              <div className="text-sm text-muted-foreground" data-testid="answer-waiting">
                Sending…
              </div>
            )}
            {chat.error && <RequestError error={chat.error} onRetry={chat.retry} onDismiss={chat.clearError} />}
          </div>
        )}
      </div>
      <div className="relative mx-auto w-full max-w-3xl px-3 pb-3 sm:px-4 sm:pb-4">
        {!scroll.atBottom && messages.length > 0 && (
          <Button
            variant="outline"
            size="icon"
            onClick={scroll.scrollToBottom}
            aria-label="Scroll to the latest message"
            className="absolute -top-11 left-1/2 -translate-x-1/2 rounded-full shadow-md"
          >
            <ArrowDown className="h-4 w-4" />
          </Button>
        )}
        <Composer
          busy={busy}
          placeholder={`Message ${backend.models.find((info) => info.key === model)?.label ?? "V4"}…`}
          onSend={send}
          onStop={stop}
          inputRef={composerInput}
          footer={(draft) => (
            <>
              <ModelControls backend={backend} model={model} mode={mode} onModelChange={setModel} onModeChange={setMode} />
              <ContextMeter used={contextUsed} draft={draft} window={contextWindow} />
            </>
          )}
        />
        {/* The keyboard part is hidden on touch screens (globals.css); a Think Max notice stays. */}
        <p className={cn("mt-1.5 text-center text-[11px] text-muted-foreground", !(mode === "think-max" && backend.thinkMaxNotice) && "keyboard-hint")}>
          <span className="keyboard-hint">Enter to send · Shift+Enter for a new line</span>
          {mode === "think-max" && backend.thinkMaxNotice ? (
            <>
              <span className="keyboard-hint"> · </span>
              {backend.thinkMaxNotice}
            </>
          ) : null}
        </p>
      </div>
    </div>
  );
}

const ANNOUNCEMENTS: Record<string, string> = {
  complete: "Answer complete.",
  stopped: "Answer stopped.",
  error: "The answer failed.",
  interrupted: "The answer was interrupted.",
};

/** What a screen reader hears when an answer ends (the streaming itself would be too chatty). */
function answerAnnouncement(messages: ChatUIMessage[], busy: boolean): string {
  const last = messages[messages.length - 1];
  const status = last?.role === "assistant" ? last.metadata?.status : undefined;
  if (busy) return status === "streaming" ? "Answering…" : "";
  return status ? (ANNOUNCEMENTS[status] ?? "") : "";
}

/** Follows new content while the user is at the bottom; leaves them alone when they scroll up. */
function useScrollToBottom(messages: ChatUIMessage[], status: string) {
  const ref = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const [atBottom, setAtBottom] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onScroll = () => {
      pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
      setAtBottom(pinned.current);
    };
    element.addEventListener("scroll", onScroll, { passive: true });
    return () => element.removeEventListener("scroll", onScroll);
  }, []);
  useEffect(() => {
    const element = ref.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [messages, status]);
  const scrollToBottom = () => {
    const element = ref.current;
    if (!element) return;
    pinned.current = true;
    element.scrollTo({ top: element.scrollHeight, behavior: "smooth" });
  };
  /** Follow new content from now on (the next render scrolls to the bottom). */
  const follow = () => {
    pinned.current = true;
    setAtBottom(true);
  };
  return { ref, atBottom, scrollToBottom, follow };
}
