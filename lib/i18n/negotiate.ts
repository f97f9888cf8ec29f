import { DEFAULT_LOCALE, isLocale, type Locale } from "./config";

/**
 * The locale for a request: the saved choice (cookie) first, then the browser's languages in
 * their order of preference, then English. Any Chinese (zh, zh-CN, zh-TW, zh-Hans…) reads as
 * Simplified Chinese, the one Chinese the interface has.
 */
export function chooseLocale({ cookie, acceptLanguage }: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(cookie)) return cookie;
  for (const tag of preferredLanguages(acceptLanguage ?? "")) {
    const primary = tag.split("-")[0]!.toLowerCase();
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/** An Accept-Language header's tags, most wanted first (q=0 means "not this one"). */
export function preferredLanguages(header: string): string[] {
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
}
