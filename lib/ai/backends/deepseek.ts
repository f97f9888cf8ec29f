import "server-only";
import { createDeepSeek } from "@ai-sdk/deepseek";
import { SAMPLING_DEFAULTS, getModelInfo, type ModelKey } from "@/lib/ai/catalogue";
import { DEFAULT_OUTPUT_CAPS, DEFAULT_UPSTREAM_TIMEOUTS } from "@/lib/ai/limits";
import type { ReasoningMode } from "@/lib/ai/modes";
import type { OffPeakDays } from "@/lib/usage/holidays";
import type { PricePeriod } from "@/lib/usage/prices";
import { quotePrices } from "@/lib/usage/prices";
import { guardedFetch } from "./guarded-fetch";
import type { Backend, BackendBounds, BackendKind, ModeCallOptions } from "./types";

export const DEEPSEEK_DEFAULT_BASE_URL = "https://api.deepseek.com";

/**
 * DeepSeek's own API (and anything that speaks it exactly, such as the offline simulator):
 * `thinking: {type}` plus `reasoning_effort`, reasoning in `reasoning_content`.
 */
export function deepseekModeOptions(mode: ReasoningMode): ModeCallOptions {
  switch (mode) {
    case "non-think":
      // Sampling only matters without thinking: DeepSeek ignores it while thinking.
      return {
        temperature: SAMPLING_DEFAULTS.temperature,
        topP: SAMPLING_DEFAULTS.topP,
        providerOptions: { deepseek: { thinking: { type: "disabled" } } },
      };
    case "think-high":
      return { providerOptions: { deepseek: { thinking: { type: "enabled" }, reasoningEffort: "high" } } };
    case "think-max":
      return { providerOptions: { deepseek: { thinking: { type: "enabled" }, reasoningEffort: "max" } } };
  }
}

export interface DeepSeekBackendOptions extends BackendBounds {
  kind?: Extract<BackendKind, "deepseek" | "simulator">;
  label?: string;
  apiKey: string;
  baseURL: string;
  modelIds?: Partial<Record<ModelKey, string>>;
  priceHistory: readonly PricePeriod[];
  /** Days without peak prices; China's public holidays when unset. */
  offPeakDays?: OffPeakDays;
  fetch?: typeof fetch;
}

export function createDeepSeekBackend(options: DeepSeekBackendOptions): Backend {
  const provider = createDeepSeek({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    fetch: guardedFetch(options.timeouts ?? DEFAULT_UPSTREAM_TIMEOUTS, options.fetch),
  });
  const modelId = (model: ModelKey) => options.modelIds?.[model] ?? getModelInfo(model).defaultIds.deepseek;
  return {
    kind: options.kind ?? "deepseek",
    label: options.label ?? "DeepSeek API",
    contextWindow: 1_048_576,
    outputCaps: options.outputCaps ?? DEFAULT_OUTPUT_CAPS,
    modelId,
    languageModel: (model) => provider(modelId(model)),
    modeOptions: deepseekModeOptions,
    prices: (model, at) => quotePrices(options.priceHistory, model, at, options.offPeakDays),
    vision: (model) => getModelInfo(model).capabilities.vision,
  };
}
