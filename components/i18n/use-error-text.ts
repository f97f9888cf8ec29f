"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { errorTextFor, type ErrorTranslator, type ShownError } from "@/lib/i18n/error-text";

/** The words for an error the server sent, in the page's language (lib/i18n/error-text.ts). */
export function useErrorText() {
  const locale = useLocale();
  const t = useTranslations("errors");
  return useCallback(
    // Keys come from the server at run time: checked with has() rather than by the compiler.
    (error: ShownError | undefined, fallback: string) => errorTextFor(locale, t as unknown as ErrorTranslator, error, fallback),
    [locale, t],
  );
}
