import type { BackendInfo } from "@/lib/contract";
import { DOCUMENT_WRAPPER_TOKENS, estimateSend } from "@/lib/documents/estimate";
import { formatTokens, formatUsd, formatWindow } from "@/lib/usage/format";

/**
 * Before sending: the conversation's total tokens against the chosen model's window, and what
 * reading it costs on each model, now and for a follow-up (served from the prefix cache).
 */
export function SendEstimate({
  backend,
  model,
  conversationTokens,
  documentTokens,
  documentCount,
  draftTokens,
  readWholeTokens,
}: {
  /** Beyond this the documents are read in parts (the window less the answer's room). */
  readWholeTokens: number;
  backend: BackendInfo;
  model: string;
  conversationTokens: number;
  documentTokens: number;
  documentCount: number;
  draftTokens: number;
}) {
  const newTokens = documentTokens + documentCount * DOCUMENT_WRAPPER_TOKENS + draftTokens;
  const chosen = backend.models.find((info) => info.key === model) ?? backend.models[0];
  if (!chosen) return null;
  const estimates = backend.models.map((info) => ({
    info,
    estimate: estimateSend({ conversationTokens, newTokens, window: info.contextWindow, prices: info.prices }),
  }));
  const mine = estimates.find((entry) => entry.info.key === chosen.key)?.estimate;
  if (!mine) return null;
  const share = Math.min(mine.totalTokens / mine.window, 1);
  return (
    <div className="rounded-lg bg-muted/60 px-3 py-2 text-xs text-muted-foreground" data-testid="send-estimate">
      <div className="flex items-center gap-2">
        <span className="font-medium text-foreground" data-testid="estimate-total">
          {formatTokens(mine.totalTokens)} of {formatWindow(mine.window)} tokens
        </span>
        <div className="h-1.5 min-w-12 flex-1 overflow-hidden rounded-full bg-background" role="meter" aria-label={`Context of ${chosen.label} this message fills`} aria-valuemin={0} aria-valuemax={mine.window} aria-valuenow={mine.totalTokens}>
          <div className={share > 0.9 ? "h-full bg-danger" : share > 0.7 ? "h-full bg-warning" : "h-full bg-primary"} style={{ width: `${Math.max(share * 100, 2)}%` }} />
        </div>
        <span>{Math.round(share * 1000) / 10}%</span>
      </div>
      {mine.totalTokens > readWholeTokens && (
        <p className="mt-1 text-danger" data-testid="estimate-over-window">
          More than fits in {chosen.label}&apos;s window with room for the answer ({formatTokens(readWholeTokens)} tokens): the documents will be
          read in parts, each part summarised, and the answer will combine the summaries. The estimate is for reading them whole.
        </p>
      )}
      <ul className="mt-1.5 grid gap-0.5 sm:grid-cols-2">
        {estimates.map(({ info, estimate }) => (
          <li key={info.key} data-testid={`estimate-${info.key}`} title={`Input only (the answer's own tokens add to it). Now: ${formatTokens(conversationTokens)} earlier tokens as cache hits, ${formatTokens(newTokens)} new as misses. A follow-up re-reads everything at the cache-hit price: ${formatUsd(estimate.followUpUsd)} instead of ${formatUsd(estimate.followUpUncachedUsd)}.`}>
            <span className="font-medium text-foreground">{info.label}</span> ≈ {formatUsd(estimate.nowUsd)} to read
            <span className="opacity-60"> · </span>
            follow-ups ≈ {formatUsd(estimate.followUpUsd)} (cached)
          </li>
        ))}
      </ul>
    </div>
  );
}
