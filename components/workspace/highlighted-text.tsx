import type { SnippetSegment } from "@/lib/search/query";

/** Search snippets as text, hits in <mark>: the stored text never becomes markup. */
export function HighlightedText({ segments }: { segments: SnippetSegment[] }) {
  return segments.map((segment, index) =>
    segment.hit ? (
      <mark key={index} className="rounded-sm bg-warning-muted px-0.5 font-semibold text-foreground dark:bg-accent">
        {segment.text}
      </mark>
    ) : (
      <span key={index}>{segment.text}</span>
    ),
  );
}
