import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { SAMPLING_DEFAULTS, getModelInfo, type ModelKey } from "@/lib/ai/catalogue";
import { DEFAULT_OUTPUT_CAPS, DEFAULT_UPSTREAM_TIMEOUTS } from "@/lib/ai/limits";
import type { ReasoningMode } from "@/lib/ai/modes";
import { FREE_PRICES, OPENROUTER_PRICES, type TokenPrices } from "@/lib/usage/prices";
import { guardedFetch } from "./guarded-fetch";
import type { Backend, BackendBounds, ModeCallOptions } from "./types";

export const OPENROUTER_DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";

// @ai-sdk/openai-compatible spreads unknown options under the provider's name into the body:
// that is how `reasoning` and `chat_template_kwargs` reach the server.
const OPENROUTER = "openrouter";
const SELF_HOSTED = "selfhosted";

const sampling = { temperature: SAMPLING_DEFAULTS.temperature, topP: SAMPLING_DEFAULTS.topP };

/** OpenRouter's unified `reasoning` object; its `xhigh` maps to DeepSeek's max. */
export function openRouterModeOptions(mode: ReasoningMode): ModeCallOptions {
  const reasoning =
    mode === "non-think" ? { enabled: false } : { effort: mode === "think-max" ? "xhigh" : "high" };
  return { ...sampling, providerOptions: { [OPENROUTER]: { reasoning } } };
}

/** vLLM and SGLang read the mode from the chat template's keyword arguments. */
export function selfHostedModeOptions(mode: ReasoningMode): ModeCallOptions {
  const kwargs =
    mode === "non-think"
      ? { thinking: false }
      : { thinking: true, reasoning_effort: mode === "think-max" ? "max" : "high" };
  return { ...sampling, providerOptions: { [SELF_HOSTED]: { chat_template_kwargs: kwargs } } };
}

interface CompatibleOptions extends BackendBounds {
  baseURL: string;
  apiKey?: string;
  modelIds?: Partial<Record<ModelKey, string>>;
  priceOverrides?: Partial<Record<ModelKey, TokenPrices>>;
  fetch?: typeof fetch;
}

export function createOpenRouterBackend(options: CompatibleOptions): Backend {
  const provider = createOpenAICompatible({
    name: OPENROUTER,
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    includeUsage: true,
    fetch: guardedFetch(options.timeouts ?? DEFAULT_UPSTREAM_TIMEOUTS, options.fetch),
  });
  const modelId = (model: ModelKey) => options.modelIds?.[model] ?? getModelInfo(model).defaultIds.openrouter;
  return {
    kind: "openrouter",
    label: "OpenRouter",
    contextWindow: 1_048_576,
    outputCaps: options.outputCaps ?? DEFAULT_OUTPUT_CAPS,
    modelId,
    languageModel: (model) => provider.chatModel(modelId(model)),
    modeOptions: openRouterModeOptions,
    prices: (model) => ({
      prices: options.priceOverrides?.[model] ?? OPENROUTER_PRICES[model],
      tier: "standard",
      since: "listing",
    }),
    // OpenRouter passes image blocks on to V4.1 Flash.
    vision: (model) => getModelInfo(model).capabilities.vision,
  };
}

export function createSelfHostedBackend(
  options: CompatibleOptions & { dialect: "vllm" | "sglang"; contextWindow: number },
): Backend {
  const provider = createOpenAICompatible({
    name: SELF_HOSTED,
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    includeUsage: true,
    fetch: guardedFetch(options.timeouts ?? DEFAULT_UPSTREAM_TIMEOUTS, options.fetch),
  });
  const modelId = (model: ModelKey) =>
    options.modelIds?.[model] ?? getModelInfo(model).defaultIds.openaiCompatible;
  const serverName = options.dialect === "sglang" ? "SGLang" : "vLLM";
  return {
    kind: "openai-compatible",
    label: `${serverName} at ${new URL(options.baseURL).host}`,
    contextWindow: options.contextWindow,
    outputCaps: options.outputCaps ?? DEFAULT_OUTPUT_CAPS,
    modelId,
    languageModel: (model) => provider.chatModel(modelId(model)),
    modeOptions: selfHostedModeOptions,
    prices: (model) => ({
      prices: options.priceOverrides?.[model] ?? FREE_PRICES[model],
      tier: "standard",
      since: "self-hosted",
    }),
    // The open V4 weights read text only; a self-hosted server is not sent images.
    vision: () => false,
  };
}
