"use client";

import { ArrowDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { isModelKey, type ModelKey } from "@/lib/ai/catalogue";
import { isReasoningMode, type ReasoningMode } from "@/lib/ai/modes";
import type { BackendInfo } from "@/lib/contract";
import type { ChatUIMessage } from "@/lib/contract";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { DocumentTray } from "@/components/documents/document-tray";
import { toFileDataPart, useDocumentDrafts } from "@/components/documents/use-document-drafts";
import { ACCEPTED_EXTENSIONS } from "@/lib/documents/formats";
import { ImageTray } from "@/components/images/image-tray";
import { toImageDataPart, useImageDrafts } from "@/components/images/use-image-drafts";
import { IMAGE_EXTENSIONS, looksLikeImage } from "@/lib/images/formats";
import { AssistantMessage } from "./assistant-message";
import { Composer } from "./composer";
import { ContextMeter } from "./context-meter";
import { EmptyState } from "./empty-state";
import { preloadMarkdown } from "./lazy-markdown";
import { ModelControls } from "./model-controls";
import { RequestError } from "./request-error";
import { useChatSession } from "./use-chat-session";
import { useRevealMatch } from "@/components/workspace/use-reveal-match";
import { UserMessage } from "./user-message";
import { useFigures } from "@/components/i18n/use-figures";
import { useModeNotice } from "@/components/i18n/use-mode-notice";

export interface ChatViewProps {
  conversationId: string;
  isNew: boolean;
  initialMessages: ChatUIMessage[];
  initialEarlier: number;
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
    initialEarlier: props.initialEarlier,
    settings: { model, mode },
    onTitle: (title) => props.onTitle(conversationId, title),
    onSettled: props.onSettled,
  });
  const { messages, status, earlier } = chat;
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

  // The markdown renderer is its own chunk: fetched once the page is idle, before the first answer needs it.
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 200));
    idle(() => preloadMarkdown());
  }, []);

  const images = useImageDrafts();
  // A scanned PDF (no text layer) comes back as its pages' images, read by Flash's vision.
  const documents = useDocumentDrafts([], { onScanned: (scanned) => images.addStored(scanned.images) });
  const chosenModel = backend.models.find((info) => info.key === model);
  // Images wait for a model that sees them: nothing is sent while the notice says so.
  const imagesRefused = images.drafts.length > 0 && chosenModel?.vision === false;
  const send = (text: string) => {
    if (imagesRefused) return;
    if (!started.current) {
      started.current = true;
      props.onStarted(conversationId, text);
    }
    // Documents and images go as parts before the words; the server puts documents' text in front of the prompt.
    const attached = [...documents.ready.map(toFileDataPart), ...images.ready.map(toImageDataPart)];
    void chat.sendMessage(attached.length > 0 ? { parts: [...attached, { type: "text", text }] } : { text });
    documents.clear();
    images.clear();
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
  const conversationHasDocuments = useMemo(() => messages.some((message) => message.parts.some((part) => part.type === "data-file" && part.data.document)), [messages]);

  const scroll = useScrollToBottom(messages, status);
  useRevealMatch(messages.length);

  // Turns read in above the ones shown must not move what the person is reading (at the very
  // top, the browser's own scroll anchoring does not apply): keep the distance from the bottom.
  const keepFromBottom = useRef<number | null>(null);
  const showEarlier = () => {
    const element = scroll.ref.current;
    if (element) keepFromBottom.current = element.scrollHeight - element.scrollTop;
    void chat.showEarlier().then((read) => {
      // Nothing read (offline, or an answer started): no later render may jump to this position.
      if (!read) keepFromBottom.current = null;
    });
  };
  useLayoutEffect(() => {
    const element = scroll.ref.current;
    if (!element || keepFromBottom.current === null) return;
    element.scrollTop = element.scrollHeight - keepFromBottom.current;
    keepFromBottom.current = null;
    // The button is gone once everything is read: keep the focus in the conversation.
    if (earlier === 0) element.focus({ preventScroll: true });
  }, [earlier, scroll.ref]);
  const t = useTranslations("chat");
  const tComposer = useTranslations("composer");
  const modeNotice = useModeNotice();
  const announcement = answerAnnouncement(messages, busy, t);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <div ref={scroll.ref} tabIndex={-1} className="min-h-0 flex-1 overflow-y-auto outline-none" data-testid="messages">
        {messages.length === 0 ? (
          <EmptyState backend={backend} onPick={send} />
        ) : (
          <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6">
            {earlier > 0 && <EarlierMessages count={earlier} disabled={busy || chat.loadingEarlier} onShow={showEarlier} />}
            {/* Keyed by place on the path, not id: switching versions swaps the message in place and keeps the keyboard focus. */}
            {messages.map((message, index) =>
              message.role === "user" ? (
                <UserMessage
                  key={`${earlier + index}-user`}
                  message={message}
                  canEdit={canAct}
                  onEdit={(text) => chat.edit(message.id, text)}
                  compareHref={canAct && message.metadata?.createdAt ? `/compare?from=${conversationId}&prompt=${message.id}` : undefined}
                  onSwitchVersion={(version) => void chat.switchVersion(message.id, version)}
                />
              ) : (
                <AssistantMessage
                  key={`${earlier + index}-assistant`}
                  message={message}
                  prices={backend.models.find((info) => info.key === message.metadata?.model)?.prices}
                  streaming={busy && index === messages.length - 1}
                  upstreamRetry={busy && index === messages.length - 1 ? chat.upstreamRetry : null}
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
                {t("sending")}
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
            aria-label={t("scrollToLatest")}
            className="absolute -top-11 left-1/2 -translate-x-1/2 rounded-full shadow-md"
          >
            <ArrowDown className="h-4 w-4" />
          </Button>
        )}
        <Composer
          busy={busy}
          placeholder={tComposer("placeholder", { model: backend.models.find((info) => info.key === model)?.label ?? "V4" })}
          onSend={send}
          onStop={stop}
          inputRef={composerInput}
          files={{
            onFiles: (files) => {
              const pictures = files.filter(looksLikeImage);
              const others = files.filter((file) => !looksLikeImage(file));
              if (pictures.length > 0) images.add(pictures);
              if (others.length > 0) void documents.add(others);
            },
            accept: [...ACCEPTED_EXTENSIONS, ...IMAGE_EXTENSIONS].join(","),
            blocked: documents.uploading || images.uploading || imagesRefused,
            tray: (draft) => (
              <>
              <ImageTray drafts={images} backend={backend} model={model} onModelChange={setModel} />
              <DocumentTray
                drafts={documents}
                backend={backend}
                model={model}
                mode={mode}
                conversationTokens={contextUsed}
                draftTokens={draft.tokens}
                conversationHasDocuments={conversationHasDocuments}
                busy={busy}
                onPreset={send}
              />
              </>
            ),
          }}
          footer={(draft) => (
            <>
              <ModelControls backend={backend} model={model} mode={mode} onModelChange={setModel} onModeChange={setMode} />
              <ContextMeter used={contextUsed} draft={{ chars: draft.chars + documents.chars, tokens: draft.tokens + documents.tokens + images.tokens }} window={contextWindow} />
            </>
          )}
        />
        {/* The keyboard part is hidden on touch screens (globals.css); a Think Max notice stays. */}
        <p className={cn("mt-1.5 text-center text-[11px] text-muted-foreground", !(mode === "think-max" && backend.thinkMaxNotice) && "keyboard-hint")}>
          <span className="keyboard-hint">{t("keyboardHint")}</span>
          {mode === "think-max" && backend.thinkMaxNotice ? (
            <>
              <span className="keyboard-hint"> · </span>
              {modeNotice(backend.thinkMaxNotice)}
            </>
          ) : null}
        </p>
      </div>
    </div>
  );
}

/** "Show earlier messages": a long chat opens on its last turns and reads the rest on request. */
function EarlierMessages({ count, disabled, onShow }: { count: number; disabled: boolean; onShow: () => void }) {
  const t = useTranslations("chat");
  const figures = useFigures();
  return (
    <div className="flex justify-center">
      <Button variant="outline" size="sm" onClick={onShow} disabled={disabled} data-testid="show-earlier">
        {t("showEarlier", { count: figures.count(count) })}
      </Button>
    </div>
  );
}

const ANNOUNCED = new Set(["complete", "stopped", "error", "interrupted"] as const);

/** What a screen reader hears when an answer ends (the streaming itself would be too chatty). */
function answerAnnouncement(messages: ChatUIMessage[], busy: boolean, t: ReturnType<typeof useTranslations<"chat">>): string {
  const last = messages[messages.length - 1];
  const status = last?.role === "assistant" ? last.metadata?.status : undefined;
  if (busy) return status === "streaming" ? t("announce.answering") : "";
  return status && ANNOUNCED.has(status as "complete") ? t(`announce.${status as "complete"}`) : "";
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
