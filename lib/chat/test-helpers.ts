// Shared setup for the chat tests: the offline simulator over real HTTP, the real DeepSeek
// provider pointed at it, and the simulator's test-only controls (faults, request log).
import { randomUUID } from "node:crypto";
import { createDeepSeekBackend, type DeepSeekBackendOptions } from "@/lib/ai/backends/deepseek";
import type { Backend } from "@/lib/ai/backends/types";
import type { Fault } from "@/lib/simulator/faults";
import { startSimulator, type RunningSimulator } from "@/lib/simulator/server";
import { DEEPSEEK_PRICE_HISTORY } from "@/lib/usage/prices";

export function startTestSimulator(): Promise<RunningSimulator> {
  return startSimulator({ port: 0, testControls: true, speed: 50 });
}

/** The real DeepSeek provider pointed at the simulator; `overrides` change prices or off-peak days. */
export function simulatorBackend(sim: RunningSimulator, overrides: Partial<DeepSeekBackendOptions> = {}): Backend {
  return createDeepSeekBackend({
    kind: "simulator",
    label: "Offline simulator",
    apiKey: "sk-test",
    baseURL: sim.url,
    priceHistory: DEEPSEEK_PRICE_HISTORY,
    ...overrides,
  });
}

/** A marker no other prompt contains: fault matches, request-log lookups and cache isolation. */
export function uniqueTag(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Registers a fault for requests whose last user message contains `match`. */
export async function addFault(sim: RunningSimulator, match: string, fault: Fault, times?: number): Promise<void> {
  const res = await fetch(`${sim.url}/__sim/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ match, fault, ...(times !== undefined ? { times } : {}) }),
  });
  if (!res.ok) throw new Error(`fault registration failed: ${res.status} ${await res.text()}`);
}

export interface LoggedRequestBody {
  model?: string;
  thinking?: { type?: string };
  reasoning_effort?: string;
  max_tokens?: number;
  stream?: boolean;
  messages?: { role: string; content: unknown; reasoning_content?: string | null }[];
  [key: string]: unknown;
}

/** The request bodies the simulator received whose last user message contains `match`. */
export async function loggedRequests(sim: RunningSimulator, match: string): Promise<LoggedRequestBody[]> {
  const res = await fetch(`${sim.url}/__sim/requests?match=${encodeURIComponent(match)}`);
  const json = (await res.json()) as { requests: { body: LoggedRequestBody }[] };
  return json.requests.map((request) => request.body);
}

/** Every chunk of a stream, until it closes. */
export async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const chunks: T[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

/** `count` distinct words: a long, cache-friendly user message. */
export function longText(tag: string, count: number): string {
  const words: string[] = [tag];
  for (let i = 1; i < count; i++) words.push(`word${i % 997}`);
  return words.join(" ");
}
