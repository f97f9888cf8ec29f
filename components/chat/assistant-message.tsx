"use client";

import { Info, RefreshCw } from "lucide-react";
import type { ChatUIMessage, UpstreamRetry } from "@/lib/contract";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DocumentPartsProgress } from "@/components/documents/parts-progress";
import type { TokenPrices } from "@/lib/usage/prices";
import { AnswerMeta } from "./answer-meta";
import { AnswerStatus } from "./answer-status";
import { Markdown } from "./lazy-markdown";
import { reasoningOf, textOf } from "./message-text";
import { ReasoningPanel } from "./reasoning-panel";
import { RetryNotice } from "./retry-notice";
import { VersionSwitcher } from "./version-switcher";

export function AssistantMessage({
  message,
  streaming,
  upstreamRetry,
  canAct,
  onRegenerate,
  onSwitchVersion,
  prices,
}: {
  /** Today's prices of the answer's model: the figures show what its cache hits saved. */
  prices?: TokenPrices;
  message: ChatUIMessage;
  /** This answer is the one arriving now. */
  streaming: boolean;
  /** Its upstream call failed before anything arrived and is being tried again. */
  upstreamRetry?: UpstreamRetry | null;
  /** No answer is running: regenerate and version switching are possible. */
  canAct: boolean;
  onRegenerate: () => void;
  onSwitchVersion: (version: number) => void;
}) {
  const meta = message.metadata ?? {};
  const text = textOf(message);
  const reasoning = reasoningOf(message);
  const live = streaming || meta.status === "streaming";
  const waiting = live && !text && !reasoning;
  return (
    <article data-testid="assistant-message" data-message-id={message.id} data-status={meta.status ?? (live ? "streaming" : "complete")} className="group">
      {meta.modeNotice && (
        <p className="mb-2 flex items-center gap-1.5 text-xs text-muted-foreground" data-testid="mode-notice">
          <Info className="h-3.5 w-3.5" /> {meta.modeNotice}
        </p>
      )}
      <DocumentPartsProgress message={message} streaming={live} />
      {reasoning && (
        <ReasoningPanel
          text={reasoning}
          thinking={streaming && !text}
          reasoningMs={meta.reasoningMs}
          reasoningTokens={meta.usage?.reasoningTokens}
        />
      )}
      {waiting && (
        <div className="flex items-center gap-2 text-sm text-muted-foreground" data-testid="answer-waiting">
          <span className="inline-flex gap-1">
            <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-current [animation-delay:-0.3s]" />
            <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-current [animation-delay:-0.15s]" />
            <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-current" />
          </span>
          {upstreamRetry ? <RetryNotice retry={upstreamRetry} /> : streaming ? "Waiting for the model…" : "Catching up with this answer…"}
        </div>
      )}
      {text && (
        <div data-testid="answer-text">
          <Markdown text={text} streaming={streaming} />
        </div>
      )}
      {!live && <AnswerStatus meta={meta} hasOutput={Boolean(text || reasoning)} onRetry={canAct ? onRegenerate : undefined} />}
      {!live && (
        <div className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1">
          <div className="flex items-center gap-0.5">
            <VersionSwitcher version={meta.version} what="answer" disabled={!canAct} onSwitch={onSwitchVersion} />
            {text && <CopyButton text={text} label="Copy answer" />}
            {canAct && (
              <Button variant="ghost" size="icon" onClick={onRegenerate} aria-label="Regenerate answer" title="Regenerate">
                <RefreshCw className="h-4 w-4" />
              </Button>
            )}
          </div>
          <AnswerMeta meta={meta} prices={prices} />
        </div>
      )}
    </article>
  );
}
