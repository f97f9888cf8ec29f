/**
 * Upstream bounds: how much one answer may cost and how long an upstream may keep us waiting.
 * Defaults live here with their reasons; lib/env.ts lets each be overridden.
 */
import { getModelInfo, type ModelKey } from "./catalogue";
import type { ReasoningMode } from "./modes";

export type OutputCaps = Record<ReasoningMode, number>;

/**
 * Output tokens per answer, sent as max_tokens (reasoning tokens count towards it). V4 Flash and
 * Pro allow 384K; without a cap a runaway answer (a repetition loop, a model reasoning in
 * circles) runs for hours and bills every token. The caps are well above what a real answer needs:
 *
 * - Non-think, 32K: every token is answer. 32K tokens is about 24,000 words or 2,500 lines of
 *   code, longer than any answer one reads in a chat; a runaway costs at most about $0.13 on Pro
 *   at peak prices ($3.96 per 1M output tokens) and ends in minutes.
 * - Think High, 64K: high-effort reasoning usually takes 2K–20K tokens, so 64K leaves room for a
 *   long reasoning and a long answer after it (at most about $0.26 on Pro).
 * - Think Max, 256K: max effort is for the hardest problems, where reasoning can pass 100K
 *   tokens, so it keeps two thirds of the model's 384K. A self-hosted server must offer at least
 *   384K of context for Think Max, and prompt plus max_tokens must fit in it (vLLM refuses the
 *   request otherwise), so 256K leaves the conversation 128K there. At most about $1.04 on Pro.
 */
export const DEFAULT_OUTPUT_CAPS: OutputCaps = {
  "non-think": 32_768,
  "think-high": 65_536,
  "think-max": 262_144,
};

/**
 * The max_tokens sent for a model and an (effective) mode: the configured cap, never above the
 * model's own maximum, nor above half the backend's context window (a server such as vLLM refuses
 * a request whose prompt plus max_tokens exceeds its window, so the answer may take at most half
 * of it and the conversation keeps the rest).
 */
export function outputTokenCap({
  caps,
  model,
  mode,
  contextWindow,
}: {
  caps: OutputCaps;
  model: ModelKey;
  mode: ReasoningMode;
  contextWindow: number;
}): number {
  return Math.max(1, Math.min(caps[mode], getModelInfo(model).maxOutputTokens, Math.floor(contextWindow / 2)));
}

/** The caps from the settings (each defaults to DEFAULT_OUTPUT_CAPS). */
export function outputCapsFrom(settings: {
  MAX_OUTPUT_TOKENS_NON_THINK: number;
  MAX_OUTPUT_TOKENS_THINK_HIGH: number;
  MAX_OUTPUT_TOKENS_THINK_MAX: number;
}): OutputCaps {
  return {
    "non-think": settings.MAX_OUTPUT_TOKENS_NON_THINK,
    "think-high": settings.MAX_OUTPUT_TOKENS_THINK_HIGH,
    "think-max": settings.MAX_OUTPUT_TOKENS_THINK_MAX,
  };
}

export interface UpstreamTimeouts {
  /** No byte at all (not even a keep-alive comment) for this long: the upstream is gone. */
  idleMs: number;
  /** Only keep-alive comments or blank lines, no data event, for this long: the request is stuck in a queue. */
  keepAliveLimitMs: number;
}

/**
 * 60 s of silence: DeepSeek sends a keep-alive comment every few seconds while a request waits,
 * and tokens come many times a second once it runs, so a minute without a byte is a dead
 * connection, not a slow model. 10 min of keep-alives alone: DeepSeek documents that a request
 * may wait in its queue for minutes under load; ten is past any wait that ends in an answer
 * someone is still waiting for.
 */
export const DEFAULT_UPSTREAM_TIMEOUTS: UpstreamTimeouts = {
  idleMs: 60_000,
  keepAliveLimitMs: 600_000,
};

export function upstreamTimeoutsFrom(settings: { UPSTREAM_IDLE_TIMEOUT_MS: number; UPSTREAM_KEEPALIVE_LIMIT_MS: number }): UpstreamTimeouts {
  return { idleMs: settings.UPSTREAM_IDLE_TIMEOUT_MS, keepAliveLimitMs: settings.UPSTREAM_KEEPALIVE_LIMIT_MS };
}
