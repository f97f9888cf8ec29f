// The Generation class end to end: the real DeepSeek provider streams from the offline simulator
// over HTTP; faults registered on the simulator stand in for upstream failures.
import { readUIMessageStream, type ModelMessage, type UIMessage, type UIMessageChunk } from "ai";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { writeAnswer } from "@/lib/simulator/answer-writer";
import type { Backend } from "@/lib/ai/backends/types";
import type { ModelKey } from "@/lib/ai/catalogue";
import type { ReasoningMode } from "@/lib/ai/modes";
import type { Fault } from "@/lib/simulator/faults";
import type { RunningSimulator } from "@/lib/simulator/server";
import { resolveMode } from "@/lib/ai/modes";
import type { ChatMessageMetadata } from "@/lib/contract";
import { ChatError } from "@/lib/errors";
import { computeCost } from "@/lib/usage/cost";
import { countTokens } from "@/lib/usage/token-count";
import { answerMetadata, answerStartRow, answerUpdate, type AnswerRow } from "./answer-record";
import { Generation, type ChatChunk, type GenerationInput, type SettledAnswer } from "./generation";
import { activeAnswers, claimConversation, findConversationGenerations, findGeneration, startGeneration, stopConversation } from "./registry";
import { uiChunkSize } from "./stream-hub";
import { addFault, loggedRequests, longText, readAll, simulatorBackend, startTestSimulator, uniqueTag } from "./test-helpers";
import { retryDelayMs, UPSTREAM_RETRY } from "./upstream-retry";

let sim: RunningSimulator;
let backend: Backend;

beforeAll(async () => {
  sim = await startTestSimulator();
  backend = simulatorBackend(sim);
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

interface Started {
  generation: Generation;
  /** Every answer handed to `persist`, in order. */
  persisted: SettledAnswer[];
  messageId: string;
  createdAt: Date;
}

let ids = 0;

/** The answer's row as send.ts reserves it before the call. */
function startRow(model: ModelKey, mode: ReasoningMode, createdAt = new Date()): AnswerRow {
  return answerStartRow({
    model,
    modelId: backend.modelId(model),
    mode,
    effectiveMode: mode,
    backend: backend.label,
    createdAt,
  });
}

function generate({
  prompt,
  messages,
  model = "flash",
  mode = "non-think",
  persist,
  maxOutputTokens,
  ...rest
}: {
  prompt?: string;
  messages?: ModelMessage[];
  model?: ModelKey;
  mode?: ReasoningMode;
  persist?: (answer: SettledAnswer) => Promise<void>;
  maxOutputTokens?: number;
} & Partial<Pick<GenerationInput, "persistFailed" | "persistRetryDelaysMs" | "readers" | "retryDelay">>): Started {
  const persisted: SettledAnswer[] = [];
  const messageId = `answer-${++ids}`;
  const createdAt = new Date();
  const generation = new Generation({
    userId: "user-1",
    conversationId: `conversation-${ids}`,
    messageId,
    model,
    mode: { requested: mode, effective: mode },
    messages: messages ?? [{ role: "user", content: prompt ?? "" }],
    backend,
    start: startRow(model, mode, createdAt),
    version: { index: 1, count: 1 },
    parentId: `prompt-${ids}`,
    maxOutputTokens,
    // The real policy decides whether to retry; the waits are shortened to keep the tests quick.
    retryDelay: (error, attempt) => (retryDelayMs(error, attempt) === null ? null : 20),
    persist:
      persist ??
      (async (answer) => {
        persisted.push(answer);
      }),
    ...rest,
  });
  return { generation, persisted, messageId, createdAt };
}

type ChunkOf<T extends ChatChunk["type"]> = Extract<ChatChunk, { type: T }>;

function deltas(chunks: readonly ChatChunk[], type: "text-delta" | "reasoning-delta"): string {
  return chunks
    .filter((chunk): chunk is ChunkOf<typeof type> => chunk.type === type)
    .map((chunk) => chunk.delta)
    .join("");
}

/** Chunk types with consecutive repeats folded: the shape of the stream. */
function shape(chunks: readonly ChatChunk[]): string[] {
  const types: string[] = [];
  for (const chunk of chunks) if (types[types.length - 1] !== chunk.type) types.push(chunk.type);
  return types;
}

function finalMetadata(chunks: readonly ChatChunk[]): ChatMessageMetadata {
  const last = chunks.filter((chunk): chunk is ChunkOf<"message-metadata"> => chunk.type === "message-metadata").at(-1);
  if (!last?.messageMetadata) throw new Error("no message-metadata chunk");
  return last.messageMetadata;
}

/** Reads until `enough` says so, then hands back the reader (still open) and what it read. */
async function readUntil(
  stream: ReadableStream<ChatChunk>,
  enough: (chunks: readonly ChatChunk[]) => boolean,
): Promise<{ reader: ReadableStreamDefaultReader<ChatChunk>; chunks: ChatChunk[] }> {
  const reader = stream.getReader();
  const chunks: ChatChunk[] = [];
  while (!enough(chunks)) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the stream ended before the condition was met");
    chunks.push(value);
  }
  return { reader, chunks };
}

const hasText = (chunks: readonly ChatChunk[]) => chunks.some((chunk) => chunk.type === "text-delta");

/** The message the AI SDK (and so the browser's useChat) builds from these chunks. */
async function messageFrom(chunks: readonly ChatChunk[]): Promise<UIMessage> {
  let last: UIMessage | undefined;
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk as UIMessageChunk);
      controller.close();
    },
  });
  for await (const message of readUIMessageStream<UIMessage>({ stream, terminateOnError: true })) last = structuredClone(message);
  if (!last) throw new Error("no message");
  return last;
}

