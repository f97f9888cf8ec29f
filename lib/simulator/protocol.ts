// DeepSeek chat-completions wire shapes: request validation plus builders for
// every JSON body the simulator sends, so the shapes live in one place.
import { z } from "zod";

export const MAX_CONTEXT_TOKENS = 1_048_576;

/** Which physical model answers, and how a model id behaves by default. */
export type BaseModel = "flash" | "pro";
export type Effort = "low" | "high" | "max";

interface ModelSpec {
  base: BaseModel;
  thinkingByDefault: boolean;
}

// deepseek-flash is Flash's id since 2026-09-10. Older ids map onto Flash as on the real service:
// deepseek-v4-flash still does, deepseek-chat and deepseek-reasoner did until their removal.
export const MODELS: Readonly<Record<string, ModelSpec>> = {
  "deepseek-flash": { base: "flash", thinkingByDefault: true },
  "deepseek-v4-flash": { base: "flash", thinkingByDefault: true },
  "deepseek-v4-pro": { base: "pro", thinkingByDefault: true },
  "deepseek-chat": { base: "flash", thinkingByDefault: false },
  "deepseek-reasoner": { base: "flash", thinkingByDefault: true },
};

export function findModel(id: string): ModelSpec | undefined {
  return Object.prototype.hasOwnProperty.call(MODELS, id) ? MODELS[id] : undefined;
}

const EFFORT_MAP: Readonly<Record<string, Effort>> = {
  minimal: "low",
  low: "low",
  medium: "high",
  high: "high",
  xhigh: "high",
  max: "max",
  ultra: "max",
};

/** DeepSeek folds the OpenAI-style effort names into three levels. */
export function mapEffort(value: string | null | undefined): Effort {
  if (value == null) return "high";
  return EFFORT_MAP[value] ?? "high";
}

// ---------------------------------------------------------------------------
// Request schema. Loose objects: the real API ignores fields it does not know.

const contentPart = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  // Checked further by images.ts (data URL, format from the bytes, vision models only).
  image_url: z.looseObject({ url: z.string(), detail: z.string().nullish() }).optional(),
});
const content = z.union([z.string(), z.array(contentPart)]);

const toolCall = z.looseObject({
  id: z.string().optional(),
  type: z.string().optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string().optional() }),
});

const systemMessage = z.looseObject({ role: z.literal("system"), content });
const userMessage = z.looseObject({ role: z.literal("user"), content });
const assistantMessage = z.looseObject({
  role: z.literal("assistant"),
  content: content.nullish(),
  reasoning_content: z.string().nullish(),
  tool_calls: z.array(toolCall).nullish(),
});
const toolMessage = z.looseObject({
  role: z.literal("tool"),
  content,
  tool_call_id: z.string().optional(),
});

const ROLES = ["system", "user", "assistant", "tool"] as const;

const message = z.discriminatedUnion("role", [systemMessage, userMessage, assistantMessage, toolMessage], {
  error: (issue) =>
    issue.code === "invalid_union"
      ? `unknown variant \`${describeRole(issue.input)}\`, expected one of ${ROLES.map((r) => `\`${r}\``).join(", ")}`
      : undefined,
});

function describeRole(input: unknown): string {
  if (typeof input === "object" && input !== null && "role" in input) {
    const role = (input as { role: unknown }).role;
    return typeof role === "string" ? role : JSON.stringify(role);
  }
  return "undefined";
}

export const chatRequestSchema = z.looseObject({
  model: z.string({ error: "model is required" }),
  messages: z.array(message, { error: "messages is required" }).min(1, { error: "Empty input messages" }),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  thinking: z
    .looseObject({
      type: z.enum(["enabled", "disabled"], {
        error: (issue) => `unknown variant \`${String(issue.input)}\`, expected \`enabled\` or \`disabled\``,
      }),
    })
    .nullish(),
  reasoning_effort: z
    .enum(["minimal", "low", "medium", "high", "xhigh", "max", "ultra"], {
      error: (issue) => `unknown variant \`${String(issue.input)}\`, expected one of \`low\`, \`high\`, \`max\``,
    })
    .nullish(),
  max_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatMessage = ChatRequest["messages"][number];
export type MessageContent = z.infer<typeof content>;

/** Human-readable first problem, in the style of the real service's deserializer errors. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Failed to deserialize the JSON body into the target type";
  const path = issue.path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join("");
  return `Failed to deserialize the JSON body into the target type: ${path ? `${path}: ` : ""}${issue.message}`;
}

/** Plain text of a message content (text parts only; images etc. carry no text). */
export function contentText(value: MessageContent | null | undefined): string {
  if (value == null) return "";
  if (typeof value === "string") return value;
  return value
    .filter((part) => part.type === "text" && typeof part.text === "string")
    .map((part) => part.text ?? "")
    .join("");
}

