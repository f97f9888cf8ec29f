/**
 * The model catalogue: what V4 Chat offers, independent of the backend that serves it.
 * Upstream ids are per backend (see backends/); prices are dated defaults (see lib/usage/prices.ts).
 */

export const MODEL_KEYS = ["flash", "pro"] as const;
export type ModelKey = (typeof MODEL_KEYS)[number];

export interface ModelInfo {
  key: ModelKey;
  label: string;
  /** One line for the model picker. */
  tagline: string;
  /** Tokens of context the model itself supports (a backend may serve less). */
  contextWindow: number;
  maxOutputTokens: number;
  capabilities: {
    reasoning: boolean;
    /** Think Max is only recommended with at least this much context. */
    thinkMaxMinContext: number;
    /** Reads images in the prompt (V4.1 Flash does; Pro does not). */
    vision: boolean;
  };
  /** Default upstream ids, by API dialect. */
  defaultIds: { deepseek: string; openrouter: string; openaiCompatible: string };
}

const MILLION_CONTEXT = 1_048_576;
const THINK_MAX_MIN_CONTEXT = 393_216; // 384K: the model card's recommendation for Think Max

export const CATALOGUE: Record<ModelKey, ModelInfo> = {
  flash: {
    key: "flash",
    // DeepSeek's and OpenRouter's Flash ids are served by V4.1 Flash since 2026-09-10.
    label: "V4.1 Flash",
    tagline: "Fast and cheap. 284B MoE, 13B active.",
    contextWindow: MILLION_CONTEXT,
    maxOutputTokens: 384_000,
    capabilities: { reasoning: true, thinkMaxMinContext: THINK_MAX_MIN_CONTEXT, vision: true },
    defaultIds: {
      deepseek: "deepseek-flash",
      openrouter: "deepseek/deepseek-v4.1-flash",
      openaiCompatible: "deepseek-ai/DeepSeek-V4-Flash",
    },
  },
  pro: {
    key: "pro",
    label: "V4 Pro",
    tagline: "Deeper answers. 1.6T MoE, 49B active.",
    contextWindow: MILLION_CONTEXT,
    maxOutputTokens: 384_000,
    capabilities: { reasoning: true, thinkMaxMinContext: THINK_MAX_MIN_CONTEXT, vision: false },
    defaultIds: {
      deepseek: "deepseek-v4-pro",
      openrouter: "deepseek/deepseek-v4-pro",
      openaiCompatible: "deepseek-ai/DeepSeek-V4-Pro",
    },
  },
};

export function isModelKey(value: unknown): value is ModelKey {
  return typeof value === "string" && (MODEL_KEYS as readonly string[]).includes(value);
}

export function getModelInfo(key: ModelKey): ModelInfo {
  return CATALOGUE[key];
}

export const DEFAULT_MODEL: ModelKey = "flash";

/** Sampling defaults from the model card. In thinking mode DeepSeek ignores temperature. */
export const SAMPLING_DEFAULTS = { temperature: 1.0, topP: 1.0 } as const;
