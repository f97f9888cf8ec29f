"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";

interface ShownError {
  code?: string;
  message?: string;
  hint?: string;
}

/**
 * The words for an error the server sent. The server writes its messages in English, with a
 * code (`type:surface`, lib/errors.ts): English shows the server's own words (the most precise),
 * other locales the catalogue's text for the code (errors.<type>_<surface>, else errors.<type>),
 * and the server's words only for a code the catalogue does not know.
 */
export function useErrorText() {
  const locale = useLocale();
  const t = useTranslations("errors");
  return useCallback(
    (error: ShownError | undefined, fallback: string): { message: string; hint?: string } => {
      if (locale === "en" || !error?.code) return { message: error?.message || fallback, hint: error?.hint };
      const [type = "", surface = ""] = error.code.split(":");
      for (const key of [`${type}_${surface}`, type]) {
        // Keys come from the server at run time: checked with has() rather than by the compiler.
        if (t.has(key as "internal")) return { message: t(key as "internal") };
      }
      return { message: error.message || fallback, hint: error.hint };
    },
    [locale, t],
  );
}
