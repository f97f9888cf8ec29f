"use client";

import { useTranslations } from "next-intl";
import { getModelInfo } from "@/lib/ai/catalogue";
import type { ChatMessageMetadata } from "@/lib/contract";
import { cacheSavingsUsd } from "@/lib/documents/estimate";
import type { TokenPrices } from "@/lib/usage/prices";
import { useFigures } from "@/components/i18n/use-figures";

/** Exact dollars in a tooltip ("$0.001234"), with the locale's digits. */
function exactUsd(usd: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "USD", currencyDisplay: "narrowSymbol", minimumFractionDigits: 6, maximumFractionDigits: 6 }).format(usd);
}

/** The figures under an answer: model, mode, tokens, cost and timings. */
export function AnswerMeta({ meta, prices }: { meta: ChatMessageMetadata; prices?: TokenPrices }) {
  const t = useTranslations("answer");
  const tModels = useTranslations("models");
  const figures = useFigures();
  const items: Array<{ label: string; title?: string; testId?: string }> = [];
  if (meta.model) {
    const called = meta.modelId ? t("calledAs", { id: meta.modelId }) : undefined;
    const served = meta.modelVersion && meta.modelVersion !== meta.modelId ? t("servedBy", { version: meta.modelVersion }) : undefined;
    items.push({ label: getModelInfo(meta.model).label, title: [called, served].filter(Boolean).join(", ") || undefined });
  }
  if (meta.effectiveMode) items.push({ label: tModels(`modes.${meta.effectiveMode}`) });
  const usage = meta.usage;
  // A stopped or broken stream loses the upstream's usage: the server counted the tokens itself.
  const estimated = meta.usageEstimated === true;
  const approx = estimated ? "≈ " : "";
  const estimateNote = estimated ? t("estimateNote") : "";
  if (usage) {
    const tokens = figures.tokens(usage.inputTokens);
    items.push({
      label: approx + (usage.cacheHitTokens ? t("inputCached", { tokens, cached: figures.tokens(usage.cacheHitTokens) }) : t("input", { tokens })),
      title: t("inputTitle", { input: figures.count(usage.inputTokens), hits: figures.count(usage.cacheHitTokens), misses: figures.count(usage.cacheMissTokens) }) + estimateNote,
    });
    const output = figures.tokens(usage.outputTokens);
    items.push({
      label:
        approx +
        (usage.reasoningTokens ? t("outputReasoning", { tokens: output, reasoning: figures.tokens(usage.reasoningTokens) }) : t("output", { tokens: output })) +
        (estimated ? t("estimatedSuffix") : ""),
      title: t("outputTitle", { output: figures.count(usage.outputTokens), reasoning: figures.count(usage.reasoningTokens) }) + estimateNote,
      testId: estimated ? "usage-estimated" : undefined,
    });
  }
  if (meta.costUsd !== undefined) {
    items.push({
      label: `${approx}${figures.usd(meta.costUsd)}`,
      title:
        t("costTitle", { tier: meta.priceTier === "off-peak" ? "offpeak" : meta.priceTier === "peak" ? "peak" : "list", cost: exactUsd(meta.costUsd, figures.tag) }) +
        (estimated ? t("costEstimated") : ""),
      testId: "answer-cost",
    });
  }
  if (usage && usage.cacheHitTokens > 0 && prices && !estimated) {
    const saved = cacheSavingsUsd(usage.cacheHitTokens, prices);
    items.push({
      label: t("saved", { amount: figures.usd(saved) }),
      title: t("savedTitle", { tokens: figures.count(usage.cacheHitTokens), amount: exactUsd(saved, figures.tag) }),
      testId: "cache-savings",
    });
  }
  if (meta.ttftMs !== undefined) items.push({ label: t("firstToken", { time: figures.seconds(meta.ttftMs) }), title: t("firstTokenTitle") });
  if (meta.durationMs !== undefined) items.push({ label: figures.seconds(meta.durationMs), title: t("wholeTitle") });
  if (items.length === 0) return null;
  return (
    <p data-testid="answer-meta" className="flex flex-wrap gap-x-2 gap-y-0.5 text-xs text-muted-foreground">
      {items.map((item, index) => (
        <span key={index} title={item.title} data-testid={item.testId} className="whitespace-nowrap">
          {index > 0 && <span className="mr-2 opacity-50">·</span>}
          {item.label}
        </span>
      ))}
    </p>
  );
}
