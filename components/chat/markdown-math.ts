import { math } from "@streamdown/math";
import type { MathPlugin } from "streamdown";
import type { Plugin } from "unified";
import { SAFE_KATEX_OPTIONS } from "@/lib/markdown/render-math";

/**
 * KaTeX with `trust` pinned off: `\href`, `\url`, `\includegraphics` and the `\html…` commands
 * render as plain (muted) text, never as links, fetches, ids, classes or styles. Streamdown runs
 * math after our rehype plugins, so its output skips the sanitizer; `urlTransform` and
 * `disallowedElements` in markdown.tsx check it again.
 */
const [rehypeKatex, katexOptions] = math.rehypePlugin as [Plugin<[Record<string, unknown>]>, Record<string, unknown>];
export const safeMath: MathPlugin = {
  ...math,
  rehypePlugin: [rehypeKatex, { ...katexOptions, ...SAFE_KATEX_OPTIONS }],
};
