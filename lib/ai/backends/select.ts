import "server-only";
import type { ModelKey } from "@/lib/ai/catalogue";
import { outputCapsFrom, upstreamTimeoutsFrom } from "@/lib/ai/limits";
import type { Env } from "@/lib/env";
import { CHINA_PUBLIC_HOLIDAYS, parseOffPeakDays, type OffPeakDays } from "@/lib/usage/holidays";
import { DEEPSEEK_PRICE_HISTORY, parsePriceTriple, type PricePeriod, type TokenPrices } from "@/lib/usage/prices";
import { createDeepSeekBackend, DEEPSEEK_DEFAULT_BASE_URL } from "./deepseek";
import { createOpenRouterBackend, createSelfHostedBackend, OPENROUTER_DEFAULT_BASE_URL } from "./openai-compatible";
import type { Backend, BackendKind } from "./types";

/** The simulator answers any key; this one only marks requests as coming from V4 Chat. */
export const SIMULATOR_API_KEY = "sk-v4chat-offline-simulator";

export function simulatorUrl(settings: Env): string {
  return `http://127.0.0.1:${settings.SIMULATOR_PORT}`;
}

/** Which backend the settings ask for: an explicit V4_BACKEND, else the first one configured. */
export function chooseBackendKind(settings: Env): BackendKind {
  if (settings.V4_BACKEND) return settings.V4_BACKEND;
  if (settings.DEEPSEEK_API_KEY) return "deepseek";
  if (settings.OPENROUTER_API_KEY) return "openrouter";
  if (settings.OPENAI_COMPATIBLE_BASE_URL) return "openai-compatible";
  return "simulator";
}

function priceOverrides(settings: Env): Partial<Record<ModelKey, TokenPrices>> {
  const overrides: Partial<Record<ModelKey, TokenPrices>> = {};
  if (settings.FLASH_PRICES) overrides.flash = parsePriceTriple(settings.FLASH_PRICES, "FLASH_PRICES");
  if (settings.PRO_PRICES) overrides.pro = parsePriceTriple(settings.PRO_PRICES, "PRO_PRICES");
  return overrides;
}

/** DeepSeek's dated price list, with any configured override taking over from today on. */
function deepseekPriceHistory(settings: Env): readonly PricePeriod[] {
  const overrides = priceOverrides(settings);
  if (!overrides.flash && !overrides.pro) return DEEPSEEK_PRICE_HISTORY;
  const latest = DEEPSEEK_PRICE_HISTORY[DEEPSEEK_PRICE_HISTORY.length - 1]!;
  return [
    {
      from: "1970-01-01T00:00:00Z",
      prices: { flash: overrides.flash ?? latest.prices.flash, pro: overrides.pro ?? latest.prices.pro },
    },
  ];
}

/** OFF_PEAK_DAYS replaces China's public holidays as the days without peak prices. */
function offPeakDays(settings: Env): OffPeakDays {
  return settings.OFF_PEAK_DAYS ? parseOffPeakDays(settings.OFF_PEAK_DAYS, "OFF_PEAK_DAYS") : CHINA_PUBLIC_HOLIDAYS;
}

function modelIds(settings: Env): Partial<Record<ModelKey, string>> {
  const ids: Partial<Record<ModelKey, string>> = {};
  if (settings.FLASH_MODEL_ID) ids.flash = settings.FLASH_MODEL_ID;
  if (settings.PRO_MODEL_ID) ids.pro = settings.PRO_MODEL_ID;
  return ids;
}

function required(value: string | undefined, name: string, kind: BackendKind): string {
  if (!value) throw new Error(`V4_BACKEND=${kind} needs ${name} to be set`);
  return value;
}

export function createBackend(settings: Env, fetchImpl?: typeof fetch): Backend {
  const kind = chooseBackendKind(settings);
  const bounds = { outputCaps: outputCapsFrom(settings), timeouts: upstreamTimeoutsFrom(settings) };
  switch (kind) {
    case "deepseek":
      return createDeepSeekBackend({
        apiKey: required(settings.DEEPSEEK_API_KEY, "DEEPSEEK_API_KEY", kind),
        baseURL: settings.DEEPSEEK_BASE_URL ?? DEEPSEEK_DEFAULT_BASE_URL,
        modelIds: modelIds(settings),
        priceHistory: deepseekPriceHistory(settings),
        offPeakDays: offPeakDays(settings),
        fetch: fetchImpl,
        ...bounds,
      });
    case "openrouter":
      return createOpenRouterBackend({
        apiKey: required(settings.OPENROUTER_API_KEY, "OPENROUTER_API_KEY", kind),
        baseURL: settings.OPENROUTER_BASE_URL ?? OPENROUTER_DEFAULT_BASE_URL,
        modelIds: modelIds(settings),
        priceOverrides: priceOverrides(settings),
        fetch: fetchImpl,
        ...bounds,
      });
    case "openai-compatible":
      return createSelfHostedBackend({
        baseURL: required(settings.OPENAI_COMPATIBLE_BASE_URL, "OPENAI_COMPATIBLE_BASE_URL", kind),
        apiKey: settings.OPENAI_COMPATIBLE_API_KEY,
        dialect: settings.OPENAI_COMPATIBLE_DIALECT,
        contextWindow: settings.OPENAI_COMPATIBLE_CONTEXT_WINDOW,
        modelIds: modelIds(settings),
        priceOverrides: priceOverrides(settings),
        fetch: fetchImpl,
        ...bounds,
      });
    case "simulator":
      // The simulator speaks DeepSeek's protocol, so it goes through the very same provider code.
      return createDeepSeekBackend({
        kind: "simulator",
        label: "Offline simulator",
        apiKey: SIMULATOR_API_KEY,
        baseURL: simulatorUrl(settings),
        modelIds: modelIds(settings),
        priceHistory: deepseekPriceHistory(settings),
        offPeakDays: offPeakDays(settings),
        fetch: fetchImpl,
        ...bounds,
      });
  }
}
