// A deterministic, dependency-free approximation of DeepSeek's tokenizer. It
// only needs to be stable and roughly right: it sizes usage numbers, the
// prefix cache blocks and the streamed pieces (one token per piece).
import type { SeenImage } from "./images";
import { contentText, type ChatMessage } from "./protocol";

// Alternatives, in order: newline runs; one CJK character (about a token
// each); a word with an optional leading space; up to three punctuation
// characters with an optional leading space; other whitespace.
const PIECE =
  /\n+| ?[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]|(?: ?)(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}])[\p{L}\p{M}\p{N}_])+| ?[^\s\p{L}\p{M}\p{N}_]{1,3}|[^\S\n]+/gu;

// Common English words are one token in DeepSeek's vocabulary; longer ones split (about 1.3 tokens per word).
const WORD_CHARS_PER_TOKEN = 6;

/** Splits text into token pieces whose concatenation is exactly the input. */
export function splitTokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(PIECE)) {
    const piece = match[0];
    const lead = piece.startsWith(" ") ? 1 : 0;
    const body = piece.length - lead;
    // Long words cost about one token per six characters.
    if (body > WORD_CHARS_PER_TOKEN && /[\p{L}\p{N}_]/u.test(piece.charAt(lead))) {
      out.push(piece.slice(0, lead + WORD_CHARS_PER_TOKEN));
      for (let i = lead + WORD_CHARS_PER_TOKEN; i < piece.length; i += WORD_CHARS_PER_TOKEN) {
        out.push(piece.slice(i, i + WORD_CHARS_PER_TOKEN));
      }
    } else {
      out.push(piece);
    }
  }
  return out;
}

export function countTokens(text: string): number {
  return splitTokens(text).length;
}

// Chat-template markers, each a single special token like the real template.
const BOS = "<｜begin▁of▁sentence｜>";
const USER = "<｜User｜>";
const ASSISTANT = "<｜Assistant｜>";
const EOS = "<｜end▁of▁sentence｜>";
const TOOL = "<｜tool▁output｜>";
const THINK_OPEN = "<think>";
const THINK_CLOSE = "</think>";

/**
 * Renders the conversation the way the chat template does and returns its
 * tokens. Earlier reasoning is dropped (the real API ignores it), so a later
 * turn's prompt starts with exactly the earlier turn's prompt: that is what
 * makes prefix-cache hits possible across turns.
 */
export function promptTokens(messages: readonly ChatMessage[], thinking: boolean, images: readonly (readonly SeenImage[])[] = []): string[] {
  const tokens: string[] = [BOS];
  // A loop, not push(...spread): a full context has a million tokens.
  const add = (text: string): void => {
    for (const token of splitTokens(text)) tokens.push(token);
  };
  for (const [index, m] of messages.entries()) {
    switch (m.role) {
      case "system":
        add(contentText(m.content));
        break;
      case "user":
        tokens.push(USER);
        // Each image is billed as its tiles (tokens named by its digest, so a repeat hits the cache).
        for (const image of images[index] ?? []) for (let i = 0; i < image.tokens; i++) tokens.push(`<image:${image.digest}:${i}>`);
        add(contentText(m.content));
        break;
      case "assistant":
        tokens.push(ASSISTANT, THINK_CLOSE);
        add(contentText(m.content));
        for (const call of m.tool_calls ?? []) add(`${call.function.name}(${call.function.arguments ?? ""})`);
        tokens.push(EOS);
        break;
      case "tool":
        tokens.push(TOOL);
        add(contentText(m.content));
        break;
    }
  }
  tokens.push(ASSISTANT, thinking ? THINK_OPEN : THINK_CLOSE);
  return tokens;
}
