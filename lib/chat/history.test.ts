// What is sent upstream (the selected path as model messages) and what the browser shows (the
// selected path as UI messages), from stored rows built by hand.
import { describe, expect, it } from "vitest";
import type { StoredPart } from "@/lib/contract";
import { answerStartRow, type PathMessage } from "./answer-record";
import { pathTo, toModelMessages, toUIPath } from "./history";
import type { TreeNode } from "./message-tree";

const at = new Date("2026-05-01T10:00:00.000Z");

type Row = PathMessage & TreeNode & { content: string };

/** A stored message as listMessages returns it (the fields history and the path need). */
function row(fields: Partial<Row> & Pick<Row, "id" | "role">): Row {
  const parts = fields.parts ?? [];
  return {
    ...answerStartRow({ model: "", modelId: "", mode: "", effectiveMode: "", backend: "" }),
    model: null,
    modelId: null,
    mode: null,
    effectiveMode: null,
    backend: null,
    createdAt: at,
    status: "complete",
    parentId: null,
    lane: 0,
    seq: 1,
    selected: true,
    content: parts.map((part) => (part.type === "text" ? part.text : "")).join(""),
    ...fields,
    parts,
  };
}

const text = (value: string): StoredPart => ({ type: "text", text: value });
const reasoning = (value: string): StoredPart => ({ type: "reasoning", text: value });

const user = (id: string, parentId: string | null, content: string, extra: Partial<Row> = {}) =>
  row({ id, role: "user", parentId, parts: [text(content)], ...extra });
const assistant = (id: string, parentId: string, content: string, extra: Partial<Row> = {}) =>
  row({ id, role: "assistant", parentId, parts: content ? [text(content)] : [], ...extra });

