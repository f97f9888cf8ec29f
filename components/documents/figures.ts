import { KIND_LABELS, type DocumentKind } from "@/lib/documents/formats";
import { formatTokens } from "@/lib/usage/format";

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "PDF · 12 pages · 48,210 characters · 11.2K tokens" */
export function documentFigures(doc: { kind: string; pages: number | null; chars: number; tokens: number }): string[] {
  const figures = [KIND_LABELS[doc.kind as DocumentKind] ?? doc.kind];
  if (doc.pages !== null) figures.push(`${doc.pages} ${doc.pages === 1 ? "page" : "pages"}`);
  figures.push(`${doc.chars.toLocaleString("en-US")} characters`);
  figures.push(`${formatTokens(doc.tokens)} tokens`);
  return figures;
}