describe("Generation: a complete answer", () => {
  it("streams start, reasoning, text, final metadata and finish for a thinking answer, and persists the same text", async () => {
    const tag = uniqueTag("think");
    const { generation, persisted, messageId, createdAt } = generate({
      prompt: `${tag} how does binary search work?`,
      mode: "think-high",
    });
    const parentId = `prompt-${ids}`;
    const chunks = await readAll(generation.stream());

    // reasoning-end comes with the first text (the provider closes reasoning when text starts).
    expect(shape(chunks.filter((chunk) => chunk.type !== "reasoning-end"))).toEqual([
      "start",
      "reasoning-start",
      "reasoning-delta",
      "text-start",
      "text-delta",
      "text-end",
      "message-metadata",
      "finish",
    ]);
    const types = chunks.map((chunk) => chunk.type);
    expect(types.filter((type) => type === "reasoning-end")).toHaveLength(1);
    expect(types.indexOf("reasoning-end")).toBeGreaterThan(types.lastIndexOf("reasoning-delta"));
    expect(types.indexOf("reasoning-end")).toBeLessThan(types.indexOf("text-delta"));
    expect(chunks[0]).toEqual({
      type: "start",
      messageId,
      messageMetadata: {
        createdAt: createdAt.toISOString(),
        model: "flash",
        modelId: "deepseek-flash",
        mode: "think-high",
        effectiveMode: "think-high",
        backend: "Offline simulator",
        status: "streaming",
        version: { index: 1, count: 1 },
        parentId,
      },
    });

    const meta = finalMetadata(chunks);
    expect(meta.status).toBe("complete");
    expect(meta.finishReason).toBe("stop");
    // The version the upstream reported in its stream (the simulator echoes the id asked for).
    expect(meta.modelVersion).toBe("deepseek-flash");
    const usage = meta.usage;
    if (!usage) throw new Error("no usage in the final metadata");
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(usage.inputTokens).toBe(usage.cacheHitTokens + usage.cacheMissTokens);
    expect(usage.reasoningTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBeGreaterThan(usage.reasoningTokens);
    expect(meta.costUsd).toBeGreaterThan(0);
    expect(["peak", "off-peak", "standard"]).toContain(meta.priceTier);
    expect(meta.ttftMs).toBeGreaterThanOrEqual(0);
    expect(meta.reasoningMs).toBeGreaterThanOrEqual(0);
    expect(meta.durationMs).toBeGreaterThanOrEqual(meta.ttftMs ?? Number.POSITIVE_INFINITY);
    expect(meta.error).toBeUndefined();

    const text = deltas(chunks, "text-delta");
    const reasoning = deltas(chunks, "reasoning-delta");
    expect(text).toContain(tag);
    expect(reasoning.length).toBeGreaterThan(0);
    expect(persisted).toHaveLength(1);
    expect(persisted[0]).toEqual({
      messageId,
      status: "complete",
      text,
      reasoning,
      finishReason: "stop",
      modelVersion: "deepseek-flash",
      usage,
      costUsd: meta.costUsd,
      priceTier: meta.priceTier,
      ttftMs: meta.ttftMs,
      reasoningMs: meta.reasoningMs,
      durationMs: meta.durationMs,
      endedAt: expect.any(Date),
    });
    expect(await generation.done).toBe(persisted[0]);
  });

  it("sends no reasoning chunks in Non-think and persists an empty reasoning", async () => {
    const { generation, persisted } = generate({ prompt: `${uniqueTag("plain")} what is a closure?` });
    const chunks = await readAll(generation.stream());

    expect(shape(chunks)).toEqual(["start", "text-start", "text-delta", "text-end", "message-metadata", "finish"]);
    const answer = await generation.done;
    expect(answer.status).toBe("complete");
    expect(answer.reasoning).toBe("");
    expect(answer.reasoningMs).toBeUndefined();
    expect(answer.usage?.reasoningTokens).toBe(0);
    expect(answer.text).toBe(deltas(chunks, "text-delta"));
    expect(persisted).toEqual([answer]);
  });

  it("ends with finishReason length when the upstream runs out of output tokens", async () => {
    const tag = uniqueTag("length");
    await addFault(sim, tag, { kind: "length", maxTokens: 12 });
    const { generation } = generate({ prompt: `${tag} write a long essay about rivers` });
    const chunks = await readAll(generation.stream());

    const answer = await generation.done;
    expect(answer.status).toBe("complete");
    expect(answer.finishReason).toBe("length");
    expect(answer.usage?.outputTokens).toBe(12);
    expect(answer.text.length).toBeGreaterThan(0);
    expect(finalMetadata(chunks)).toMatchObject({ status: "complete", finishReason: "length" });
  });

  it("keeps a content-filtered answer as complete, with its finish reason", async () => {
    const tag = uniqueTag("filter");
    await addFault(sim, tag, { kind: "finish", reason: "content_filter", afterTokens: 20 });
    const { generation } = generate({ prompt: `${tag} a question the filter dislikes`, mode: "non-think" });
    const answer = await generation.done;
    expect(answer.status).toBe("complete");
    expect(answer.finishReason).toBe("content_filter");
    expect(answer.usage?.outputTokens).toBe(20);
  });

  it("marks an answer cut short by insufficient_system_resource as interrupted and retryable", async () => {
    const tag = uniqueTag("capacity");
    await addFault(sim, tag, { kind: "finish", reason: "insufficient_system_resource", afterTokens: 30 });
    const { generation } = generate({ prompt: `${tag} a long answer please`, mode: "non-think" });
    const answer = await generation.done;
    expect(answer.status).toBe("interrupted");
    expect(answer.finishReason).toBe("insufficient_system_resource");
    expect(answer.error?.code).toBe("overloaded:model");
    expect(answer.error?.retryable).toBe(true);
    expect(answer.text.length).toBeGreaterThan(0);
  });

  it("reports cache hits in whole 256-token blocks when a turn extends an earlier prompt", async () => {
    const tag = uniqueTag("cache");
    const firstUser = longText(tag, 3000);
    const first = await generate({ messages: [{ role: "user", content: firstUser }] }).generation.done;
    expect(first.status).toBe("complete");
    expect(first.usage?.cacheHitTokens).toBe(0);
    const firstInput = first.usage?.inputTokens ?? 0;
    expect(firstInput).toBeGreaterThan(3000);

    const second = await generate({
      messages: [
        { role: "user", content: firstUser },
        { role: "assistant", content: first.text },
        { role: "user", content: "and a short follow-up question" },
      ],
    }).generation.done;
    const usage = second.usage;
    if (!usage) throw new Error("no usage on the second turn");
    expect(usage.cacheHitTokens).toBeGreaterThan(0);
    expect(usage.cacheHitTokens % 256).toBe(0);
    // The whole first prompt is a prefix of the second: every full block of it hits.
    expect(usage.cacheHitTokens).toBe(Math.floor(firstInput / 256) * 256);
    expect(usage.cacheMissTokens).toBe(usage.inputTokens - usage.cacheHitTokens);
  });
});

describe("Generation: readers", () => {
  it("gives a reader that subscribes after the end the whole answer in a handful of chunks", async () => {
    const tag = uniqueTag("replay");
    await addFault(sim, tag, { kind: "slow", tokensPerSecond: 400 });
    const { generation } = generate({ prompt: `${tag} what is recursion?`, mode: "think-high" });
    const live = await readAll(generation.stream());
    await generation.done;

    const late = await readAll(generation.stream());
    // Deltas arrive in short batches (lib/chat/delta-batcher.ts), but still many of them.
    expect(live.filter((chunk) => chunk.type.endsWith("-delta")).length).toBeGreaterThan(10);
    expect(shape(late)).toEqual(shape(live));
    expect(late.length).toBeLessThanOrEqual(10);
    expect(deltas(late, "text-delta")).toBe(deltas(live, "text-delta"));
    expect(deltas(late, "reasoning-delta")).toBe(deltas(live, "reasoning-delta"));
    expect(await messageFrom(late)).toEqual(await messageFrom(live));
    expect(late.at(-1)).toEqual({ type: "finish" });
  });

  it("gives readers joining mid-answer the text so far as one snapshot, and the same final message as a reader from the start", async () => {
    const tag = uniqueTag("join");
    await addFault(sim, tag, { kind: "slow", tokensPerSecond: 400 });
    const { generation } = generate({ prompt: `${tag} what is a b-tree?`, mode: "think-high" });
    const first = readAll(generation.stream());

    // One reader while it reasons, one while it writes the answer.
    const duringReasoning = await readUntil(generation.stream(), (chunks) => chunks.some((chunk) => chunk.type === "reasoning-delta"));
    await duringReasoning.reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const whileReasoning = generation.stream();
    await readUntil(generation.stream(), hasText).then(({ reader }) => reader.cancel());
    await new Promise((resolve) => setTimeout(resolve, 150));
    const whileAnswering = generation.stream();

    const reference = await first;
    const [a, b] = await Promise.all([readAll(whileReasoning), readAll(whileAnswering)]);
    expect(await generation.done).toMatchObject({ status: "complete" });
    // The snapshot is one chunk per part, however many deltas came before.
    expect(a.filter((chunk) => chunk.type === "reasoning-delta").length).toBeLessThan(
      reference.filter((chunk) => chunk.type === "reasoning-delta").length,
    );
    expect(b.filter((chunk) => chunk.type === "reasoning-delta")).toHaveLength(1);
    const final = await messageFrom(reference);
    expect(final.parts.map((part) => part.type)).toEqual(["reasoning", "text"]);
    expect(await messageFrom(a)).toEqual(final);
    expect(await messageFrom(b)).toEqual(final);
  });

  it("refuses a reader past the limit with a 429 ChatError; the answer goes on", async () => {
    const tag = uniqueTag("crowd");
    await addFault(sim, tag, { kind: "slow", tokensPerSecond: 400 });
    const { generation } = generate({ prompt: `${tag} what is a heap?`, readers: { max: 2 } });
    const readers = [generation.stream(), generation.stream()];
    let refused: unknown;
    try {
      generation.stream();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ChatError);
    expect((refused as ChatError).status).toBe(429);
    expect((refused as ChatError).message).toMatch(/already being followed in 2 tabs/);

    await readers[0]!.cancel();
    const third = generation.stream(); // a place came free
    const [, chunks] = await Promise.all([readAll(readers[1]!), readAll(third)]);
    expect(chunks.at(-1)).toEqual({ type: "finish" });
    expect((await generation.done).status).toBe("complete");
  });

  it("drops a reader that reads nothing once it is too far behind, without slowing the answer", async () => {
    const { generation, persisted } = generate({
      prompt: `${uniqueTag("stall")} explain garbage collection`,
      mode: "think-high",
      readers: { maxBufferedBytes: 1_000 },
    });
    const stalled = generation.stream();
    const chunks = await readAll(generation.stream());
    const answer = await generation.done;
    expect(answer.status).toBe("complete");
    expect(persisted).toEqual([answer]);
    expect(deltas(chunks, "text-delta")).toBe(answer.text);
    expect(chunks.reduce((total, chunk) => total + uiChunkSize(chunk), 0)).toBeGreaterThan(2_000);
    await expect(stalled.getReader().read()).rejects.toThrow(/fell more than 1000 behind/);
  });

  it("keeps generating and persists once when a reader cancels mid-way", async () => {
    const tag = uniqueTag("leave");
    await addFault(sim, tag, { kind: "slow", tokensPerSecond: 1000 });
    const { generation, persisted } = generate({ prompt: `${tag} what is a hash map?` });

    const { reader, chunks } = await readUntil(generation.stream(), hasText);
    await reader.cancel();
    expect(persisted).toHaveLength(0); // the reader left before the end

    const answer = await generation.done;
    expect(answer.status).toBe("complete");
    expect(answer.finishReason).toBe("stop");
    expect(answer.text.length).toBeGreaterThan(deltas(chunks, "text-delta").length);
    expect(persisted).toEqual([answer]);
  });
});

describe("Generation: stop and failures", () => {
  beforeEach(() => {
    // Failed answers are logged on purpose; keep the test output quiet.
    vi.spyOn(console, "warn").mockImplementation(() => {});
  });

  it("settles as stopped, keeping the text so far, when stop() is called mid-stream", async () => {
    const tag = uniqueTag("stop");
    const prompt = `${tag} explain event loops`;
    await addFault(sim, tag, { kind: "slow", tokensPerSecond: 150 }, 1);
    const { generation, persisted } = generate({ prompt });

    const { reader } = await readUntil(generation.stream(), hasText);
    generation.stop();
    const rest: ChatChunk[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest.push(value);
    }
    const stopped = await generation.done;

    expect(stopped.status).toBe("stopped");
    expect(stopped.error).toBeUndefined();
    expect(stopped.text.length).toBeGreaterThan(0);
    expect(persisted).toEqual([stopped]);
    expect(finalMetadata(rest).status).toBe("stopped");
    expect(rest.at(-1)).toEqual({ type: "finish" });

    // The simulator's whole first answer to this prompt: the stopped text is a strict prefix of it.
    const full = writeAnswer({ base: "flash", thinking: false, effort: "high", messages: [{ role: "user", content: prompt }] }).content;
    expect(full.startsWith(stopped.text)).toBe(true);
    expect(stopped.text.length).toBeLessThan(full.length);
  });

  it("counts the tokens of a stopped answer locally when the upstream sent no usage, and prices them", async () => {
    const tag = uniqueTag("stop-usage");
    const prompt = `${tag} explain event loops in depth`;
    await addFault(sim, tag, { kind: "slow", tokensPerSecond: 150 }, 1);
    const { generation, persisted } = generate({ prompt, mode: "think-high" });

    const hasReasoning = (chunks: readonly ChatChunk[]) => chunks.filter((chunk) => chunk.type === "reasoning-delta").length > 5;
    const { reader } = await readUntil(generation.stream(), hasReasoning);
    generation.stop();
    const rest: ChatChunk[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest.push(value);
    }
    const stopped = await generation.done;

    expect(stopped.status).toBe("stopped");
    expect(stopped.reasoning.length).toBeGreaterThan(0);
    expect(stopped.usageEstimated).toBe(true);
    const usage = stopped.usage;
    if (!usage) throw new Error("no estimated usage");
    const expectedInput = 4 + (await countTokens(prompt));
    expect(usage.inputTokens).toBe(expectedInput);
    expect(usage.cacheMissTokens).toBe(usage.inputTokens);
    expect(usage.cacheHitTokens).toBe(0);
    expect(usage.reasoningTokens).toBe(await countTokens(stopped.reasoning));
    expect(usage.outputTokens).toBe(usage.reasoningTokens + (await countTokens(stopped.text)));
    expect(usage.reasoningTokens).toBeGreaterThan(0);
    // Priced like real usage, at the prices in force.
    const quote = backend.prices("flash", new Date());
    expect(stopped.costUsd).toBeCloseTo(computeCost(usage, quote.prices).totalUsd, 12);
    expect(stopped.costUsd).toBeGreaterThan(0);
    expect(persisted).toEqual([stopped]);

    // The live stream's final figures and the stored row say the same: estimated.
    const live = finalMetadata(rest);
    expect(live.usageEstimated).toBe(true);
    expect(live.usage).toEqual(usage);
    expect(live.costUsd).toBe(stopped.costUsd);
    const row = answerUpdate(stopped);
    expect(row.usageEstimated).toBe(true);
    expect(answerMetadata({ ...startRow("flash", "think-high"), ...row }).usageEstimated).toBe(true);
  });

  it("does not estimate usage for an answer that failed before anything arrived", async () => {
    const tag = uniqueTag("refused-usage");
    await addFault(sim, tag, { kind: "status", status: 401 }, 1);
    const { generation } = generate({ prompt: `${tag} hello` });
    const answer = await generation.done;
    expect(answer.status).toBe("error");
    expect(answer.usage).toBeUndefined();
    expect(answer.usageEstimated).toBeUndefined();
    expect(answerUpdate(answer).usageEstimated).toBe(false);
  });

  it("settles as interrupted with interrupted:model, keeping the partial text, when the connection breaks mid-answer", async () => {
    const tag = uniqueTag("cut");
    const prompt = `${tag} describe tcp handshakes`;
    await addFault(sim, tag, { kind: "cut", afterContentChars: 40 }, 1);
    const { generation, persisted } = generate({ prompt });
    const chunks = await readAll(generation.stream());
    const cut = await generation.done;

    expect(cut.status).toBe("interrupted");
    expect(cut.error?.code).toBe("interrupted:model");
    expect(cut.text.length).toBeGreaterThanOrEqual(40);
    expect(cut.text).toBe(deltas(chunks, "text-delta"));
    expect(persisted).toEqual([cut]);
    expect(finalMetadata(chunks)).toMatchObject({
      status: "interrupted",
      error: { code: "interrupted:model", retryable: true },
    });
    expect(chunks.at(-1)).toEqual({ type: "finish" });

    const full = writeAnswer({ base: "flash", thinking: false, effort: "high", messages: [{ role: "user", content: prompt }] }).content;
    expect(full.startsWith(cut.text)).toBe(true);
    expect(cut.text.length).toBeLessThan(full.length);
  });

  const statusCases: { status: 400 | 401 | 402 | 429 | 500 | 503; code: string; retryAfterSeconds?: number }[] = [
    { status: 401, code: "unauthorized:model" },
    { status: 402, code: "payment_required:model" },
    { status: 429, code: "rate_limit:model", retryAfterSeconds: 1 },
    { status: 500, code: "upstream:model" },
    { status: 503, code: "overloaded:model" },
    { status: 400, code: "context_too_long:model" },
  ];

  it.each(statusCases)("settles as error $code with nothing streamed when the upstream answers $status", async (c) => {
    const tag = uniqueTag(`status${c.status}`);
    const fault: Fault = { kind: "status", status: c.status };
    await addFault(sim, tag, fault);
    const { generation, persisted } = generate({ prompt: `${tag} hello`, mode: "think-high" });
    const chunks = await readAll(generation.stream());
    const answer = await generation.done;

    // A rate limit with a short retry-after and an overloaded upstream are tried again by
    // themselves (each wait announced); what a retry cannot fix is not.
    const retried = c.status === 429 || c.status === 503;
    const attempts = retried ? UPSTREAM_RETRY.attempts : 1;
    expect(await loggedRequests(sim, tag)).toHaveLength(attempts);
    expect(chunks.map((chunk) => chunk.type)).toEqual(["start", ...Array<string>(attempts - 1).fill("data-retry"), "message-metadata", "finish"]);
    expect(answer.status).toBe("error");
    expect(answer.text).toBe("");
    expect(answer.reasoning).toBe("");
    expect(answer.error?.code).toBe(c.code);
    if (c.retryAfterSeconds !== undefined) expect(answer.error?.retryAfterSeconds).toBe(c.retryAfterSeconds);
    expect(persisted).toEqual([answer]);
    expect(finalMetadata(chunks)).toMatchObject({ status: "error", error: { code: c.code } });
  });

  it("tries a rate-limited call again by itself and completes, announcing the wait", async () => {
    const tag = uniqueTag("busy");
    await addFault(sim, tag, { kind: "status", status: 429 }, 1);
    const { generation } = generate({ prompt: `${tag} hello` });
    const chunks = await readAll(generation.stream());
    const answer = await generation.done;

    expect(answer.status).toBe("complete");
    expect(answer.text.length).toBeGreaterThan(0);
    expect(await loggedRequests(sim, tag)).toHaveLength(2);
    const retry = chunks.find((chunk) => chunk.type === "data-retry");
    expect(retry).toMatchObject({ transient: true, data: { attempt: 2, of: UPSTREAM_RETRY.attempts, reason: expect.stringContaining("429") } });
    expect(chunks.findIndex((chunk) => chunk.type === "data-retry")).toBeLessThan(chunks.findIndex((chunk) => chunk.type === "text-start"));
  });

  it("never retries once something was shown: a broken stream ends interrupted after one call", async () => {
    const tag = uniqueTag("cutonce");
    await addFault(sim, tag, { kind: "cut", afterContentChars: 30 });
    const { generation } = generate({ prompt: `${tag} hello` });
    const answer = await generation.done;
    expect(answer.status).toBe("interrupted");
    expect(await loggedRequests(sim, tag)).toHaveLength(1);
  });

  it("Stop during the wait before a retry ends the answer stopped, without another call", async () => {
    const tag = uniqueTag("stopwait");
    await addFault(sim, tag, { kind: "status", status: 503 });
    // A wait long enough to press Stop in.
    const { generation } = generate({ prompt: `${tag} hello`, retryDelay: () => 30_000 });
    const reader = generation.stream().getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended before the retry was announced");
      if (value.type === "data-retry") break;
    }
    generation.stop();
    const answer = await generation.done;
    expect(answer.status).toBe("stopped");
    expect(await loggedRequests(sim, tag)).toHaveLength(1);
  });

  it("still ends the stream with finish, and marks the row through persistFailed once, when every save throws", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const failedWith: SettledAnswer[] = [];
    let attempts = 0;
    const { generation, messageId } = generate({
      prompt: `${uniqueTag("nosave")} what is a mutex?`,
      persist: () => {
        attempts += 1;
        return Promise.reject(new Error("disk full"));
      },
      persistFailed: async (answer) => {
        failedWith.push(answer);
      },
      persistRetryDelaysMs: [1, 1],
    });
    const chunks = await readAll(generation.stream());
    const answer = await generation.done;

    expect(chunks.slice(-2).map((chunk) => chunk.type)).toEqual(["message-metadata", "finish"]);
    expect(finalMetadata(chunks).status).toBe("complete");
    expect(answer.status).toBe("complete");
    expect(attempts).toBe(3); // the first try and one per delay
    expect(failedWith).toEqual([answer]);
    expect(logged).toHaveBeenCalledWith(`could not save answer ${messageId}`, expect.objectContaining({ message: "disk full" }));
  });

  it("retries the final save: a write that fails twice then succeeds is saved once, without persistFailed", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const saved: SettledAnswer[] = [];
    const persistFailed = vi.fn(async () => {});
    let attempts = 0;
    const { generation } = generate({
      prompt: `${uniqueTag("flaky")} what is a semaphore?`,
      persist: async (answer) => {
        attempts += 1;
        if (attempts <= 2) throw new Error("database is locked");
        saved.push(answer);
      },
      persistFailed,
      persistRetryDelaysMs: [1, 1, 1],
    });
    const chunks = await readAll(generation.stream());
    const answer = await generation.done;

    expect(attempts).toBe(3);
    expect(saved).toEqual([answer]);
    expect(persistFailed).not.toHaveBeenCalled();
    expect(finalMetadata(chunks).status).toBe("complete");
    expect(chunks.at(-1)).toEqual({ type: "finish" });
  });

  it("survives a persistFailed that throws too: the stream still finishes", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { generation } = generate({
      prompt: `${uniqueTag("nomark")} what is a spinlock?`,
      persist: () => Promise.reject(new Error("disk full")),
      persistFailed: () => Promise.reject(new Error("still full")),
      persistRetryDelaysMs: [1],
    });
    const chunks = await readAll(generation.stream());
    expect((await generation.done).status).toBe("complete");
    expect(chunks.at(-1)).toEqual({ type: "finish" });
    expect(logged).toHaveBeenCalledWith("could not mark the answer interrupted", expect.objectContaining({ message: "still full" }));
  });
});

