"use client";

import { useLocale } from "next-intl";
import { useMemo } from "react";
import { LOCALE_TAGS } from "@/lib/i18n/config";
import { formatCount, formatSeconds, formatTokens, formatUsd, formatWindow } from "@/lib/usage/format";

/** The figure formatters of lib/usage/format.ts, bound to the interface's locale. */
export function useFigures() {
  const locale = useLocale();
  return useMemo(
    () => ({
      /** The BCP 47 tag, for Intl formatters of one's own. */
      tag: LOCALE_TAGS[locale],
      usd: (usd: number) => formatUsd(usd, locale),
      tokens: (count: number) => formatTokens(count, locale),
      count: (count: number) => formatCount(count, locale),
      seconds: (ms: number) => formatSeconds(ms, locale),
      window: (tokens: number) => formatWindow(tokens, locale),
    }),
    [locale],
  );
}
