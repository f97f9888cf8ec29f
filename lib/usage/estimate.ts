/**
 * A cheap, approximate token count for the browser (the composer's draft), without the
 * tokenizer's 6.5 MB vocabulary: runs of letters and digits and single symbols, weighted by how
 * DeepSeek's tokenizer splits them (a word is about one token, digits go in groups of three,
 * a CJK character is about half a token), calibrated on English, code, JSON, logs, numbers and
 * Chinese to within about 25% of the real count (`estimate.test.ts` keeps it so). Shared by
 * server and browser.
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  let tokens = 0;
  let letters = 0;
  let digits = 0;
  const endRuns = () => {
    if (letters > 0) tokens += Math.max(1, letters / LETTERS_PER_TOKEN);
    if (digits > 0) tokens += Math.ceil(digits / 3);
    letters = 0;
    digits = 0;
  };
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) {
      if (digits > 0) endRuns();
      letters++;
      continue;
    }
    if (code >= 48 && code <= 57) {
      if (letters > 0) endRuns();
      digits++;
      continue;
    }
    endRuns();
    if (code === 32 || code === 9 || code === 13) continue;
    if (code >= 0xdc00 && code <= 0xdfff) continue; // the second half of a surrogate pair
    tokens += code >= 0x2e80 && code <= 0xffef ? CJK_TOKENS : SYMBOL_TOKENS;
  }
  endRuns();
  return Math.max(1, Math.round(tokens));
}

const LETTERS_PER_TOKEN = 5;
const SYMBOL_TOKENS = 0.6;
const CJK_TOKENS = 0.5;
