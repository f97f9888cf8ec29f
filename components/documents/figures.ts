import type { useTranslations } from "next-intl";
import { KIND_LABELS, type DocumentKind } from "@/lib/documents/formats";
import type { useFigures } from "@/components/i18n/use-figures";

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "PDF · 12 pages · 48,210 characters · 11.2K tokens", in the interface's language. */
export function documentFigures(
  doc: { kind: string; pages: number | null; chars: number; tokens: number },
  t: ReturnType<typeof useTranslations<"documents">>,
  figures: ReturnType<typeof useFigures>,
): string[] {
  // Format names (PDF, Word, CSV…) are the same in every language; "Text" and "Code" are words.
  const kind = doc.kind === "text" || doc.kind === "code" ? t(`kinds.${doc.kind}`) : (KIND_LABELS[doc.kind as DocumentKind] ?? doc.kind);
  const list = [kind];
  if (doc.pages !== null) list.push(t("pages", { count: doc.pages }));
  list.push(t("characters", { count: figures.count(doc.chars) }));
  list.push(t("tokens", { tokens: figures.tokens(doc.tokens) }));
  return list;
}
