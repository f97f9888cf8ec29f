import { getModelInfo } from "@/lib/ai/catalogue";
import { MODE_LABELS } from "@/lib/ai/modes";
import type { ChatMessageMetadata } from "@/lib/contract";
import { cacheSavingsUsd } from "@/lib/documents/estimate";
import type { TokenPrices } from "@/lib/usage/prices";
import { formatSeconds, formatTokens, formatUsd } from "@/lib/usage/format";

/** The figures under an answer: model, mode, tokens, cost and timings. */
export function AnswerMeta({ meta, prices }: { meta: ChatMessageMetadata; prices?: TokenPrices }) {
  const items: Array<{ label: string; title?: string; testId?: string }> = [];
  if (meta.model) {
    const called = meta.modelId ? `Called as ${meta.modelId}` : undefined;
    const served = meta.modelVersion && meta.modelVersion !== meta.modelId ? `served by ${meta.modelVersion}` : undefined;
    items.push({ label: getModelInfo(meta.model).label, title: [called, served].filter(Boolean).join(", ") || undefined });
  }
  if (meta.effectiveMode) items.push({ label: MODE_LABELS[meta.effectiveMode] });
  const usage = meta.usage;
  // A stopped or broken stream loses the upstream's usage: the server counted the tokens itself.
  const estimated = meta.usageEstimated === true;
  const approx = estimated ? "≈ " : "";
  const estimateNote = estimated
    ? ". Estimated: the answer was cut off before the server reported its usage, so the tokens were counted here with DeepSeek's tokenizer (input = the conversation sent, output = the reasoning and text that arrived; all input priced as cache misses)"
    : "";
  if (usage) {
    items.push({
      label: `${approx}${formatTokens(usage.inputTokens)} in${usage.cacheHitTokens ? ` (${formatTokens(usage.cacheHitTokens)} cached)` : ""}`,
      title: `${usage.inputTokens} input tokens: ${usage.cacheHitTokens} cache hits, ${usage.cacheMissTokens} misses${estimateNote}`,
    });
    items.push({
      label: `${approx}${formatTokens(usage.outputTokens)} out${usage.reasoningTokens ? ` (${formatTokens(usage.reasoningTokens)} reasoning)` : ""}${estimated ? " (estimated)" : ""}`,
      title: `${usage.outputTokens} output tokens, of which ${usage.reasoningTokens} reasoning${estimateNote}`,
      testId: estimated ? "usage-estimated" : undefined,
    });
  }
  if (meta.costUsd !== undefined) {
    items.push({
      label: `${approx}${formatUsd(meta.costUsd)}`,
      title: `Cost at ${meta.priceTier === "off-peak" ? "off-peak" : meta.priceTier === "peak" ? "peak" : "list"} prices: $${meta.costUsd.toFixed(6)}${estimated ? ", from the estimated tokens" : ""}`,
      testId: "answer-cost",
    });
  }
  if (usage && usage.cacheHitTokens > 0 && prices && !estimated) {
    const saved = cacheSavingsUsd(usage.cacheHitTokens, prices);
    items.push({
      label: `saved ${formatUsd(saved)}`,
      title: `${usage.cacheHitTokens} input tokens came from the provider's prefix cache, billed at the cache-hit price instead of the miss price (at today's prices: $${saved.toFixed(6)} saved)`,
      testId: "cache-savings",
    });
  }
  if (meta.ttftMs !== undefined) items.push({ label: `first token ${formatSeconds(meta.ttftMs)}`, title: "Time to first token" });
  if (meta.durationMs !== undefined) items.push({ label: formatSeconds(meta.durationMs), title: "Whole answer" });
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
