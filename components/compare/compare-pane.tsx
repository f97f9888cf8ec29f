"use client";

import { ArrowRightCircle, RotateCw, Square } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, useEffect, useMemo, useState } from "react";
import type { ComparisonTurnView } from "@/lib/compare/contract";
import { finalFigures, liveFigures, type Marker, type PaneFigures as Figures } from "@/lib/compare/figures";
import type { ChatUIMessage, UpstreamRetry } from "@/lib/contract";
import { imageUrl } from "@/lib/images/contract";
import { useImageCaption } from "@/components/images/figures";
import { ImageThumb } from "@/components/images/image-thumb";
import type { TokenPrices } from "@/lib/usage/prices";
import { cn } from "@/lib/utils";
import { AnswerStatus } from "@/components/chat/answer-status";
import { Markdown } from "@/components/chat/lazy-markdown";
import { reasoningOf, textOf } from "@/components/chat/message-text";
import { ReasoningPanel } from "@/components/chat/reasoning-panel";
import { RetryNotice } from "@/components/chat/retry-notice";
import { DocumentCard } from "@/components/documents/document-card";
import { Button } from "@/components/ui/button";
import { useFollowedAnswer } from "./follow-answer";
import type { LiveFiguresStore } from "./live-figures";
import { MarkerBadges, PaneFigures } from "./pane-figures";

export interface PaneTurn {
  prompt: ComparisonTurnView["prompt"];
  answer: ChatUIMessage | null;
}

/** The figures of a pane's latest answer: live while it streams, final once saved. */
export function figuresOf(answer: ChatUIMessage | null, live: ReturnType<typeof useFollowedAnswer>, prices: TokenPrices | undefined): Figures | undefined {
  if (!answer) return undefined;
  if (answer.metadata?.status === "streaming") {
    const message = live.message ?? answer;
    // Ended, not read back yet: the stream's last metadata holds the final figures.
    if (live.ended && message.metadata?.status && message.metadata.status !== "streaming") return finalFigures(message.metadata);
    if (!live.clock) return undefined;
    return liveFigures({ clock: live.clock, reasoning: reasoningOf(message), text: textOf(message), prices });
  }
  return finalFigures(answer.metadata ?? {});
}

/**
 * One pane of a comparison: its name, figures and markers, then its thread (each prompt and this
 * pane's answer to it). Its running answer is followed on its own stream; Stop, Retry and
 * "Continue with this answer" act on this pane only.
 */
