/**
 * The interface's languages. Shared by server and browser: the locale lives in a cookie (no
 * locale prefix in URLs), chosen in Account → Language or from the browser's Accept-Language.
 */

export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "en";

/** The cookie that keeps a person's choice. */
export const LOCALE_COOKIE = "locale";

/** A year: the choice outlives browser restarts. */
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Each language named in itself, as language menus do. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  zh: "简体中文",
};

/** The BCP 47 tag for `<html lang>` and Intl: zh here is Simplified Chinese as written in mainland China. */
export const LOCALE_TAGS: Record<Locale, string> = {
  en: "en",
  zh: "zh-CN",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
