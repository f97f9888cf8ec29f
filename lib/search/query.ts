/**
 * What the person typed, made safe for a full-text engine, and the engine's highlighted snippets
 * turned back into plain segments. Pure: shared by every database implementation.
 */

/** Marks that the engine puts around a hit in a snippet (control characters, never shown). */
export const HIT_START = "\u0001";
export const HIT_END = "\u0002";

export const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 8;

/**
 * The words of a query, without the engine's own syntax: quotes, operators and brackets are
 * dropped, so nothing typed can change the query's shape. Empty when there is nothing to search.
 */
export function queryTerms(query: string): string[] {
  return query
    .slice(0, MAX_QUERY_CHARS)
    .replace(/[\u0000-\u001f"'`*^:(){}[\]\\+\-~<>|&!@#$%=;,.?/]/g, " ")
    // Full-width punctuation (，。？、「」…) separates words as spaces do.
    .replace(/[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_TERMS);
}

/**
 * An FTS5 query: every word must appear (AND), each as a quoted string, the last one also as a
 * prefix so results follow the typing ("merg" finds "merge"). Null when there is nothing to search.
 */
export function toFts5Query(query: string): string | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  return terms.map((term, index) => `"${term}"${index === terms.length - 1 ? "*" : ""}`).join(" ");
}

/**
 * Han, kana and hangul: scripts written without spaces between words, which FTS5's unicode61
 * tokenizer would read as one token per run of characters.
 */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** The same ranges as an SQLite GLOB (code points, not bytes): the index keeps only such text. */
export const CJK_GLOB = "*[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]*";

export interface SnippetSegment {
  text: string;
  hit: boolean;
}

/** A snippet with HIT_START/HIT_END marks as segments; the browser renders hits as <mark> text. */
export function snippetSegments(snippet: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const start = rest.indexOf(HIT_START);
    if (start === -1) {
      segments.push({ text: rest, hit: false });
      break;
    }
    if (start > 0) segments.push({ text: rest.slice(0, start), hit: false });
    const end = rest.indexOf(HIT_END, start + 1);
    const hit = rest.slice(start + 1, end === -1 ? undefined : end);
    if (hit) segments.push({ text: hit, hit: true });
    rest = end === -1 ? "" : rest.slice(end + 1);
  }
  // Marks that arrived in the stored text itself are not ours: never show them.
  return segments.map((segment) => ({ ...segment, text: segment.text.replace(/[\u0001\u0002]/g, "") })).filter((segment) => segment.text);
}
