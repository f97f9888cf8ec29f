"use client";

import { Fragment, memo, useMemo } from "react";
import { splitMath } from "@/lib/markdown/math-delimiters";
import { katexHtml, useLazy } from "./lazy-plugins";

/**
 * Reasoning as plain text, with its math drawn by KaTeX (`$…$`, `\(…\)`, `$$…$$`, `\[…\]`; prices
 * stay text). The only markup inserted is KaTeX's own, made with `trust` off from escaped source.
 */
export const ReasoningText = memo(function ReasoningText({ text }: { text: string }) {
  const segments = useMemo(() => splitMath(text), [text]);
  // KaTeX loads the first time some reasoning holds math; until then a formula shows its source.
  const renderMathToHtml = useLazy(katexHtml, segments.some((segment) => segment.kind !== "text"));
  return segments.map((segment, index) =>
    segment.kind === "text" ? (
      <Fragment key={index}>{segment.text}</Fragment>
    ) : !renderMathToHtml ? (
      <Fragment key={index}>{segment.display ? `\\[${segment.tex}\\]` : `\\(${segment.tex}\\)`}</Fragment>
    ) : (
      <span
        key={index}
        data-testid="reasoning-math"
        className={segment.display ? "block overflow-x-auto py-1" : undefined}
        dangerouslySetInnerHTML={{ __html: renderMathToHtml(segment.tex, segment.display) }}
      />
    ),
  );
});
