import { getModelInfo } from "@/lib/ai/catalogue";
import { MODE_LABELS } from "@/lib/ai/modes";
import type { ChatMessageMetadata } from "@/lib/contract";
import { formatSeconds, formatTokens, formatUsd } from "@/lib/usage/format";

/** The figures under an answer: model, mode, tokens, cost and timings. */
export function AnswerMeta({ meta }: { meta: ChatMessageMetadata }) {
  const items: Array<{ label: string; title?: string }> = [];
  if (meta.model) {
    const called = meta.modelId ? `Called as ${meta.modelId}` : undefined;
    const served = meta.modelVersion && meta.modelVersion !== meta.modelId ? `served by ${meta.modelVersion}` : undefined;
    items.push({ label: getModelInfo(meta.model).label, title: [called, served].filter(Boolean).join(", ") || undefined });
  }
  if (meta.effectiveMode) items.push({ label: MODE_LABELS[meta.effectiveMode] });
  const usage = meta.usage;
  if (usage) {
    items.push({
      label: `${formatTokens(usage.inputTokens)} in${usage.cacheHitTokens ? ` (${formatTokens(usage.cacheHitTokens)} cached)` : ""}`,
      title: `${usage.inputTokens} input tokens: ${usage.cacheHitTokens} cache hits, ${usage.cacheMissTokens} misses`,
    });
    items.push({
      label: `${formatTokens(usage.outputTokens)} out${usage.reasoningTokens ? ` (${formatTokens(usage.reasoningTokens)} reasoning)` : ""}`,
      title: `${usage.outputTokens} output tokens, of which ${usage.reasoningTokens} reasoning`,
    });
  }
  if (meta.costUsd !== undefined) {
    items.push({
      label: formatUsd(meta.costUsd),
      title: `Cost at ${meta.priceTier === "off-peak" ? "off-peak" : meta.priceTier === "peak" ? "peak" : "list"} prices: $${meta.costUsd.toFixed(6)}`,
    });
  }
  if (meta.ttftMs !== undefined) items.push({ label: `first token ${formatSeconds(meta.ttftMs)}`, title: "Time to first token" });
  if (meta.durationMs !== undefined) items.push({ label: formatSeconds(meta.durationMs), title: "Whole answer" });
  if (items.length === 0) return null;
  return (
    <p data-testid="answer-meta" className="flex flex-wrap gap-x-2 gap-y-0.5 text-xs text-muted-foreground">
      {items.map((item, index) => (
        <span key={index} title={item.title} className="whitespace-nowrap">
          {index > 0 && <span className="mr-2 opacity-50">·</span>}
          {item.label}
        </span>
      ))}
    </p>
  );
}