export const ComparePane = memo(function ComparePane({
  lane,
  name,
  detail,
  turns,
  blindToImages,
  prices,
  markers,
  store,
  hidden,
  busy,
  scrollRef,
  onScroll,
  onEnded,
  onStop,
  onRetry,
  onContinue,
}: {
  lane: number;
  /** "V4 Pro · Think High", or "Answer B" while blind. */
  name: string;
  /** The pane's model cannot see images: its prompts with images say it got the words only. */
  blindToImages?: boolean;
  /** Shown under the name (the setting, revealed after a blind vote). */
  detail?: string;
  turns: PaneTurn[];
  prices: TokenPrices | undefined;
  markers: readonly Marker[];
  store: LiveFiguresStore;
  /** Not the selected tab on a narrow screen. */
  hidden: boolean;
  /** Some pane of the comparison is still writing. */
  busy: boolean;
  scrollRef: (element: HTMLDivElement | null) => void;
  onScroll: (lane: number) => void;
  onEnded: (answerId: string) => void;
  onStop: (messageId: string) => void;
  onRetry: (promptId: string, lane: number) => void;
  onContinue: (lane: number) => void;
}) {
  const t = useTranslations("compare");
  const tDocuments = useTranslations("documents");
  const tImages = useTranslations("images");
  const imageCaption = useImageCaption();
  const running = turns.find((turn) => turn.answer?.metadata?.status === "streaming")?.answer ?? null;
  const live = useFollowedAnswer(running, onEnded);
  const last = turns[turns.length - 1]?.answer ?? null;
  const figures = useMemo(() => figuresOf(last, live, prices), [last, live, prices]);
  useEffect(() => store.publish(lane, figures), [store, lane, figures]);
  const status = last?.metadata?.status;
  // Finished answers settle (final markdown, highlighted code) once no pane is writing, one pane
  // at a time: that work is heavy on the main thread and would stall the panes still streaming.
  const [settled, setSettled] = useState(!busy);
  useEffect(() => {
    if (busy) {
      setSettled(false);
      return;
    }
    const timer = setTimeout(() => setSettled(true), 60 + lane * 120);
    return () => clearTimeout(timer);
  }, [busy, lane]);

  return (
    <section
      aria-label={name}
      data-testid="compare-pane"
      data-lane={lane}
      data-status={status ?? "empty"}
      className={cn("min-h-0 min-w-0 flex-1 flex-col rounded-xl border border-border bg-card", hidden ? "hidden" : "flex")}
    >
      <header className="flex flex-col gap-2 border-b border-border p-3">
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0">
            <h3 className="truncate text-sm font-semibold" data-testid="pane-name">
              {name}
            </h3>
            {detail && (
              <p className="truncate text-xs text-muted-foreground" data-testid="pane-detail">
                {detail}
              </p>
            )}
          </div>
          <div className="flex shrink-0 items-center gap-1">
            {running ? (
              <Button size="sm" variant="outline" onClick={() => onStop(running.id)} aria-label={t("stopPane", { name })}>
                <Square className="h-3.5 w-3.5" /> {t("stop")}
              </Button>
            ) : (
              last &&
              turns.length > 0 && (
                <>
                  <Button
                    size="icon"
                    variant="ghost"
                    onClick={() => onRetry(turns[turns.length - 1]?.prompt.id ?? "", lane)}
                    aria-label={t("retryPane", { name })}
                    title={t("retryTitle")}
                  >
                    <RotateCw className="h-4 w-4" />
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => onContinue(lane)}
                    aria-label={t("continuePane", { name })}
                    title={t("continueTitle")}
                  >
                    <ArrowRightCircle className="h-4 w-4" />
                    <span className="hidden xl:inline">{t("continue")}</span>
                  </Button>
                </>
              )
            )}
          </div>
        </div>
        <MarkerBadges markers={markers} />
        <PaneFigures figures={figures} markers={markers} />
      </header>
      <div
        ref={scrollRef}
        onScroll={() => onScroll(lane)}
        tabIndex={0}
        aria-label={t("answers", { name })}
        data-testid="pane-scroller"
        // Code wraps in a pane rather than scrolling sideways (a narrow pane; and a scrolling code
        // block would be a scroll region no keyboard can reach).
        className="min-h-0 flex-1 overflow-y-auto p-3 focus-visible:outline-2 focus-visible:outline-ring [&_[data-streamdown=code-block-body]]:overflow-x-hidden [&_[data-streamdown=code-block-body]_pre]:whitespace-pre-wrap [&_[data-streamdown=code-block-body]_pre]:[overflow-wrap:anywhere]"
      >
        <div className="flex flex-col gap-4">
          {turns.map((turn, index) => {
            const followed = turn.answer !== null && turn.answer.id === running?.id;
            // Each pane settles in its own task as its stream ends; the saved copy read later has
            // the same text, so it does not render the answer again.
            const streaming = followed && !live.ended;
            const shown = followed ? (live.message ?? turn.answer) : turn.answer;
            return (
              <div key={`${index}-${turn.prompt.id}`} className="flex flex-col gap-2">
                {turn.prompt.images && (
                  <ul className="flex max-w-[90%] flex-wrap justify-end gap-1.5 self-end" aria-label={tImages("listPrompt")}>
                    {turn.prompt.images.map((file) => (
                      <li key={file.attachmentId}>
                        <ImageThumb src={imageUrl(file.attachmentId)} name={file.name} caption={imageCaption(file.image)} size="sm" />
                      </li>
                    ))}
                  </ul>
                )}
                {turn.prompt.images && blindToImages && (
                  <p className="self-end text-xs text-muted-foreground" data-testid="pane-no-vision">
                    {tImages("paneNote")}
                  </p>
                )}
                {turn.prompt.files.length > 0 && (
                  <ul className="flex max-w-[90%] flex-wrap justify-end gap-1.5 self-end" aria-label={tDocuments("attached")} data-testid="pane-documents">
                    {turn.prompt.files.map((file) => (
                      <li key={file.attachmentId} className="max-w-full min-w-0">
                        <DocumentCard name={file.name} document={file.document} />
                      </li>
                    ))}
                  </ul>
                )}
                <p className="max-w-[90%] self-end rounded-2xl bg-accent px-3 py-1.5 text-sm whitespace-pre-wrap [overflow-wrap:anywhere]" data-testid="pane-prompt">
                  {turn.prompt.text}
                </p>
                {shown && (
                  <PaneAnswer
                    message={shown}
                    streaming={streaming}
                    settled={settled}
                    upstreamRetry={followed ? live.retry : null}
                    promptId={turn.prompt.id}
                    lane={lane}
                    onRetry={onRetry}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
});

const PaneAnswer = memo(function PaneAnswer({
  message,
  streaming,
  settled,
  upstreamRetry,
  promptId,
  lane,
  onRetry,
}: {
  message: ChatUIMessage;
  streaming: boolean;
  settled: boolean;
  upstreamRetry: UpstreamRetry | null;
  promptId: string;
  lane: number;
  onRetry: (promptId: string, lane: number) => void;
}) {
  const t = useTranslations("message");
  const meta = message.metadata ?? {};
  const text = textOf(message);
  const reasoning = reasoningOf(message);
  const waiting = streaming && !text && !reasoning;
  return (
    <article data-testid="pane-answer" data-status={streaming ? "streaming" : (meta.status ?? "complete")} className="text-[15px]">
      {reasoning && <ReasoningPanel text={reasoning} thinking={streaming && !text} reasoningMs={meta.reasoningMs} reasoningTokens={meta.usage?.reasoningTokens} />}
      {waiting && (
        <p className="text-sm text-muted-foreground" data-testid="pane-waiting">
          {upstreamRetry ? <RetryNotice retry={upstreamRetry} /> : t("waiting")}
        </p>
      )}
      {text && (
        <div data-testid="pane-answer-text">
          <Markdown text={text} streaming={streaming || !settled} highlight={settled && !streaming} />
        </div>
      )}
      {!streaming && meta.status !== "streaming" && <AnswerStatus meta={meta} hasOutput={Boolean(text || reasoning)} onRetry={() => onRetry(promptId, lane)} />}
    </article>
  );
});