describe("toModelMessages", () => {
  it("sends user and complete assistant messages in order, as plain text", () => {
    expect(toModelMessages([user("u1", null, "hi"), assistant("a1", "u1", "hello"), user("u2", "a1", "more")])).toEqual([
      { role: "user", content: "hi" },
      { role: "assistant", content: "hello" },
      { role: "user", content: "more" },
    ]);
  });

  it("skips assistant rows with empty or blank content (failed answers that produced nothing)", () => {
    const rows = [
      user("u1", null, "first"),
      assistant("a1", "u1", "", { status: "error", errorCode: "rate_limit:model", errorMessage: "slow down" }),
      assistant("a2", "u1", "  \n ", { status: "interrupted" }),
      user("u2", "a1", "second"),
    ];
    expect(toModelMessages(rows)).toEqual([
      { role: "user", content: "first" },
      { role: "user", content: "second" },
    ]);
  });

  it("skips an assistant row that is still streaming, even with text", () => {
    expect(toModelMessages([user("u1", null, "q"), assistant("a1", "u1", "half an ans", { status: "streaming" })])).toEqual([
      { role: "user", content: "q" },
    ]);
  });

  it("keeps the text of stopped and interrupted answers", () => {
    const rows = [
      user("u1", null, "q1"),
      assistant("a1", "u1", "stopped part", { status: "stopped" }),
      user("u2", "a1", "q2"),
      assistant("a2", "u2", "interrupted part", { status: "interrupted", errorCode: "interrupted:model", errorMessage: "broke" }),
      user("u3", "a2", "q3"),
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
    const messages = toModelMessages([
      user("u1", null, "q"),
      assistant("a1", "u1", "answer", { parts: [reasoning("secret thoughts"), text("answer")] }),
    ]);
    expect(messages).toEqual([
      { role: "user", content: "q" },
      { role: "assistant", content: "answer" },
    ]);
    expect(JSON.stringify(messages)).not.toContain("secret thoughts");
  });

  it("sends only the selected path of a tree (via pathTo), up to the prompt being answered", () => {
    const rows = [
      user("u1", null, "first"),
      assistant("a1-old", "u1", "old answer", { seq: 1, selected: false }),
      assistant("a1", "u1", "new answer", { seq: 2 }),
      user("u2-old", "a1", "old follow-up", { seq: 1, selected: false }),
      assistant("a2-old", "u2-old", "old follow-up answer"),
      user("u2", "a1", "edited follow-up", { seq: 2 }),
      assistant("a2", "u2", "", { status: "streaming" }),
    ];
    expect(toModelMessages(pathTo(rows, "u2"))).toEqual([
      { role: "user", content: "first" },
      { role: "assistant", content: "new answer" },
      { role: "user", content: "edited follow-up" },
    ]);
  });
});

describe("pathTo", () => {
  const rows = [
    user("u1", null, "q1"),
    assistant("a1", "u1", "r1"),
    user("u2", "a1", "q2"),
    assistant("a2", "u2", "r2"),
    user("u2-old", "a1", "q2 before the edit", { seq: 1, selected: false }),
  ];

  it("is the selected path up to and including the given message", () => {
    expect(pathTo(rows, "u2").map((message) => message.id)).toEqual(["u1", "a1", "u2"]);
    expect(pathTo(rows, "u1").map((message) => message.id)).toEqual(["u1"]);
    expect(pathTo(rows, "a2").map((message) => message.id)).toEqual(["u1", "a1", "u2", "a2"]);
  });

  it("is empty for a message that is not on the selected path", () => {
    expect(pathTo(rows, "u2-old")).toEqual([]);
    expect(pathTo(rows, "missing")).toEqual([]);
  });
});

describe("toUIPath", () => {
  it("gives a user message its parts, createdAt, status, version and no answer fields", () => {
    const [message] = toUIPath([user("u1", null, "hello", { model: "pro", inputTokens: 5 })]);
    expect(message).toEqual({
      id: "u1",
      role: "user",
      parts: [{ type: "text", text: "hello", state: "done" }],
      metadata: { createdAt: "2026-05-01T10:00:00.000Z", status: "complete", version: { index: 1, count: 1 } },
    });
  });

  it("turns stored parts into UI parts in their order: reasoning and text done, files as data-file", () => {
    const file: StoredPart = { type: "file", attachmentId: "att-1", name: "notes.pdf", mediaType: "application/pdf", size: 2048 };
    const [prompt, answer] = toUIPath([
      user("u1", null, "", { parts: [file, text("summarize this")] }),
      assistant("a1", "u1", "", { parts: [reasoning("thinking first"), text("the answer")] }),
    ]);
    expect(prompt?.parts).toEqual([
      { type: "data-file", data: { attachmentId: "att-1", name: "notes.pdf", mediaType: "application/pdf", size: 2048 } },
      { type: "text", text: "summarize this", state: "done" },
    ]);
    expect(answer?.parts).toEqual([
      { type: "reasoning", text: "thinking first", state: "done" },
      { type: "text", text: "the answer", state: "done" },
    ]);
  });

  it("shows the selected path only, each step with its version among its siblings and the message it follows", () => {
    const path = toUIPath([
      user("u1", null, "q"),
      assistant("a1-v1", "u1", "first try", { seq: 1, selected: false }),
      assistant("a1-v2", "u1", "second try", { seq: 2 }),
      assistant("a1-v3", "u1", "third try", { seq: 3, selected: false }),
      user("u2-v1", "a1-v2", "follow-up", { seq: 1, selected: false }),
      user("u2-v2", "a1-v2", "follow-up, edited", { seq: 2 }),
    ]);
    expect(path.map((message) => [message.id, message.metadata?.version, message.metadata?.parentId])).toEqual([
      ["u1", { index: 1, count: 1 }, undefined],
      ["a1-v2", { index: 2, count: 3 }, "u1"],
      ["u2-v2", { index: 2, count: 2 }, "a1-v2"],
    ]);
    expect(path[0]?.metadata).not.toHaveProperty("parentId");
  });

  it("rebuilds an answer's metadata from its columns: model, modes, notice, usage, cost, tier, timings", () => {
    const [, message] = toUIPath([
      user("u1", null, "q"),
      assistant("a1", "u1", "done", {
        model: "pro",
        modelId: "deepseek-v4-pro",
        modelVersion: "deepseek-v4-pro-0424",
        mode: "think-max",
        effectiveMode: "think-high",
        modeNotice: "Think Max needs more context; Think High was used.",
        backend: "Offline simulator",
        finishReason: "stop",
        inputTokens: 1000,
        cacheHitTokens: 768,
        cacheMissTokens: 232,
        outputTokens: 300,
        reasoningTokens: 120,
        costUsd: 0.00042,
        priceTier: "off-peak",
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
        version: { index: 1, count: 1 },
        parentId: "u1",
        model: "pro",
        modelId: "deepseek-v4-pro",
        modelVersion: "deepseek-v4-pro-0424",
        mode: "think-max",
        effectiveMode: "think-high",
        modeNotice: "Think Max needs more context; Think High was used.",
        backend: "Offline simulator",
        finishReason: "stop",
        usage: { inputTokens: 1000, cacheHitTokens: 768, cacheMissTokens: 232, outputTokens: 300, reasoningTokens: 120 },
        costUsd: 0.00042,
        priceTier: "off-peak",
        ttftMs: 850,
        reasoningMs: 1200,
        durationMs: 4000,
      },
    });
  });

  it("fills missing usage columns: no hits, all input a miss, zero output", () => {
    const [, message] = toUIPath([user("u1", null, "q"), assistant("a1", "u1", "x", { inputTokens: 50 })]);
    expect(message?.metadata?.usage).toEqual({
      inputTokens: 50,
      cacheHitTokens: 0,
      cacheMissTokens: 50,
      outputTokens: 0,
      reasoningTokens: 0,
    });
  });

  it("leaves out unknown model, mode and tier values and has no usage without input tokens", () => {
    const [, message] = toUIPath([
      user("u1", null, "q"),
      assistant("a1", "u1", "x", { model: "gpt-9", mode: "turbo", effectiveMode: "turbo", priceTier: "midnight" }),
    ]);
    expect(message?.metadata).toEqual({
      createdAt: "2026-05-01T10:00:00.000Z",
      status: "complete",
      version: { index: 1, count: 1 },
      parentId: "u1",
    });
  });

  it("rebuilds the error with its hint kept apart from the message, retryable by code, and retryAt", () => {
    const [, rateLimited] = toUIPath([
      user("u1", null, "q"),
      assistant("a1", "u1", "", {
        status: "error",
        errorCode: "rate_limit:model",
        errorMessage: "Too many requests.",
        errorHint: "Wait a moment and retry.",
        retryAt: new Date("2026-05-01T10:00:05.000Z"),
      }),
    ]);
    expect(rateLimited?.parts).toEqual([]);
    expect(rateLimited?.metadata).toMatchObject({
      status: "error",
      error: {
        code: "rate_limit:model",
        message: "Too many requests.",
        hint: "Wait a moment and retry.",
        retryable: true,
        retryAt: "2026-05-01T10:00:05.000Z",
      },
    });

    const [, unauthorized] = toUIPath([
      user("u1", null, "q"),
      assistant("a1", "u1", "", { status: "error", errorCode: "unauthorized:model", errorMessage: "Bad key." }),
    ]);
    expect(unauthorized?.metadata?.error).toEqual({ code: "unauthorized:model", message: "Bad key.", retryable: false });
  });

  it("keeps the partial text and error of an interrupted answer", () => {
    const [, message] = toUIPath([
      user("u1", null, "q"),
      assistant("a1", "u1", "partial", { status: "interrupted", errorCode: "interrupted:model", errorMessage: "Broke off." }),
    ]);
    expect(message?.parts).toEqual([{ type: "text", text: "partial", state: "done" }]);
    expect(message?.metadata).toMatchObject({
      status: "interrupted",
      error: { code: "interrupted:model", message: "Broke off.", retryable: true },
    });
  });

  it("shows a running answer as far as its last checkpoint, with status streaming", () => {
    const [, message] = toUIPath([
      user("u1", null, "q"),
      assistant("a1", "u1", "so f", { status: "streaming", model: "flash", mode: "non-think", effectiveMode: "non-think" }),
    ]);
    expect(message?.parts).toEqual([{ type: "text", text: "so f", state: "done" }]);
    expect(message?.metadata).toMatchObject({ status: "streaming", model: "flash", mode: "non-think" });
    expect(message?.metadata?.error).toBeUndefined();
  });
});
