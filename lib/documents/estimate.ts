// What a message with documents will cost before it is sent, per model. Shared by browser and
// server. The conversation so far was sent before, so it is priced as cache hits (the provider
// caches request prefixes); the new documents and words are misses. A follow-up then re-reads all
// of it at the cache-hit price. Output is not included: it depends on the answer's length.
import type { ReasoningMode } from "@/lib/ai/modes";
import type { BackendInfo } from "@/lib/contract";
import type { TokenPrices } from "@/lib/usage/prices";

/** Room kept free beside the answer's cap (the chat template, the instruction). */
export const READ_WHOLE_MARGIN_TOKENS = 4096;

/** What documents may fill before they are read in parts: the window less the answer's room (or the server's setting). */
export function readWholeTokens({ backend, model, mode, setting }: { backend: BackendInfo; model: string; mode: ReasoningMode; setting: number | null }): number {
  if (setting !== null) return setting;
  const info = backend.models.find((entry) => entry.key === model) ?? backend.models[0];
  if (!info) return Number.POSITIVE_INFINITY;
  return Math.max(8192, info.contextWindow - info.maxOutputTokens[mode] - READ_WHOLE_MARGIN_TOKENS);
}

/** Tokens a document's wrapper adds around its text (the <document name=…> tags). */
export const DOCUMENT_WRAPPER_TOKENS = 16;
/** A typical follow-up question, for the follow-up figure. */
export const FOLLOW_UP_TOKENS = 50;

export interface SendEstimate {
  totalTokens: number;
  window: number;
  fits: boolean;
  /** USD for this message's input. */
  nowUsd: number;
  /** USD for the input of one short follow-up after it (everything before it cached). */
  followUpUsd: number;
  /** What the follow-up would cost without the cache. */
  followUpUncachedUsd: number;
}

export function estimateSend({
  conversationTokens,
  newTokens,
  window,
  prices,
}: {
  conversationTokens: number;
  newTokens: number;
  window: number;
  prices: TokenPrices;
}): SendEstimate {
  const totalTokens = conversationTokens + newTokens;
  const perToken = (price: number) => price / 1_000_000;
  return {
    totalTokens,
    window,
    fits: totalTokens <= window,
    nowUsd: conversationTokens * perToken(prices.cacheHitInput) + newTokens * perToken(prices.cacheMissInput),
    followUpUsd: totalTokens * perToken(prices.cacheHitInput) + FOLLOW_UP_TOKENS * perToken(prices.cacheMissInput),
    followUpUncachedUsd: (totalTokens + FOLLOW_UP_TOKENS) * perToken(prices.cacheMissInput),
  };
}

/** Money the cache hits of an answer saved: the difference between the miss and hit prices. */
export function cacheSavingsUsd(cacheHitTokens: number, prices: TokenPrices): number {
  return (cacheHitTokens * Math.max(prices.cacheMissInput - prices.cacheHitInput, 0)) / 1_000_000;
}
