// The words for an error the server sent, in the page's language. Kept apart from the hook
// (components/i18n/use-error-text.ts) so both catalogues can be tested without React.
import { recogniseHint, type ErrorValues } from "@/lib/error-hints";
import type { ErrorWords } from "@/lib/errors";

export interface ShownError {
  code?: string;
  message?: string;
  hint?: string;
  words?: ErrorWords;
}

/** The subset of next-intl's translator for the "errors" namespace this needs (keys are checked at run time). */
export interface ErrorTranslator {
  has(key: string): boolean;
  (key: string, values?: ErrorValues): string;
}

/**
 * The server writes its messages in English, with a code (`type:surface`, lib/errors.ts) and, for
 * errors more specific than their code, catalogue words (errors.words.<key>). English shows the
 * server's own words (the most precise). Other locales show the catalogue's words for the error,
 * else for the code (errors.<type>_<surface>, else errors.<type>), and the server's words only for
 * a code the catalogue does not know; a hint shows when it is a known one (lib/error-hints.ts).
 */
export function errorTextFor(
  locale: string,
  t: ErrorTranslator,
  error: ShownError | undefined,
  fallback: string,
): { message: string; hint?: string } {
  if (locale === "en" || !error?.code) return { message: error?.message || fallback, hint: error?.hint };
  const message = translatedMessage(t, error.code, error.words);
  if (message === null) return { message: error.message || fallback, hint: error.hint };
  const known = error.hint ? recogniseHint(error.hint) : null;
  return known && t.has(`hints.${known.key}`) ? { message, hint: t(`hints.${known.key}`, known.values) } : { message };
}

function translatedMessage(t: ErrorTranslator, code: string, words: ErrorWords | undefined): string | null {
  if (words && t.has(`words.${words.key}`)) return t(`words.${words.key}`, words.values);
  const [type = "", surface = ""] = code.split(":");
  for (const key of [`${type}_${surface}`, type]) if (t.has(key)) return t(key);
  return null;
}
