"use client";

import { Brain, ChevronDown } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useFigures } from "@/components/i18n/use-figures";
import { cn } from "@/lib/utils";
import { ReasoningText } from "./reasoning-text";

/**
 * The model's reasoning: streams live while the model thinks, folds away when the answer starts,
 * and can be reopened. Shown as plain text (it is untrusted and often half-formed markdown), with
 * its math drawn.
 */
export function ReasoningPanel({
  text,
  thinking,
  reasoningMs,
  reasoningTokens,
}: {
  text: string;
  /** True while reasoning is still arriving (no answer text yet). */
  thinking: boolean;
  reasoningMs?: number;
  reasoningTokens?: number;
}) {
  const t = useTranslations("message");
  const figures = useFigures();
  const [open, setOpen] = useState(thinking);
  const wasThinking = useRef(thinking);
  const startedAt = useRef<number | null>(null);
  const [elapsedMs, setElapsedMs] = useState(0);
  const body = useRef<HTMLDivElement>(null);

  // Open while thinking, fold away once the answer begins.
  useEffect(() => {
    if (thinking && !wasThinking.current) setOpen(true);
    if (!thinking && wasThinking.current) setOpen(false);
    wasThinking.current = thinking;
  }, [thinking]);

  // A live timer while thinking; the server's figure replaces it at the end.
  useEffect(() => {
    if (!thinking) return;
    startedAt.current ??= performance.now();
    const timer = setInterval(() => setElapsedMs(performance.now() - (startedAt.current ?? 0)), 250);
    return () => clearInterval(timer);
  }, [thinking]);

  // Keep the newest reasoning in view while it streams.
  useEffect(() => {
    if (thinking && open && body.current) body.current.scrollTop = body.current.scrollHeight;
  }, [text, thinking, open]);

  const seconds = reasoningMs ?? (elapsedMs > 0 ? elapsedMs : undefined);
  const label = thinking
    ? seconds !== undefined
      ? t("thinkingFor", { time: figures.seconds(seconds) })
      : t("thinking")
    : (seconds !== undefined ? t("thought", { time: figures.seconds(seconds) }) : t("thoughtMoment")) +
      (reasoningTokens ? t("reasoningTokens", { tokens: figures.tokens(reasoningTokens) }) : "");

  return (
    <div className="mb-3" data-testid="reasoning">
      <button
        type="button"
        onClick={() => setOpen((value) => !value)}
        aria-expanded={open}
        className="inline-flex items-center gap-1.5 rounded-md py-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <Brain className={cn("h-4 w-4", thinking && "animate-pulse text-primary")} />
        <span data-testid="reasoning-label">{label}</span>
        <ChevronDown className={cn("h-4 w-4 transition-transform", open && "rotate-180")} />
      </button>
      {open && (
        <div
          ref={body}
          data-testid="reasoning-text"
          className="mt-1 max-h-72 overflow-y-auto border-l-2 border-border pl-3 text-sm leading-relaxed whitespace-pre-wrap text-muted-foreground [overflow-wrap:anywhere]"
        >
          <ReasoningText text={text} />
        </div>
      )}
    </div>
  );
}
