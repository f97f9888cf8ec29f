/**
 * Formatting for figures shown under answers, per locale (Intl). Shared by server and browser.
 * English keeps the compact forms the interface has always shown ("1.2K", "$0.0040", "3.1 s").
 * Money is in US dollars whatever the locale (the providers bill in dollars).
 */
import { DEFAULT_LOCALE, LOCALE_TAGS, type Locale } from "@/lib/i18n/config";

function decimal(value: number, locale: Locale, digits: number): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

function dollars(value: number, locale: Locale, digits: number): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale], {
    style: "currency",
    currency: "USD",
    currencyDisplay: "narrowSymbol",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export function formatUsd(usd: number, locale: Locale = DEFAULT_LOCALE): string {
  if (usd === 0) return dollars(0, locale, 0);
  if (usd < 0.0001) return `<${dollars(0.0001, locale, 4)}`;
  if (usd < 0.01) return dollars(usd, locale, 4);
  if (usd < 1) return dollars(usd, locale, 3);
  return dollars(usd, locale, 2);
}

/** A whole number with the locale's grouping ("12,345"). */
export function formatCount(count: number, locale: Locale = DEFAULT_LOCALE): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale]).format(count);
}

/** Token counts as K and M in every locale, as model makers and DeepSeek's Chinese docs write them. */
export function formatTokens(count: number, locale: Locale = DEFAULT_LOCALE): string {
  if (count < 1000) return String(count);
  if (count < 10_000) return `${decimal(count / 1000, locale, 1)}K`;
  if (count < 1_000_000) return `${decimal(Math.round(count / 1000), locale, 0)}K`;
  return `${decimal(count / 1_000_000, locale, 2)}M`;
}

function unit(value: number, name: "millisecond" | "second" | "minute", locale: Locale, digits: number): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale], { style: "unit", unit: name, unitDisplay: "short", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatSeconds(ms: number, locale: Locale = DEFAULT_LOCALE): string {
  if (locale === "en") {
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
    const minutes = Math.floor(ms / 60_000);
    return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  }
  if (ms < 1000) return unit(Math.round(ms), "millisecond", locale, 0);
  if (ms < 60_000) return unit(ms / 1000, "second", locale, 1);
  return `${unit(Math.floor(ms / 60_000), "minute", locale, 0)}${unit(Math.round((ms % 60_000) / 1000), "second", locale, 0)}`;
}

/** A context window: binary sizes read as people say them (1,048,576 is "1M", 262,144 is "256K"). */
export function formatWindow(tokens: number, locale: Locale = DEFAULT_LOCALE): string {
  if (tokens % 1_048_576 === 0) return `${tokens / 1_048_576}M`;
  if (tokens % 1024 === 0) return `${tokens / 1024}K`;
  return formatTokens(tokens, locale);
}
