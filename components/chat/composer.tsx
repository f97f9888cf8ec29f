"use client";

import { ArrowUp, Paperclip, Square } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { estimateTokens } from "@/lib/usage/estimate";
import { useTypedBeforeHydration } from "@/components/ui/use-typed-before-hydration";

/** The draft being typed: its length and a cheap estimate of its tokens (see lib/usage/estimate.ts). */
export interface DraftSize {
  chars: number;
  tokens: number;
}

/** Files for the message: by the attach button, dropped on the box or pasted into it. */
export interface ComposerFiles {
  onFiles: (files: File[]) => void;
  /** For the file picker, e.g. ".pdf,.docx,.md". */
  accept: string;
  /** Shown above the text box (the attached documents and their estimate, which counts the typed words too). */
  tray?: React.ReactNode | ((draft: DraftSize) => React.ReactNode);
  /** Sending waits while a file is still being read. */
  blocked?: boolean;
}

/** Whether a message box was mounted since the page loaded (see the focus effect). */
let pageHasComposer = false;

/** The message box: Enter sends, Shift+Enter starts a new line; Stop replaces Send while answering. */
export function Composer({
  busy,
  placeholder,
  onSend,
  onStop,
  footer,
  inputRef,
  files,
  restoredText,
}: {
  files?: ComposerFiles;
  /** The text box, for the chat to give focus back after Stop, Regenerate and the like. */
  inputRef?: React.RefObject<HTMLTextAreaElement | null>;
  busy: boolean;
  placeholder: string;
  onSend: (text: string) => void;
  onStop: () => void;
  /** The controls under the text box; given the draft's size, for the context meter. */
  footer: React.ReactNode | ((draft: DraftSize) => React.ReactNode);
  /** Words put back into the box (a message that never reached the server before a reload). */
  restoredText?: string | null;
}) {
  const t = useTranslations("composer");
  const [text, setText] = useState("");
  const ownArea = useRef<HTMLTextAreaElement>(null);
  const area = inputRef ?? ownArea;
  useTypedBeforeHydration(area, setText);
  const draft = useMemo<DraftSize>(() => ({ chars: text.length, tokens: estimateTokens(text) }), [text]);

  // Grow with the text up to a limit, then scroll.
  useEffect(() => {
    const element = area.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight, 240)}px`;
  }, [text]);

  useEffect(() => {
    // The page's first message box takes the focus, unless the person already put it somewhere
    // (a click or a Tab before the page came alive): that stays. Later ones always take it.
    const first = !pageHasComposer;
    pageHasComposer = true;
    const elsewhere = document.activeElement !== null && document.activeElement !== document.body;
    if (first && elsewhere) return;
    area.current?.focus();
  }, []);
  useEffect(() => {
    if (restoredText) setText(restoredText);
  }, [restoredText]);

  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  const send = () => {
    if (busy || !text.trim() || files?.blocked) return;
    onSend(text);
    setText("");
  };

  return (
    <form
      className={`rounded-2xl border bg-card shadow-sm focus-within:border-ring/60 focus-within:ring-2 focus-within:ring-ring/15 ${dragging ? "border-primary ring-2 ring-primary/30" : "border-border"}`}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      onDragOver={(event) => {
        if (!files || !event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        if (!files) return;
        event.preventDefault();
        setDragging(false);
        if (event.dataTransfer.files.length > 0) files.onFiles([...event.dataTransfer.files]);
      }}
    >
      {typeof files?.tray === "function" ? files.tray(draft) : files?.tray}
      <textarea
        ref={area}
        aria-label={t("message")}
        data-composer
        placeholder={placeholder}
        value={text}
        rows={1}
        onChange={(event) => setText(event.target.value)}
        onPaste={(event) => {
          if (!files || event.clipboardData.files.length === 0) return;
          event.preventDefault();
          files.onFiles([...event.clipboardData.files]);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        }}
        className="block max-h-60 w-full resize-none bg-transparent px-4 pt-3.5 pb-2 text-[15px] outline-none placeholder:text-muted-foreground focus-visible:outline-none"
      />
      <div className="flex flex-wrap items-center gap-2 px-2.5 pb-2.5">
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">{typeof footer === "function" ? footer(draft) : footer}</div>
        {files && (
          <>
            <input
              ref={picker}
              type="file"
              multiple
              accept={files.accept}
              className="sr-only"
              tabIndex={-1}
              aria-hidden
              data-testid="attach-input"
              onChange={(event) => {
                const chosen = [...(event.target.files ?? [])];
                event.target.value = "";
                if (chosen.length > 0) files.onFiles(chosen);
              }}
            />
            <Button type="button" size="icon" variant="ghost" aria-label={t("attachFiles")} title={t("attachFilesTitle")} onClick={() => picker.current?.click()}>
              <Paperclip className="h-4 w-4" />
            </Button>
          </>
        )}
        {busy ? (
          <Button type="button" size="icon" variant="primary" onClick={onStop} aria-label={t("stop")} title={t("stopTitle")} className="rounded-full">
            <Square className="h-3.5 w-3.5 fill-current" />
          </Button>
        ) : (
          <Button type="submit" size="icon" variant="primary" disabled={!text.trim() || files?.blocked} aria-label={t("send")} title={t("sendTitle")} className="rounded-full">
            <ArrowUp className="h-4 w-4" />
          </Button>
        )}
      </div>
    </form>
  );
}
