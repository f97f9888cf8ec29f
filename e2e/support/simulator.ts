import { SIMULATOR_PORT } from "../../playwright.config";

const base = `http://127.0.0.1:${SIMULATOR_PORT}/__sim`;

export type Fault =
  | { kind: "status"; status: 400 | 401 | 402 | 422 | 429 | 500 | 503; message?: string; retryAfter?: number }
  | { kind: "cut"; afterContentChars: number }
  | { kind: "keepalive"; count: number; intervalMs?: number }
  | { kind: "length"; maxTokens: number }
  | { kind: "slow"; tokensPerSecond: number }
  | { kind: "finish"; reason: "content_filter" | "insufficient_system_resource"; afterTokens: number }
  /** Answers exactly `content` (after `reasoning`, when thinking); the auto-title request answers `content` too. */
  | { kind: "script"; reasoning?: string; content: string };

/**
 * Makes the simulator misbehave for requests whose last user message contains `match` (and, with
 * `options.model`, whose model id contains that: one pane of a comparison).
 */
export async function injectFault(match: string, fault: Fault, times?: number, options: { model?: string } = {}): Promise<void> {
  const response = await fetch(`${base}/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ match, fault, ...(times ? { times } : {}), ...options }),
  });
  if (!response.ok) throw new Error(`could not register fault: ${response.status} ${await response.text()}`);
}

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: {
    model: string;
    stream?: boolean;
    thinking?: { type: string };
    reasoning_effort?: string;
    messages: Array<{ role: string; content: unknown }>;
    [key: string]: unknown;
  };
}

/** The chat requests the simulator received whose last user message contains `match`. */
export async function receivedRequests(match: string): Promise<ReceivedRequest[]> {
  const response = await fetch(`${base}/requests?match=${encodeURIComponent(match)}`);
  if (!response.ok) throw new Error(`could not read requests: ${response.status}`);
  const { requests } = (await response.json()) as { requests: ReceivedRequest[] };
  // The auto-title request carries the same user text; the answers are the streamed ones.
  return requests.filter((request) => request.body.stream === true);
}

/** A tag unique to one test, put into prompts so faults and captured requests find only it. */
export function uniqueTag(prefix = "t"): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}
