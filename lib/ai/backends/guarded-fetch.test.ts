// The upstream watch (guarded-fetch) over real HTTP: the offline simulator's keep-alive and slow
// faults stand in for a queued request and a stalled model; the timeouts are tiny so the tests
// run in well under a second each.
import { generateText, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UpstreamTimeouts } from "@/lib/ai/limits";
import { toChatError } from "@/lib/ai/upstream-errors";
import { addFault, simulatorBackend, startTestSimulator, uniqueTag } from "@/lib/chat/test-helpers";
import type { Fault } from "@/lib/simulator/faults";
import type { RunningSimulator } from "@/lib/simulator/server";
import { UpstreamTimeoutError } from "./guarded-fetch";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

interface Outcome {
  parts: string[];
  text: string;
  error?: unknown;
  ms: number;
}

/** Streams one Non-think answer through the real DeepSeek provider with these timeouts. */
async function stream(faults: Fault | Fault[], timeouts: UpstreamTimeouts, abortSignal?: AbortSignal): Promise<Outcome> {
  const tag = uniqueTag("guard");
  for (const fault of [faults].flat()) await addFault(sim, tag, fault);
  const backend = simulatorBackend(sim, { timeouts });
  const started = performance.now();
  const result = streamText({
    model: backend.languageModel("flash"),
    messages: [{ role: "user", content: `hello ${tag}` }],
    providerOptions: backend.modeOptions("non-think").providerOptions,
    abortSignal,
    maxRetries: 0,
    onError: () => {},
  });
  const outcome: Outcome = { parts: [], text: "", ms: 0 };
  try {
    for await (const part of result.stream) {
      outcome.parts.push(part.type);
      if (part.type === "text-delta") outcome.text += part.text;
      if (part.type === "error") outcome.error = part.error;
    }
  } catch (error) {
    outcome.error = error;
  }
  outcome.ms = performance.now() - started;
  return outcome;
}

describe("guardedFetch: no bytes for idleMs", () => {
  it("gives up on a stream that goes quiet, as an interrupted answer that says how long it waited", async () => {
    // Two tokens a second: 500 ms between bytes, against a 150 ms idle timeout.
    const outcome = await stream({ kind: "slow", tokensPerSecond: 2 }, { idleMs: 150, keepAliveLimitMs: 10_000 });
    expect(outcome.parts).not.toContain("finish");
    expect(outcome.ms).toBeLessThan(2_000); // the whole answer would take minutes
    const error = toChatError(outcome.error, "Offline simulator");
    expect(error.code).toBe("interrupted:model");
    expect(error.retryable).toBe(true);
    expect(error.message).toBe("The model sent nothing for 150 ms, so V4 Chat stopped waiting for it.");
    expect(error.hint).toContain("Offline simulator may be overloaded");
  });

  it("lets a stream through whose bytes keep coming, however long it takes in all", async () => {
    // 30 tokens a second (about 33 ms between bytes) for 30 tokens: a second in all.
    const outcome = await stream(
      [
        { kind: "slow", tokensPerSecond: 30 },
        { kind: "length", maxTokens: 30 },
      ],
      { idleMs: 300, keepAliveLimitMs: 400 },
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.parts.at(-1)).toBe("finish");
    expect(outcome.text.length).toBeGreaterThan(0);
    expect(outcome.ms).toBeGreaterThan(700); // longer than both limits together
  });

  it("counts keep-alive comments as life", async () => {
    // 600 ms of `: keep-alive` every 30 ms before the first token, against a 250 ms idle timeout.
    const outcome = await stream({ kind: "keepalive", count: 20, intervalMs: 30 }, { idleMs: 250, keepAliveLimitMs: 5_000 });
    expect(outcome.error).toBeUndefined();
    expect(outcome.parts.at(-1)).toBe("finish");
    expect(outcome.ms).toBeGreaterThan(550);
  });
});

describe("guardedFetch: keep-alives without data for keepAliveLimitMs", () => {
  it("gives up on a request kept waiting on keep-alives alone, and says so", async () => {
    // Four seconds of keep-alives every 20 ms, against a 300 ms limit.
    const outcome = await stream({ kind: "keepalive", count: 200, intervalMs: 20 }, { idleMs: 150, keepAliveLimitMs: 300 });
    expect(outcome.text).toBe("");
    expect(outcome.ms).toBeGreaterThanOrEqual(290);
    expect(outcome.ms).toBeLessThan(2_500);
    const error = toChatError(outcome.error, "Offline simulator");
    expect(error.code).toBe("interrupted:model");
    expect(error.message).toBe("The server kept the request waiting for 300 ms without starting the answer, so V4 Chat gave up.");
    expect(error.hint).toContain("Offline simulator is queueing requests");
  });

  it("applies to a non-streaming request too (blank lines while it waits)", async () => {
    const tag = uniqueTag("whole");
    const backend = simulatorBackend(sim, { timeouts: { idleMs: 150, keepAliveLimitMs: 800 } });
    const call = (prompt: string) =>
      generateText({
        model: backend.languageModel("flash"),
        messages: [{ role: "user", content: prompt }],
        providerOptions: backend.modeOptions("non-think").providerOptions,
        maxRetries: 0,
      });

    // Blank lines every 40 ms (longer than the idle timeout in all), then the answer.
    await addFault(sim, `${tag}-short`, { kind: "keepalive", count: 6, intervalMs: 40 });
    const short = await call(`${tag}-short hello`);
    expect(short.text).toContain("offline simulator");

    await addFault(sim, `${tag}-long`, { kind: "keepalive", count: 200, intervalMs: 20 });
    const failure = await call(`${tag}-long hello`).catch((error: unknown) => error);
    expect(toChatError(failure, "Offline simulator").message).toMatch(/kept the request waiting for 800 ms/);
  });
});

describe("guardedFetch: the caller's signal", () => {
  it("still stops the request as before: an abort, not a timeout", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const outcome = await stream({ kind: "slow", tokensPerSecond: 40 }, { idleMs: 5_000, keepAliveLimitMs: 5_000 }, controller.signal);
    expect(outcome.parts).toContain("abort");
    expect(outcome.parts).not.toContain("finish");
    expect(outcome.error).toBeUndefined();
    expect(outcome.ms).toBeLessThan(3_000); // the whole answer would take several seconds
  });

  it("a timeout is never mistaken for the caller's abort (its name is not AbortError or TimeoutError)", () => {
    const error = new UpstreamTimeoutError("idle", 60_000, true);
    expect(error.name).toBe("UpstreamTimeoutError");
    expect(toChatError(error, "DeepSeek API").message).toBe("The model sent nothing for 60 s, so V4 Chat stopped waiting for it.");
    expect(toChatError(new UpstreamTimeoutError("keep-alive", 600_000, true), "DeepSeek API").message).toBe(
      "The server kept the request waiting for 10 min without sending any more of the answer, so V4 Chat gave up.",
    );
  });
});
