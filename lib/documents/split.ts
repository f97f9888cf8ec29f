// Cutting a document that is too long for the window into parts of about `partTokens` tokens.
// Token counts come from the document's own ratio (tokens per character, counted at upload), and
// cuts fall on a page marker, a blank line or a line end near the target, never inside a word.

export interface DocumentPart {
  index: number;
  total: number;
  text: string;
}

export function splitIntoParts(text: string, totalTokens: number, partTokens: number): DocumentPart[] {
  const charsPerToken = text.length / Math.max(totalTokens, 1);
  const target = Math.max(200, Math.floor(partTokens * charsPerToken));
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + target, text.length);
    if (end < text.length) {
      const window = text.slice(start + Math.floor(target * 0.6), end);
      const offset = start + Math.floor(target * 0.6);
      const page = window.lastIndexOf("\n--- Page ");
      const blank = window.lastIndexOf("\n\n");
      const line = window.lastIndexOf("\n");
      const space = window.lastIndexOf(" ");
      const cut = [page, blank, line, space].find((position) => position > 0);
      if (cut !== undefined) end = offset + cut;
    }
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces.map((piece, index) => ({ index: index + 1, total: pieces.length, text: piece.trim() }));
}
