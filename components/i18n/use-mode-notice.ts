"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { parseThinkMaxFallback } from "@/lib/i18n/mode-notice";

/**
 * A mode notice in the interface's language: the server stores it as English words (old answers
 * keep theirs), so the one it writes is recognised and said again from the catalogue; any other
 * shows as it is.
 */
export function useModeNotice() {
  const t = useTranslations("models");
  return useCallback(
    (notice: string | undefined): string | undefined => {
      const fallback = notice ? parseThinkMaxFallback(notice) : null;
      return fallback ? t("thinkMaxFallback", fallback) : notice;
    },
    [t],
  );
}
