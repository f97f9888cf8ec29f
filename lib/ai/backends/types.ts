import type { LanguageModel, streamText } from "ai";
import type { ModelKey } from "@/lib/ai/catalogue";
import type { OutputCaps, UpstreamTimeouts } from "@/lib/ai/limits";
import type { ReasoningMode } from "@/lib/ai/modes";
import type { BackendKind } from "@/lib/contract";
import type { PriceQuote } from "@/lib/usage/prices";

export type { BackendKind };

/** Provider-specific request options, as the AI SDK accepts them (JSON values by provider name). */
export type ProviderOptions = NonNullable<Parameters<typeof streamText>[0]["providerOptions"]>;

/** The options one request carries for a reasoning mode, in this backend's dialect. */
export interface ModeCallOptions {
  temperature?: number;
  topP?: number;
  providerOptions: ProviderOptions;
}

/**
 * A thin adapter from the product's (model, mode) to one upstream dialect.
 * The UI, the database code and the tests never ask which backend is in use.
 */
export interface Backend {
  kind: BackendKind;
  /** Shown in the UI: "DeepSeek API", "OpenRouter", "vLLM at http://…", "Offline simulator". */
  label: string;
  /** Context the backend serves; below 384K Think Max falls back to Think High. */
  contextWindow: number;
  /** Output-token caps per mode (before the model's and the context's own limits: see outputTokenCap). */
  outputCaps: OutputCaps;
  modelId(model: ModelKey): string;
  languageModel(model: ModelKey): LanguageModel;
  /** Request options for an (already effective) mode. */
  modeOptions(mode: ReasoningMode): ModeCallOptions;
  /** Prices in force at a moment (USD per 1M tokens). */
  prices(model: ModelKey, at: Date): PriceQuote;
  /** Whether this backend's `model` reads images (the model must, and the server must serve them). */
  vision(model: ModelKey): boolean;
}

/** Bounds every backend takes; each has a safe default (lib/ai/limits.ts). */
export interface BackendBounds {
  outputCaps?: OutputCaps;
  /** Applied to every request through the provider's `fetch` (see guarded-fetch.ts). */
  timeouts?: UpstreamTimeouts;
}
