"use client";

import { memo, useMemo, useRef } from "react";
import { useTranslations } from "next-intl";
import { defaultRehypePlugins, Streamdown, type Components } from "streamdown";
import type { Pluggable } from "unified";
import { normalizeMathMarkdown } from "@/lib/markdown/math-delimiters";
import { lazyCode, plainCode } from "./lazy-plugins";
import { safeMath } from "./markdown-math";
import { useFocusableScrollRegions } from "./use-focusable-scroll";
import { DISALLOWED_ELEMENTS, ImagePlaceholder, recordBlockedLinks, SafeLink, urlTransform } from "./markdown-safety";

// KaTeX comes with this module, which is itself loaded apart from the page (lazy-markdown.tsx), so
// the server's rendering of saved math and the browser's agree from the first paint. Shiki loads
// when a code block first needs it.
const withHighlighting = { code: lazyCode, math: safeMath };
const withoutHighlighting = { code: plainCode, math: safeMath };

/**
 * Model output is untrusted input: a prompt injection can make the model write anything. Streamdown's
 * defaults parse raw HTML (its `raw` plugin) and load images from anywhere, which could send data
 * out in an image URL. So there is no raw-HTML plugin (raw HTML stays text), the sanitizer keeps
 * only markdown's own elements, and every link and image is rendered by our components
 * (markdown-safety.tsx): links live only for http(s), mailto and same-site addresses, in a new tab
 * without opener or referrer; images are never loaded, only named with a link to open them.
 */
const rehypePlugins: Pluggable[] = [recordBlockedLinks, defaultRehypePlugins.sanitize as Pluggable];
const components: Components = { a: SafeLink, img: ImagePlaceholder };
const linkSafety = { enabled: false };

const MARKDOWN_WORDS = [
  "close", "copied", "copyCode", "copyLink", "copyTable", "copyTableAsCsv", "copyTableAsMarkdown", "copyTableAsTsv", "downloadFile",
  "downloadTable", "downloadTableAsCsv", "downloadTableAsMarkdown", "viewFullscreen", "exitFullscreen", "imageNotAvailable", "downloadImage",
] as const;

/**
 * Model output rendered as markdown while it streams. Streamdown parses block by block and closes
 * unfinished syntax, so a new token does not re-render the whole answer.
 */
export const Markdown = memo(function Markdown({ text, streaming, highlight = true }: { text: string; streaming: boolean; highlight?: boolean }) {
  // DeepSeek writes `$…$`, `\(…\)` and `\[…\]` too; remark-math only knows `$$…$$` (single
  // dollars stay off so prices survive), so the other forms are rewritten first.
  const source = useMemo(() => normalizeMathMarkdown(text), [text]);
  const plugins = highlight ? withHighlighting : withoutHighlighting;
  // The code and table buttons' words, in the interface's language (the catalogue's "markdown" namespace).
  const tMarkdown = useTranslations("markdown");
  const translations = useMemo(() => Object.fromEntries(MARKDOWN_WORDS.map((key) => [key, tMarkdown(key)])), [tMarkdown]);
  const frame = useRef<HTMLDivElement>(null);
  // Code blocks and tables wider than the answer become focusable regions (not while streaming:
  // the block being written changes with every token).
  useFocusableScrollRegions(frame, tMarkdown("scrollRegion"), streaming ? null : source);
  return (
    <div ref={frame}>
      <Streamdown
        className="answer-markdown"
        plugins={plugins}
        isAnimating={streaming}
        mode={streaming ? "streaming" : "static"}
        skipHtml
        rehypePlugins={rehypePlugins}
        components={components}
        urlTransform={urlTransform}
        disallowedElements={DISALLOWED_ELEMENTS}
        linkSafety={linkSafety}
        controls={{ code: true, table: true }}
        shikiTheme={["github-light", "github-dark"]}
        translations={translations}
      >
        {source}
      </Streamdown>
    </div>
  );
});
