// HTML → Markdown with node-html-markdown (no DOM needed). Scripts, styles and the like carry no
// reading text and are dropped; links keep their text.
import { NodeHtmlMarkdown } from "node-html-markdown";

const converter = new NodeHtmlMarkdown({ keepDataImages: false, useLinkReferenceDefinitions: false, maxConsecutiveNewlines: 2 }, undefined, undefined);

export function htmlToMarkdown(html: string): string {
  const withoutCode = html.replace(/<(script|style|noscript|template|iframe|object)\b[\s\S]*?<\/\1\s*>/gi, "");
  return converter.translate(withoutCode).trim();
}
