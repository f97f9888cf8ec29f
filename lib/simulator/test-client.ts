// Test support: talk to a running simulator over real HTTP and parse its SSE.

export const TEST_KEY = "sk-test-key-1234";

export interface SseResult {
  status: number;
  contentType: string | null;
  /** Comment lines (without the leading colon), in order. */
  comments: string[];
  /** Parsed `data:` JSON events, [DONE] excluded. */
  events: Record<string, unknown>[];
  /** Index of each comment/event in arrival order: "c" comment, "d" data. */
  order: ("c" | "d")[];
  done: boolean;
  /** Set when the connection broke before the body ended. */
  error: unknown;
}

export function chatRequest(
  baseUrl: string,
  body: unknown,
  init: { key?: string | null; path?: string; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json", ...init.headers };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? TEST_KEY}`;
  return fetch(`${baseUrl}${init.path ?? "/chat/completions"}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: init.signal,
  });
}

/** Reads a whole SSE response, tolerating an abrupt connection reset. */
export async function readSse(res: Response): Promise<SseResult> {
  const result: SseResult = {
    status: res.status,
    contentType: res.headers.get("content-type"),
    comments: [],
    events: [],
    order: [],
    done: false,
    error: undefined,
  };
  let text = "";
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      if (!reader) break;
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    result.error = error;
  }
  for (const block of text.split("\n\n")) {
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) {
        result.comments.push(line.slice(1).trim());
        result.order.push("c");
      } else if (line.startsWith("data: ")) {
        const data = line.slice(6);
        if (data === "[DONE]") result.done = true;
        else {
          result.events.push(JSON.parse(data) as Record<string, unknown>);
          result.order.push("d");
        }
      }
    }
  }
  return result;
}

interface ChunkView {
  delta: Record<string, unknown>;
  finish_reason: unknown;
}

/** The single choice of a chunk, asserting the `choices` array shape. */
export function choiceOf(event: Record<string, unknown>): ChunkView {
  const choices = event.choices;
  if (!Array.isArray(choices) || choices.length !== 1) throw new Error(`bad choices: ${JSON.stringify(choices)}`);
  return choices[0] as ChunkView;
}

export function joinDeltas(events: Record<string, unknown>[], key: "content" | "reasoning_content"): string {
  return events
    .map((e) => choiceOf(e).delta[key])
    .filter((v): v is string => typeof v === "string")
    .join("");
}
