"use client";

import { ArrowUp, Square } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { estimateTokens } from "@/lib/usage/estimate";

/** The draft being typed: its length and a cheap estimate of its tokens (see lib/usage/estimate.ts). */
export interface DraftSize {
  chars: number;
  tokens: number;
}

/** The message box: Enter sends, Shift+Enter starts a new line; Stop replaces Send while answering. */
export function Composer({
  busy,
  placeholder,
  onSend,
  onStop,
  footer,
  inputRef,
}: {
  /** The text box, for the chat to give focus back after Stop, Regenerate and the like. */
  inputRef?: React.RefObject<HTMLTextAreaElement | null>;
  busy: boolean;
  placeholder: string;
  onSend: (text: string) => void;
  onStop: () => void;
  /** The controls under the text box; given the draft's size, for the context meter. */
  footer: React.ReactNode | ((draft: DraftSize) => React.ReactNode);
}) {
  const [text, setText] = useState("");
  const ownArea = useRef<HTMLTextAreaElement>(null);
  const area = inputRef ?? ownArea;
  const draft = useMemo<DraftSize>(() => ({ chars: text.length, tokens: estimateTokens(text) }), [text]);

  // Grow with the text up to a limit, then scroll.
  useEffect(() => {
    const element = area.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight, 240)}px`;
  }, [text]);

  useEffect(() => area.current?.focus(), []);

  const send = () => {
    if (busy || !text.trim()) return;
    onSend(text);
    setText("");
  };

  return (
    <form
      className="rounded-2xl border border-border bg-card shadow-sm focus-within:border-ring/60 focus-within:ring-2 focus-within:ring-ring/15"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        ref={area}
        aria-label="Message"
        placeholder={placeholder}
        value={text}
        rows={1}
        onChange={(event) => setText(event.target.value)}
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
        {busy ? (
          <Button type="button" size="icon" variant="primary" onClick={onStop} aria-label="Stop answer" title="Stop" className="rounded-full">
            <Square className="h-3.5 w-3.5 fill-current" />
          </Button>
        ) : (
          <Button type="submit" size="icon" variant="primary" disabled={!text.trim()} aria-label="Send message" title="Send (Enter)" className="rounded-full">
            <ArrowUp className="h-4 w-4" />
          </Button>
        )}
      </div>
    </form>
  );
}