describe("Generation: checkpoints", () => {
  it("saves the growing partial answer a handful of times, always before the final write", async () => {
    const tag = uniqueTag("checkpoint");
    await addFault(sim, tag, { kind: "slow", tokensPerSecond: 150 });
    const events: Array<{ kind: "checkpoint" | "final"; length: number }> = [];
    const generation = new Generation({
      userId: "u",
      conversationId: "c",
      messageId: uniqueTag("msg"),
      model: "flash",
      mode: resolveMode("non-think", backend.contextWindow, 393_216),
      messages: [{ role: "user", content: `${tag} tell me a story` }],
      backend,
      start: startRow("flash", "non-think"),
      version: { index: 1, count: 1 },
      parentId: "p",
      checkpointEveryMs: 300,
      checkpoint: async ({ text }) => {
        await new Promise((resolve) => setTimeout(resolve, 20)); // a slow write must still land first
        events.push({ kind: "checkpoint", length: text.length });
      },
      persist: async (answer) => {
        events.push({ kind: "final", length: answer.text.length });
      },
    });
    await generation.done;
    const checkpoints = events.filter((event) => event.kind === "checkpoint");
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    expect(checkpoints.length).toBeLessThan(30); // a handful, not one per token
    expect(events.at(-1)?.kind).toBe("final");
    const lengths = checkpoints.map((event) => event.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(lengths.at(-1)).toBeLessThanOrEqual(events.at(-1)!.length);
  });
});

describe("startGeneration (registry)", () => {
  function registered(userId: string, conversationId: string, prompt: string): Generation {
    const claim = claimConversation({ userId, conversationId });
    return startGeneration(
      {
        userId,
        conversationId,
        messageId: uniqueTag("registered"),
        model: "flash",
        mode: { requested: "non-think", effective: "non-think" },
        messages: [{ role: "user", content: prompt }],
        backend,
        start: startRow("flash", "non-think"),
        version: { index: 1, count: 1 },
        parentId: "p",
        persist: async () => {},
      },
      claim,
    );
  }

  it("finds a running generation for its owner only, and forgets it once done", async () => {
    const conversationId = uniqueTag("conversation-registry");
    const generation = registered("owner", conversationId, `${conversationId} ping`);
    const { messageId } = generation;

    expect(findGeneration({ userId: "owner", messageId })).toBe(generation);
    expect(findGeneration({ userId: "someone-else", messageId })).toBeUndefined();
    expect(findConversationGenerations({ userId: "owner", conversationId })).toEqual([generation]);
    expect(findConversationGenerations({ userId: "someone-else", conversationId })).toEqual([]);

    await generation.done;
    expect(findGeneration({ userId: "owner", messageId })).toBeUndefined();
    expect(findConversationGenerations({ userId: "owner", conversationId })).toEqual([]);
  });

  it("holds the conversation's claim while the answer runs (409 for a second one), and releases it when done", async () => {
    const conversationId = uniqueTag("conversation-claim");
    await addFault(sim, conversationId, { kind: "slow", tokensPerSecond: 200 }, 1);
    const generation = registered("owner", conversationId, `${conversationId} take your time`);

    let conflict: unknown;
    try {
      claimConversation({ userId: "owner", conversationId });
    } catch (error) {
      conflict = error;
    }
    expect(conflict).toBeInstanceOf(ChatError);
    expect(conflict).toMatchObject({ code: "conflict:chat", status: 409 });
    // Claims are per owner: another user's conversation with the same id is not blocked.
    claimConversation({ userId: "someone-else", conversationId }).release();

    generation.stop();
    await generation.done;
    const again = claimConversation({ userId: "owner", conversationId });
    again.release();
  });

  it("a released claim can be taken again; releasing twice frees it only once", () => {
    const conversationId = uniqueTag("conversation-release");
    const first = claimConversation({ userId: "owner", conversationId });
    first.release();
    const second = claimConversation({ userId: "owner", conversationId });
    first.release(); // a stale release must not free the new holder's claim
    expect(() => claimConversation({ userId: "owner", conversationId })).toThrow(ChatError);
    second.release();
  });

  it("counts the answers starting or running, in all and per user", () => {
    const base = activeAnswers();
    const claims = [
      claimConversation({ userId: "alice", conversationId: uniqueTag("count") }),
      claimConversation({ userId: "alice", conversationId: uniqueTag("count") }),
      claimConversation({ userId: "bob", conversationId: uniqueTag("count") }),
    ];
    expect(activeAnswers()).toBe(base + 3);
    expect(activeAnswers({ userId: "alice" })).toBe(2);
    expect(activeAnswers({ userId: "bob" })).toBe(1);
    for (const claim of claims) claim.release();
    expect(activeAnswers()).toBe(base);
  });

  it("refuses an answer past maxGenerations with 429 and says how many are running; a slot frees when one ends", async () => {
    const limits = { maxGenerations: activeAnswers() + 2 };
    const conversationId = uniqueTag("conversation-cap");
    await addFault(sim, conversationId, { kind: "slow", tokensPerSecond: 200 }, 1);
    const running = registered("owner", conversationId, `${conversationId} take your time`);
    const held = claimConversation({ userId: "other", conversationId: uniqueTag("held"), limits });

    let refused: unknown;
    try {
      claimConversation({ userId: "third", conversationId: uniqueTag("refused"), limits });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ChatError);
    expect(refused).toMatchObject({ code: "rate_limit:chat", status: 429 });
    expect((refused as ChatError).message).toBe(`V4 Chat is answering ${limits.maxGenerations} questions already; try again in a moment.`);
    // The conversation's own 409 comes first: it says more.
    expect(() => claimConversation({ userId: "owner", conversationId, limits })).toThrow(/still being written/);

    running.stop();
    await running.done;
    claimConversation({ userId: "third", conversationId: uniqueTag("admitted"), limits }).release();
    held.release();
  });

  it("stopConversation stops the running answer and waits until it settled", async () => {
    const conversationId = uniqueTag("conversation-stop");
    await addFault(sim, conversationId, { kind: "slow", tokensPerSecond: 100 }, 1);
    const generation = registered("owner", conversationId, `${conversationId} a long story`);
    await readUntil(generation.stream(), hasText);

    expect(await stopConversation({ userId: "someone-else", conversationId })).toBe(0);
    expect(await stopConversation({ userId: "owner", conversationId })).toBe(1);
    // Already settled when stopConversation returns.
    const settled = await Promise.race([generation.done, Promise.resolve(undefined)]);
    expect(settled?.status).toBe("stopped");
  });
});
