import type { ModelKey } from "@/lib/ai/catalogue";

/** USD per 1M tokens. */
export interface TokenPrices {
  cacheHitInput: number;
  cacheMissInput: number;
  output: number;
}

/** A period of DeepSeek's price list. Off-peak discounts apply only where `peak` is set. */
export interface PricePeriod {
  /** First day (UTC) the prices apply. */
  from: string;
  prices: Record<ModelKey, TokenPrices>;
  peak?: {
    /** Multiplier outside peak hours (0.5 = half price). */
    offPeakFactor: number;
    /** UTC hour ranges [start, end) on weekdays. */
    hoursUtc: ReadonlyArray<readonly [number, number]>;
    /** UTC days of week (0 = Sunday) on which peak hours apply. */
    weekdays: ReadonlyArray<number>;
  };
}

/**
 * DeepSeek's published prices, as dated defaults. Prices changed several times in 2026;
 * FLASH_PRICES / PRO_PRICES override them (see lib/usage/price-settings.ts).
 */
export const DEEPSEEK_PRICE_HISTORY: readonly PricePeriod[] = [
  {
    from: "2026-04-24",
    prices: {
      flash: { cacheHitInput: 0.028, cacheMissInput: 0.14, output: 0.28 },
      pro: { cacheHitInput: 0.145, cacheMissInput: 1.74, output: 3.48 },
    },
  },
  {
    from: "2026-04-26",
    prices: {
      flash: { cacheHitInput: 0.0028, cacheMissInput: 0.14, output: 0.28 },
      pro: { cacheHitInput: 0.003625, cacheMissInput: 0.435, output: 0.87 },
    },
  },
  {
    from: "2026-08-16",
    prices: {
      flash: { cacheHitInput: 0.014, cacheMissInput: 0.44, output: 1.32 },
      pro: { cacheHitInput: 0.044, cacheMissInput: 1.32, output: 3.96 },
    },
    peak: {
      offPeakFactor: 0.5,
      hoursUtc: [
        [1, 4],
        [6, 10],
      ],
      weekdays: [1, 2, 3, 4, 5],
    },
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

export function periodAt(history: readonly PricePeriod[], at: Date): PricePeriod {
  const day = at.toISOString().slice(0, 10);
  let current = history[0];
  for (const period of history) {
    if (period.from <= day) current = period;
  }
  if (!current) throw new Error("Price history is empty");
  return current;
}

export function isPeakHour(period: PricePeriod, at: Date): boolean {
  if (!period.peak) return true;
  const hour = at.getUTCHours();
  const weekday = at.getUTCDay();
  return (
    period.peak.weekdays.includes(weekday) &&
    period.peak.hoursUtc.some(([start, end]) => hour >= start && hour < end)
  );
}

export interface PriceQuote {
  prices: TokenPrices;
  /** "peak" | "off-peak" where the period distinguishes them, else "standard". */
  tier: "peak" | "off-peak" | "standard";
  since: string;
}

/** The per-token prices in force for a model at a moment. */
export function quotePrices(history: readonly PricePeriod[], model: ModelKey, at: Date): PriceQuote {
  const period = periodAt(history, at);
  const base = period.prices[model];
  if (!period.peak) return { prices: base, tier: "standard", since: period.from };
  if (isPeakHour(period, at)) return { prices: base, tier: "peak", since: period.from };
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
