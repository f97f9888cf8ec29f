"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, LOCALE_NAMES, LOCALES, isLocale } from "@/lib/i18n/config";

/**
 * The interface's language: a native select (keyboard and screen readers for free). The choice is
 * kept in a cookie the server reads on every request; the page then renders again in it.
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const id = useId();
  return (
    <div className={compact ? "flex items-center gap-2" : "space-y-1.5"}>
      <label htmlFor={id} className={compact ? "sr-only" : "block text-sm font-medium"}>
        {t("label")}
      </label>
      <select
        id={id}
        data-testid="language-switch"
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          if (!isLocale(next)) return;
          document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax`;
          startTransition(() => router.refresh());
        }}
        className="h-9 rounded-lg border border-border bg-card px-2 text-sm"
      >
        {LOCALES.map((value) => (
          <option key={value} value={value} lang={value === "zh" ? "zh-CN" : value}>
            {LOCALE_NAMES[value]}
          </option>
        ))}
      </select>
      {!compact && <p className="text-xs text-muted-foreground">{t("help")}</p>}
    </div>
  );
}
