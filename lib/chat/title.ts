import "server-only";
import { generateText } from "ai";
import type { Backend } from "@/lib/ai/backends/types";

const TITLE_INSTRUCTIONS =
  "You write the conversation title for a chat app. Reply with a title of 3 to 6 words that says " +
  "what the user's message is about. No quotes, no trailing punctuation, nothing else.";

const MAX_TITLE_CHARS = 80;

/** A title from the user's words alone: used while the model's title is pending, or if it fails. */
export function fallbackTitle(userText: string): string {
  const words = userText.replace(/\s+/g, " ").trim().split(" ").slice(0, 8).join(" ");
  const title = words.length > 48 ? `${words.slice(0, 47).trimEnd()}…` : words;
  return title || "New conversation";
}

/** Cleans what the model wrote into a one-line title. */
export function cleanTitle(raw: string): string | undefined {
  const line = raw
    .replace(/<think>[\s\S]*?<\/think>/g, "")
    .replace(/<think>[\s\S]*$/, "") // a think block cut off by the token limit
    .split("\n")
    .map((piece) => piece.trim())
    .find((piece) => piece.length > 0);
  if (!line) return undefined;
  const cleaned = line
    .replace(/^[*_#\s]*title\s*:\s*[*_]*\s*/i, "")
    .replace(/^["'`*#\s]+|["'`*\s.!?]+$/g, "")
    .slice(0, MAX_TITLE_CHARS)
    .trim();
  return cleaned || undefined;
}

/** Asks Flash, without thinking, for a short title. */
export async function makeTitle({ backend, userText }: { backend: Backend; userText: string }): Promise<string> {
  const options = backend.modeOptions("non-think");
  try {
    const { text } = await generateText({
      model: backend.languageModel("flash"),
      instructions: TITLE_INSTRUCTIONS,
      messages: [{ role: "user", content: userText.slice(0, 4000) }],
      providerOptions: options.providerOptions,
      maxOutputTokens: 32,
      maxRetries: 1,
      timeout: 15_000,
    });
    return cleanTitle(text) ?? fallbackTitle(userText);
  } catch {
    return fallbackTitle(userText);
  }
}
