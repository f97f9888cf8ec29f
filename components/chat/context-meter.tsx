"use client";

import { useTranslations } from "next-intl";
import { useFigures } from "@/components/i18n/use-figures";
import type { DraftSize } from "./composer";

/** Drafts from this many characters show their approximate size beside the meter. */
const DRAFT_SIZE_FROM_CHARS = 2000;

/**
 * How much of the model's context window the conversation fills, with the draft being typed
 * added (its tokens estimated in the browser, so approximate). Shows from the first keystroke.
 */
export function ContextMeter({ used, draft, window }: { used: number; draft?: DraftSize; window: number }) {
  const t = useTranslations("context");
  const figures = useFigures();
  const draftTokens = draft?.tokens ?? 0;
  const total = used + draftTokens;
  if (total <= 0) return null;
  const share = Math.min(total / window, 1);
  const percent = share * 100;
  const approx = draftTokens > 0 ? "≈ " : "";
  const title =
    draftTokens > 0
      ? t("withDraft", { total: figures.count(total), window: figures.count(window), used: figures.count(used), draft: figures.count(draftTokens) })
      : t("used", { used: figures.count(used), window: figures.count(window) });
  return (
    <div className="flex items-center gap-1.5 text-xs text-muted-foreground" title={title} data-testid="context-meter">
      {draft && draft.chars >= DRAFT_SIZE_FROM_CHARS && (
        <span data-testid="draft-size" className="whitespace-nowrap" title={t("draftTitle")}>
          {t("draft", { tokens: figures.tokens(draftTokens) })}
          <span className="mx-1.5 opacity-50">·</span>
        </span>
      )}
      <div
        className="h-1.5 w-14 overflow-hidden rounded-full bg-muted"
        role="meter"
        aria-label={t("meter")}
        aria-valuemin={0}
        aria-valuemax={window}
        aria-valuenow={total}
      >
        <div
          className={percent > 90 ? "h-full bg-danger" : percent > 70 ? "h-full bg-warning" : "h-full bg-primary"}
          style={{ width: `${Math.max(percent, 2)}%` }}
        />
      </div>
      <span className="whitespace-nowrap">
        {approx}
        {figures.tokens(total)} / {figures.window(window)}
      </span>
    </div>
  );
}
