import { describe, expect, it } from "vitest";
import { toModelMessages, toUIMessages, type StoredMessage } from "./history";

const at = new Date("2026-05-01T10:00:00.000Z");

function row(fields: Partial<StoredMessage> & Pick<StoredMessage, "id" | "role" | "content">): StoredMessage {
  return {
    reasoning: null,
    status: "complete",
    errorCode: null,
    errorMessage: null,
    model: null,
    modelId: null,
    mode: null,
    effectiveMode: null,
    backend: null,
    finishReason: null,
    inputTokens: null,
    cacheHitTokens: null,
    cacheMissTokens: null,
    outputTokens: null,
    reasoningTokens: null,
    costUsd: null,
    ttftMs: null,
    reasoningMs: null,
    durationMs: null,
    createdAt: at,
    ...fields,
  };
}

const user = (id: string, content: string) => row({ id, role: "user", content });
const assistant = (id: string, content: string, extra: Partial<StoredMessage> = {}) =>
  row({ id, role: "assistant", content, ...extra });

describe("toModelMessages", () => {
  it("sends user and complete assistant messages in order, as plain text", () => {
    expect(toModelMessages([user("u1", "hi"), assistant("a1", "hello"), user("u2", "more")])).toEqual([
      { role: "user", content: "hi" },
      { role: "assistant", content: "hello" },
      { role: "user", content: "more" },
    ]);
  });

  it("skips assistant rows with empty or blank content (failed answers that produced nothing)", () => {
    const rows = [
      user("u1", "first"),
      assistant("a1", "", { status: "error", errorCode: "rate_limit:model", errorMessage: "slow down" }),
      assistant("a2", "  \n ", { status: "interrupted" }),
      user("u2", "second"),
    ];
    expect(toModelMessages(rows)).toEqual([
      { role: "user", content: "first" },
      { role: "user", content: "second" },
    ]);
  });

  it("skips an assistant row that is still streaming, even with text", () => {
    expect(toModelMessages([user("u1", "q"), assistant("a1", "half an ans", { status: "streaming" })])).toEqual([
      { role: "user", content: "q" },
    ]);
  });

  it("keeps the text of stopped and interrupted answers", () => {
    const rows = [
      user("u1", "q1"),
      assistant("a1", "stopped part", { status: "stopped" }),
      user("u2", "q2"),
      assistant("a2", "interrupted part", { status: "interrupted", errorCode: "interrupted:model", errorMessage: "broke" }),
      user("u3", "q3"),
    ];
    expect(toModelMessages(rows)).toEqual([
      { role: "user", content: "q1" },
      { role: "assistant", content: "stopped part" },
      { role: "user", content: "q2" },
      { role: "assistant", content: "interrupted part" },
      { role: "user", content: "q3" },
    ]);
  });

  it("never sends earlier reasoning upstream", () => {
    const messages = toModelMessages([user("u1", "q"), assistant("a1", "answer", { reasoning: "secret thoughts" })]);
    expect(messages).toEqual([
      { role: "user", content: "q" },
      { role: "assistant", content: "answer" },
    ]);
    expect(JSON.stringify(messages)).not.toContain("secret thoughts");
  });
});

describe("toUIMessages", () => {
  it("puts the reasoning part before the text part, both done", () => {
    const [message] = toUIMessages([assistant("a1", "the answer", { reasoning: "thinking first" })]);
    expect(message?.parts).toEqual([
      { type: "reasoning", text: "thinking first", state: "done" },
      { type: "text", text: "the answer", state: "done" },
    ]);
  });

  it("gives a user message one text part and only createdAt and status as metadata", () => {
    expect(toUIMessages([row({ id: "u1", role: "user", content: "hello", model: "pro", inputTokens: 5 })])).toEqual([
      {
        id: "u1",
        role: "user",
        parts: [{ type: "text", text: "hello", state: "done" }],
        metadata: { createdAt: "2026-05-01T10:00:00.000Z", status: "complete" },
      },
    ]);
  });

  it("rebuilds an assistant's metadata from its columns, usage included", () => {
    const [message] = toUIMessages([
      assistant("a1", "done", {
        model: "pro",
        modelId: "deepseek-v4-pro",
        mode: "think-max",
        effectiveMode: "think-high",
        backend: "Offline simulator",
        finishReason: "stop",
        inputTokens: 1000,
        cacheHitTokens: 768,
        cacheMissTokens: 232,
        outputTokens: 300,
        reasoningTokens: 120,
        costUsd: 0.00042,
        ttftMs: 850,
        reasoningMs: 1200,
        durationMs: 4000,
      }),
    ]);
    expect(message).toEqual({
      id: "a1",
      role: "assistant",
      parts: [{ type: "text", text: "done", state: "done" }],
      metadata: {
        createdAt: "2026-05-01T10:00:00.000Z",
        status: "complete",
        model: "pro",
        modelId: "deepseek-v4-pro",
        mode: "think-max",
        effectiveMode: "think-high",
        backend: "Offline simulator",
        finishReason: "stop",
        usage: { inputTokens: 1000, cacheHitTokens: 768, cacheMissTokens: 232, outputTokens: 300, reasoningTokens: 120 },
        costUsd: 0.00042,
        ttftMs: 850,
        reasoningMs: 1200,
        durationMs: 4000,
      },
    });
  });

  it("fills missing usage columns: no hits, all input a miss, zero output", () => {
    const [message] = toUIMessages([assistant("a1", "x", { inputTokens: 50 })]);
    expect(message?.metadata?.usage).toEqual({
      inputTokens: 50,
      cacheHitTokens: 0,
      cacheMissTokens: 50,
      outputTokens: 0,
      reasoningTokens: 0,
    });
  });

  it("leaves out unknown model and mode values and has no usage without input tokens", () => {
    const [message] = toUIMessages([assistant("a1", "x", { model: "gpt-9", mode: "turbo", effectiveMode: "turbo" })]);
    expect(message?.metadata).toEqual({ createdAt: "2026-05-01T10:00:00.000Z", status: "complete" });
  });

  it("rebuilds the error payload with a retryable flag that follows the code", () => {
    const [rateLimited, unauthorized] = toUIMessages([
      assistant("a1", "", { status: "error", errorCode: "rate_limit:model", errorMessage: "Too many requests." }),
      assistant("a2", "", { status: "error", errorCode: "unauthorized:model", errorMessage: "Bad key." }),
    ]);
    expect(rateLimited?.parts).toEqual([]);
    expect(rateLimited?.metadata).toMatchObject({
      status: "error",
      error: { code: "rate_limit:model", message: "Too many requests.", retryable: true },
    });
    expect(unauthorized?.metadata?.error).toEqual({ code: "unauthorized:model", message: "Bad key.", retryable: false });
  });

  it("keeps the partial text and error of an interrupted answer", () => {
    const [message] = toUIMessages([
      assistant("a1", "partial", { status: "interrupted", errorCode: "interrupted:model", errorMessage: "Broke off." }),
    ]);
    expect(message?.parts).toEqual([{ type: "text", text: "partial", state: "done" }]);
    expect(message?.metadata).toMatchObject({
      status: "interrupted",
      error: { code: "interrupted:model", message: "Broke off.", retryable: true },
    });
  });

  it("reads an unknown status as complete", () => {
    const [message] = toUIMessages([assistant("a1", "x", { status: "weird" })]);
    expect(message?.metadata?.status).toBe("complete");
  });
});
