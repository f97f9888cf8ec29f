import katex from "katex";

/**
 * KaTeX options shared by every place math is drawn. `trust` stays off: `\href`, `\url`,
 * `\includegraphics` and `\html…` render as text, so model-written math makes no links, fetches,
 * ids, classes or styles. Size and macro expansion are bounded so a hostile formula cannot stall
 * the page.
 */
export const SAFE_KATEX_OPTIONS = { trust: false, strict: "ignore", maxSize: 20, maxExpand: 200 } as const;

/**
 * One formula as KaTeX's HTML. The markup is KaTeX's own (every character of the source escaped),
 * never the model's; a formula KaTeX cannot parse comes back as its escaped source.
 */
export function renderMathToHtml(tex: string, display: boolean): string {
  return katex.renderToString(tex, { ...SAFE_KATEX_OPTIONS, displayMode: display, throwOnError: false, errorColor: "currentColor" });
}
