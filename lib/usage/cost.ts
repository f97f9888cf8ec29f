import type { TokenPrices } from "./prices";

/** Token counts of one answer, as the upstream reported them. */
export interface TokenUsage {
  inputTokens: number;
  cacheHitTokens: number;
  cacheMissTokens: number;
  outputTokens: number;
  /** Part of outputTokens. */
  reasoningTokens: number;
}

export interface CostBreakdown {
  cacheHitUsd: number;
  cacheMissUsd: number;
  outputUsd: number;
  totalUsd: number;
}

const PER_MILLION = 1_000_000;

/** Money for one answer: cache-hit input, cache-miss input and output (reasoning included) at their prices. */
export function computeCost(usage: TokenUsage, prices: TokenPrices): CostBreakdown {
  const cacheHitUsd = (usage.cacheHitTokens * prices.cacheHitInput) / PER_MILLION;
  const cacheMissUsd = (usage.cacheMissTokens * prices.cacheMissInput) / PER_MILLION;
  const outputUsd = (usage.outputTokens * prices.output) / PER_MILLION;
  return { cacheHitUsd, cacheMissUsd, outputUsd, totalUsd: cacheHitUsd + cacheMissUsd + outputUsd };
}

/** Prompt tokens split into hits and misses; when the upstream gives no split, all are misses. */
export function splitInput(inputTokens: number, cacheHitTokens: number | undefined): {
  cacheHitTokens: number;
  cacheMissTokens: number;
} {
  const hits = Math.min(Math.max(cacheHitTokens ?? 0, 0), inputTokens);
  return { cacheHitTokens: hits, cacheMissTokens: inputTokens - hits };
}

/**
 * The cost the upstream itself reported for the request, when it does (OpenRouter puts the
 * charged amount in `usage.cost`). It wins over our own arithmetic: it is what was billed.
 */
export function reportedCost(rawUsage: unknown): number | undefined {
  if (typeof rawUsage !== "object" || rawUsage === null) return undefined;
  const cost = (rawUsage as { cost?: unknown }).cost;
  return typeof cost === "number" && Number.isFinite(cost) && cost >= 0 ? cost : undefined;
}
