import type { PriceTier } from "@/lib/contract";
import type { ModelKey } from "@/lib/ai/catalogue";
import { CHINA_PUBLIC_HOLIDAYS, chinaDate, type OffPeakDays } from "./holidays";

/** USD per 1M tokens. */
export interface TokenPrices {
  cacheHitInput: number;
  cacheMissInput: number;
  output: number;
}

/** A period of DeepSeek's price list. Off-peak discounts apply only where `peak` is set. */
export interface PricePeriod {
  /** The instant the prices take effect, as a full ISO 8601 UTC time (DeepSeek changes prices at a stated hour). */
  from: string;
  prices: Record<ModelKey, TokenPrices>;
  peak?: {
    /** Multiplier outside peak hours (0.5 = half price). */
    offPeakFactor: number;
    /** UTC hour ranges [start, end) on weekdays. */
    hoursUtc: ReadonlyArray<readonly [number, number]>;
    /** UTC days of week (0 = Sunday) on which peak hours apply, public holidays excepted. */
    weekdays: ReadonlyArray<number>;
  };
}

/** Since 2026-08-16: peak 09:00-12:00 and 14:00-18:00 Beijing time on weekdays; off-peak is half price. */
const PEAK_RULE: NonNullable<PricePeriod["peak"]> = {
  offPeakFactor: 0.5,
  hoursUtc: [
    [1, 4],
    [6, 10],
  ],
  weekdays: [1, 2, 3, 4, 5],
};

/**
 * DeepSeek's published prices, as dated defaults. Prices changed several times in 2026;
 * FLASH_PRICES / PRO_PRICES override them (see lib/ai/backends/select.ts).
 */
export const DEEPSEEK_PRICE_HISTORY: readonly PricePeriod[] = [
  {
    from: "2026-04-24T00:00:00Z",
    prices: {
      flash: { cacheHitInput: 0.028, cacheMissInput: 0.14, output: 0.28 },
      pro: { cacheHitInput: 0.145, cacheMissInput: 1.74, output: 3.48 },
    },
  },
  {
    from: "2026-04-26T00:00:00Z",
    prices: {
      flash: { cacheHitInput: 0.0028, cacheMissInput: 0.14, output: 0.28 },
      pro: { cacheHitInput: 0.003625, cacheMissInput: 0.435, output: 0.87 },
    },
  },
  {
    from: "2026-08-16T16:00:00Z",
    prices: {
      flash: { cacheHitInput: 0.014, cacheMissInput: 0.44, output: 1.32 },
      pro: { cacheHitInput: 0.044, cacheMissInput: 1.32, output: 3.96 },
    },
    peak: PEAK_RULE,
  },
  {
    // V4.1 Flash takes over Flash's ids (deepseek-flash and the legacy deepseek-v4-flash).
    from: "2026-09-10T04:00:00Z",
    prices: {
      flash: { cacheHitInput: 0.006, cacheMissInput: 0.3, output: 1.2 },
      pro: { cacheHitInput: 0.044, cacheMissInput: 1.32, output: 3.96 },
    },
    peak: PEAK_RULE,
  },
];

/** OpenRouter's listing (no separate cache price; it also reports the charged cost itself). */
export const OPENROUTER_PRICES: Record<ModelKey, TokenPrices> = {
  flash: { cacheHitInput: 0.14, cacheMissInput: 0.14, output: 0.28 },
  pro: { cacheHitInput: 0.435, cacheMissInput: 0.435, output: 0.87 },
};

/** Self-hosted servers bill nothing per token. */
export const FREE_PRICES: Record<ModelKey, TokenPrices> = {
  flash: { cacheHitInput: 0, cacheMissInput: 0, output: 0 },
  pro: { cacheHitInput: 0, cacheMissInput: 0, output: 0 },
};

/** The period in force at an instant (the first one for anything earlier). History is in date order. */
export function periodAt(history: readonly PricePeriod[], at: Date): PricePeriod {
  let current = history[0];
  for (const period of history) {
    if (Date.parse(period.from) <= at.getTime()) current = period;
  }
  if (!current) throw new Error("Price history is empty");
  return current;
}

/** Whether peak prices apply; `offPeakDays` are off-peak all day (China's public holidays by default). */
export function isPeakHour(period: PricePeriod, at: Date, offPeakDays: OffPeakDays = CHINA_PUBLIC_HOLIDAYS): boolean {
  if (!period.peak) return true;
  const hour = at.getUTCHours();
  const weekday = at.getUTCDay();
  return (
    !offPeakDays.has(chinaDate(at)) &&
    period.peak.weekdays.includes(weekday) &&
    period.peak.hoursUtc.some(([start, end]) => hour >= start && hour < end)
  );
}

export interface PriceQuote {
  prices: TokenPrices;
  /** "peak" | "off-peak" where the period distinguishes them, else "standard". */
  tier: PriceTier;
  /** The instant the period began (its `from`). */
  since: string;
}

/** The per-token prices in force for a model at a moment. */
export function quotePrices(
  history: readonly PricePeriod[],
  model: ModelKey,
  at: Date,
  offPeakDays: OffPeakDays = CHINA_PUBLIC_HOLIDAYS,
): PriceQuote {
  const period = periodAt(history, at);
  const base = period.prices[model];
  if (!period.peak) return { prices: base, tier: "standard", since: period.from };
  if (isPeakHour(period, at, offPeakDays)) return { prices: base, tier: "peak", since: period.from };
  const f = period.peak.offPeakFactor;
  return {
    prices: {
      cacheHitInput: base.cacheHitInput * f,
      cacheMissInput: base.cacheMissInput * f,
      output: base.output * f,
    },
    tier: "off-peak",
    since: period.from,
  };
}

/** Parses "hit/miss/output" (USD per 1M tokens). */
export function parsePriceTriple(text: string, settingName: string): TokenPrices {
  const parts = text.split("/").map((piece) => Number(piece.trim()));
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new Error(`${settingName} must read "cacheHit/cacheMiss/output" in USD per 1M tokens, got "${text}"`);
  }
  const [cacheHitInput, cacheMissInput, output] = parts as [number, number, number];
  return { cacheHitInput, cacheMissInput, output };
}
