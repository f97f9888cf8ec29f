import { hasCjk, queryTerms, type SnippetSegment } from "./query";

const BEFORE = 60;
const AFTER = 160;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A regex for the words of a query as the index matches them: whole words, the last one also as
 * a prefix (it is still being typed), case-insensitive. A query in Chinese, Japanese or Korean is
 * matched inside words, as its index does (those scripts put no spaces between words).
 */
export function termPattern(query: string): RegExp | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  if (hasCjk(query)) return new RegExp(terms.map(escape).join("|"), "giu");
  const alternatives = terms.map((term, index) => `${escape(term)}${index === terms.length - 1 ? "[\\p{L}\\p{N}]*" : ""}`);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "giu");
}

/**
 * A short piece of `text` around the first word found, the words found marked. Made here, not by
 * the database, so every database gives the same snippets. Text without a visible hit (the index
 * folded accents, say) gives its beginning.
 */
export function makeSnippet(text: string, query: string): SnippetSegment[] {
  const pattern = termPattern(query);
  const flat = text.replace(/\s+/g, " ");
  const first = pattern ? pattern.exec(flat) : null;
  let start = first ? Math.max(0, first.index - BEFORE) : 0;
  let end = Math.min(flat.length, (first ? first.index : 0) + AFTER);
  // Cut at spaces, not inside words.
  if (start > 0) {
    const space = flat.indexOf(" ", start);
    start = space !== -1 && first && space < first.index ? space + 1 : start;
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    end = space > (first?.index ?? 0) ? space : end;
  }
  const window = flat.slice(start, end);
  const segments: SnippetSegment[] = [];
  if (start > 0) segments.push({ text: "…", hit: false });
  let at = 0;
  if (pattern) {
    pattern.lastIndex = 0;
    for (const match of window.matchAll(pattern)) {
      if (match.index > at) segments.push({ text: window.slice(at, match.index), hit: false });
      segments.push({ text: match[0], hit: true });
      at = match.index + match[0].length;
    }
  }
  if (at < window.length) segments.push({ text: window.slice(at), hit: false });
  if (end < flat.length) segments.push({ text: "…", hit: false });
  return segments;
}