/** Last user message text, also usable on bodies that failed validation. */
export function lastUserText(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const messages = (body as { messages?: unknown }).messages;
  if (!Array.isArray(messages)) return "";
  for (let i = messages.length - 1; i >= 0; i--) {
    const m: unknown = messages[i];
    if (typeof m === "object" && m !== null && (m as { role?: unknown }).role === "user") {
      const parsed = content.safeParse((m as { content?: unknown }).content);
      return parsed.success ? contentText(parsed.data) : "";
    }
  }
  return "";
}

// ---------------------------------------------------------------------------
// Errors: {"error": {"message", "type", "param": null, "code"}}.

export interface ErrorBody {
  error: { message: string; type: string; param: null; code: string };
}

export function errorBody(message: string, type = "invalid_request_error", code = "invalid_request_error"): ErrorBody {
  return { error: { message, type, param: null, code } };
}

/** The real service shows only the key's last four characters. */
export function maskKey(key: string): string {
  return `****${key.slice(-4)}`;
}

export function contextLengthMessage(promptTokens: number, completionTokens: number): string {
  return (
    `This model's maximum context length is ${MAX_CONTEXT_TOKENS} tokens. ` +
    `However, you requested ${promptTokens + completionTokens} tokens ` +
    `(${promptTokens} in the messages, ${completionTokens} in the completion). ` +
    "Please reduce the length of the messages or completion."
  );
}

// ---------------------------------------------------------------------------
// Success bodies.

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
  prompt_cache_hit_tokens: number;
  prompt_cache_miss_tokens: number;
}

export function buildUsage(a: {
  promptTokens: number;
  cacheHitTokens: number;
  reasoningTokens: number;
  contentTokens: number;
}): Usage {
  const completion = a.reasoningTokens + a.contentTokens;
  return {
    prompt_tokens: a.promptTokens,
    completion_tokens: completion,
    total_tokens: a.promptTokens + completion,
    prompt_tokens_details: { cached_tokens: a.cacheHitTokens },
    completion_tokens_details: { reasoning_tokens: a.reasoningTokens },
    prompt_cache_hit_tokens: a.cacheHitTokens,
    prompt_cache_miss_tokens: a.promptTokens - a.cacheHitTokens,
  };
}

export type FinishReason = "stop" | "length" | "content_filter" | "insufficient_system_resource";

/** Identity shared by every chunk of one completion. */
export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
  systemFingerprint: string;
}

// Thinking mode always carries both keys; non-thinking mode never has
// `reasoning_content` at all.
export type Delta =
  | { role: "assistant"; content: string | null; reasoning_content?: string }
  | { content: string | null; reasoning_content: string | null }
  | { content: string };

export interface Chunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  system_fingerprint: string;
  choices: [{ index: 0; delta: Delta; logprobs: null; finish_reason: FinishReason | null }];
  usage?: Usage | null;
}

/**
 * One SSE chunk. `usage` undefined omits the key (include_usage off, earlier
 * chunks); null writes `"usage": null` (include_usage on, earlier chunks).
 */
export function buildChunk(
  meta: CompletionMeta,
  delta: Delta,
  finishReason: FinishReason | null,
  usage: Usage | null | undefined,
): Chunk {
  const chunk: Chunk = {
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    system_fingerprint: meta.systemFingerprint,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
  if (usage !== undefined) chunk.usage = usage;
  return chunk;
}

export interface Completion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: [
    {
      index: 0;
      message: { role: "assistant"; content: string; reasoning_content?: string };
      logprobs: null;
      finish_reason: FinishReason;
    },
  ];
  usage: Usage;
  system_fingerprint: string;
}

export function buildCompletion(
  meta: CompletionMeta,
  answer: { content: string; reasoning: string | undefined },
  finishReason: FinishReason,
  usage: Usage,
): Completion {
  const message: Completion["choices"][0]["message"] = { role: "assistant", content: answer.content };
  if (answer.reasoning !== undefined) message.reasoning_content = answer.reasoning;
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage,
    system_fingerprint: meta.systemFingerprint,
  };
}

export function buildModelList(): { object: "list"; data: { id: string; object: "model"; owned_by: string }[] } {
  return {
    object: "list",
    data: Object.keys(MODELS).map((id) => ({ id, object: "model", owned_by: "deepseek" })),
  };
}
