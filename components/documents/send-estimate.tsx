import type { BackendInfo } from "@/lib/contract";
import { DOCUMENT_WRAPPER_TOKENS, estimateSend } from "@/lib/documents/estimate";
import { useTranslations } from "next-intl";
import { useFigures } from "@/components/i18n/use-figures";

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
  const t = useTranslations("documents");
  const figures = useFigures();
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
          {t("estimateTotal", { total: figures.tokens(mine.totalTokens), window: figures.window(mine.window) })}
        </span>
        <div className="h-1.5 min-w-12 flex-1 overflow-hidden rounded-full bg-background" role="meter" aria-label={t("estimateMeter", { model: chosen.label })} aria-valuemin={0} aria-valuemax={mine.window} aria-valuenow={mine.totalTokens}>
          <div className={share > 0.9 ? "h-full bg-danger" : share > 0.7 ? "h-full bg-warning" : "h-full bg-primary"} style={{ width: `${Math.max(share * 100, 2)}%` }} />
        </div>
        <span>{Math.round(share * 1000) / 10}%</span>
      </div>
      {mine.totalTokens > readWholeTokens && (
        <p className="mt-1 text-danger" data-testid="estimate-over-window">
          {t("overWindow", { model: chosen.label, tokens: figures.tokens(readWholeTokens) })}
        </p>
      )}
      <ul className="mt-1.5 grid gap-0.5 sm:grid-cols-2">
        {estimates.map(({ info, estimate }) => (
          <li key={info.key} data-testid={`estimate-${info.key}`} title={t("estimateTitle", { earlier: figures.tokens(conversationTokens), fresh: figures.tokens(newTokens), cached: figures.usd(estimate.followUpUsd), uncached: figures.usd(estimate.followUpUncachedUsd) })}>
            <span className="font-medium text-foreground">{info.label}</span> {t("toRead", { cost: figures.usd(estimate.nowUsd) })}
            <span className="opacity-60"> · </span>
            {t("followUps", { cost: figures.usd(estimate.followUpUsd) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
