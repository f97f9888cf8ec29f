/**
 * The hints the server writes under known errors, by catalogue key (messages/*.json,
 * errors.hints.<key>). The server builds its English words from here, and the browser recognises
 * them to show the catalogue's words in other languages; answers keep only the words in the
 * database, so recognising them is what lets a stored error's hint be translated too.
 * `{name}` marks a value; values are plain words without line breaks.
 */
export const ERROR_HINTS = {
  signIn: "Open the app's start page to sign in.",
  checkApiKey: "Check the API key in your settings (DEEPSEEK_API_KEY, OPENROUTER_API_KEY or OPENAI_COMPATIBLE_API_KEY) and restart V4 Chat.",
  topUp: "Top up the account's balance, then retry.",
  tooManyAtOnce: "Too many requests at once. Wait a moment and retry.",
  shorten: "Start a new conversation, or edit the last message to be shorter.",
  busy: "The service is busy. Retry in a little while.",
  temporary: "This is usually temporary. Retry.",
  checkServer: "Check that the server is running and the base URL in the settings is right.",
  keptRetry: "What arrived is kept. Retry to ask again.",
  keptRetryLater: "What arrived is kept. Retry in a little while.",
  quiet: "{where} may be overloaded or the connection lost; retry in a little while.",
  keptQuiet: "What arrived is kept. {where} may be overloaded or the connection lost; retry in a little while.",
  queueing: "{where} is queueing requests under load; retry in a little while.",
  keptQueueing: "What arrived is kept. {where} is queueing requests under load; retry in a little while.",
  waitMinute: "Wait a minute, then retry.",
  dailyLimit: "The limit resets at midnight UTC. The admin can raise it.",
  finishOrStop: "Wait for one to finish, or stop one.",
  serverLimit: "This server writes a limited number of answers at once (MAX_CONCURRENT_GENERATIONS).",
  closeTabs: "Close some tabs.",
  keepsWriting: "The answer keeps being written either way; it shows here once it is done.",
} as const;

export type ErrorHintKey = keyof typeof ERROR_HINTS;
export type ErrorValues = Record<string, string | number>;

/** The English hint with its values filled in. */
export function hintText(key: ErrorHintKey, values: ErrorValues = {}): string {
  return ERROR_HINTS[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const PATTERNS = (Object.entries(ERROR_HINTS) as Array<[ErrorHintKey, string]>).map(([key, text]) => {
  const names: string[] = [];
  const source = text
    .split(/(\{\w+\})/)
    .map((piece) => {
      const placeholder = /^\{(\w+)\}$/.exec(piece);
      if (!placeholder) return escape(piece);
      names.push(placeholder[1] ?? "");
      return "(.+?)";
    })
    .join("");
  return { key, names, pattern: new RegExp(`^${source}$`), literal: text.replace(/\{\w+\}/g, "").length };
})
  // The most specific first: "What arrived is kept. {where} …" before "{where} …".
  .sort((a, b) => b.literal - a.literal);

/** Which known hint `text` is, with its values; null for words the server does not take from here. */
export function recogniseHint(text: string): { key: ErrorHintKey; values: ErrorValues } | null {
  for (const { key, names, pattern } of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return { key, values: Object.fromEntries(names.map((name, index) => [name, match[index + 1] ?? ""])) };
  }
  return null;
}
