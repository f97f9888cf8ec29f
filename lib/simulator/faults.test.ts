import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "./server";
import { chatRequest, choiceOf, joinDeltas, readSse, TEST_KEY } from "./test-client";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, speed: 50, testControls: true });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await fetch(`${sim.url}/__sim/faults`, { method: "DELETE" });
});

async function addFault(body: unknown): Promise<Response> {
  return fetch(`${sim.url}/__sim/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const ask = (text: string, extra: Record<string, unknown> = {}) =>
  chatRequest(sim.url, { model: "deepseek-v4-flash", messages: [{ role: "user", content: text }], ...extra });

describe("status faults", () => {
  const expected: [number, string, string, RegExp][] = [
    [400, "invalid_request_error", "invalid_request_error", /^This model's maximum context length is 1048576 tokens\. However, you requested \d+ tokens/],
    [401, "authentication_error", "invalid_request_error", /^Authentication Fails, Your api key: \*\*\*\*\w{4} is invalid$/],
    [402, "unknown_error", "invalid_request_error", /^Insufficient Balance$/],
    [422, "invalid_request_error", "invalid_request_error", /^Invalid request parameters$/],
    [429, "rate_limit_error", "invalid_request_error", /^Your current concurrency is 40, which exceeds your concurrency limit of 39 /],
    [500, "server_error", "invalid_request_error", /^Internal Server Error/],
    [503, "server_error", "invalid_request_error", /^Server overloaded, please try again later$/],
  ];

  it.each(expected)("answers %i with the real body shape", async (status, type, code, message) => {
    expect((await addFault({ match: `boom-${status}`, fault: { kind: "status", status }, times: 1 })).status).toBe(200);
    const res = await ask(`please boom-${status} now`, { stream: true });
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("retry-after")).toBe(status === 429 ? "1" : null);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(["error"]);
    expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
    expect(body.error).toMatchObject({ type, code, param: null });
    expect(body.error.message).toMatch(message);

    // times: 1 means the next matching request is healthy again.
    expect((await ask(`please boom-${status} now`)).status).toBe(200);
  });

  it("uses a custom message and stays until cleared when times is omitted", async () => {
    await addFault({ match: "sticky", fault: { kind: "status", status: 503, message: "Try later" } });
    for (let i = 0; i < 2; i++) {
      const res = await ask("sticky request");
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe("Try later");
    }
    expect((await ask("unrelated request")).status).toBe(200);
    const list = (await (await fetch(`${sim.url}/__sim/faults`)).json()) as { faults: unknown[] };
    expect(list.faults).toHaveLength(1);
    await fetch(`${sim.url}/__sim/faults`, { method: "DELETE" });
    expect((await ask("sticky request")).status).toBe(200);
  });

  it("applies only to the named model when one is given (one pane of a comparison)", async () => {
    await addFault({ match: "one-pane", model: "pro", fault: { kind: "status", status: 500 } });
    expect((await ask("one-pane request")).status).toBe(200);
    const pro = await chatRequest(sim.url, { model: "deepseek-v4-pro", messages: [{ role: "user", content: "one-pane request" }] });
    expect(pro.status).toBe(500);
  });

  it("rejects a malformed fault registration", async () => {
    const res = await addFault({ match: "x", fault: { kind: "status", status: 418 } });
    expect(res.status).toBe(400);
    const other = await addFault({ match: "x", fault: { kind: "explode" } });
    expect(other.status).toBe(400);
  });
});

describe("stream faults", () => {
  it("cut: resets the connection mid-answer, without a final chunk or [DONE]", async () => {
    await addFault({ match: "cut-me", fault: { kind: "cut", afterContentChars: 40 } });
    const sse = await readSse(await ask("cut-me please", { stream: true, thinking: { type: "disabled" } }));
    expect(sse.status).toBe(200);
    expect(sse.error).toBeDefined();
    expect(sse.done).toBe(false);
    const content = joinDeltas(sse.events, "content");
    expect(content.length).toBeGreaterThanOrEqual(40);
    expect(content.length).toBeLessThan(60);
    for (const e of sse.events) {
      expect(choiceOf(e).finish_reason).toBeNull();
      expect(e.usage).toBeUndefined();
    }
  });

  it("keepalive: sends exactly that many comments before the first chunk", async () => {
    await addFault({ match: "queued", fault: { kind: "keepalive", count: 3, intervalMs: 5 } });
    const sse = await readSse(await ask("queued request", { stream: true }));
    expect(sse.comments).toEqual(["keep-alive", "keep-alive", "keep-alive"]);
    expect(sse.order.slice(0, 4)).toEqual(["c", "c", "c", "d"]);
    expect(sse.done).toBe(true);
  });

  it("keepalive: a non-streaming request gets blank lines, still valid JSON", async () => {
    await addFault({ match: "queued-json", fault: { kind: "keepalive", count: 2, intervalMs: 5 } });
    const text = await (await ask("queued-json request", { max_tokens: 5 })).text();
    expect(JSON.stringify(text.slice(0, 4))).toBe(JSON.stringify("\n\n{\""));
    expect((JSON.parse(text) as { object: string }).object).toBe("chat.completion");
  });

  it("length: ends with finish_reason length at the fault's budget", async () => {
    await addFault({ match: "short", fault: { kind: "length", maxTokens: 30 } });
    const sse = await readSse(
      await ask("short answer", { stream: true, thinking: { type: "disabled" }, stream_options: { include_usage: true } }),
    );
    const last = sse.events[sse.events.length - 1];
    if (!last) throw new Error("no events");
    expect(choiceOf(last).finish_reason).toBe("length");
    expect((last.usage as { completion_tokens: number }).completion_tokens).toBe(30);
    expect(sse.events).toHaveLength(32);
  });

  it("slow: paces tokens at the given absolute rate", async () => {
    await addFault({ match: "slowly", fault: { kind: "slow", tokensPerSecond: 100 } });
    await addFault({ match: "slowly", fault: { kind: "length", maxTokens: 25 } });
    const started = Date.now();
    const sse = await readSse(await ask("slowly does it", { stream: true, thinking: { type: "disabled" } }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(220);
    expect(sse.done).toBe(true);
  });
});

describe("script fault", () => {
  const reasoning = "Think <b>first</b>,\n\nthen `answer` 思考 — \u00e9\u0301 & more.";
  const content = '<img src=x onerror="window.__xss_1=1">\n\n[x](javascript:alert(1)) $$\\href{javascript:alert(2)}{y}$$\n\n```html\n<script>alert(3)</script>\n```\n';

  it("streams exactly the given reasoning, then exactly the given content, in many small pieces", async () => {
    await addFault({ match: "scripted-1", fault: { kind: "script", reasoning, content } });
    const sse = await readSse(
      await ask("scripted-1 please", { stream: true, thinking: { type: "enabled" }, stream_options: { include_usage: true } }),
    );
    expect(sse.done).toBe(true);
    expect(joinDeltas(sse.events, "reasoning_content")).toBe(reasoning);
    expect(joinDeltas(sse.events, "content")).toBe(content);
    // Reasoning pieces all come before content pieces, each one a token or so.
    const kinds = sse.events
      .map((e) => choiceOf(e).delta)
      .filter((d) => (typeof d.content === "string" && d.content !== "") || (typeof d.reasoning_content === "string" && d.reasoning_content !== ""))
      .map((d) => (typeof d.reasoning_content === "string" && d.reasoning_content !== "" ? "r" : "c"));
    expect(kinds.indexOf("c")).toBeGreaterThan(5);
    expect(kinds.lastIndexOf("r")).toBeLessThan(kinds.indexOf("c"));
    expect(kinds.length).toBeGreaterThan(30);
    const last = sse.events[sse.events.length - 1];
    if (!last) throw new Error("no events");
    expect(choiceOf(last).finish_reason).toBe("stop");
    expect((last.usage as { completion_tokens_details: { reasoning_tokens: number } }).completion_tokens_details.reasoning_tokens).toBe(
      kinds.filter((k) => k === "r").length,
    );
  });

  it("sends no reasoning when thinking is off, and the same content", async () => {
    await addFault({ match: "scripted-2", fault: { kind: "script", reasoning, content } });
    const sse = await readSse(await ask("scripted-2 please", { stream: true, thinking: { type: "disabled" } }));
    expect(joinDeltas(sse.events, "reasoning_content")).toBe("");
    expect(joinDeltas(sse.events, "content")).toBe(content);
  });

  it("without reasoning, a thinking answer has empty reasoning and the exact content", async () => {
    await addFault({ match: "scripted-3", fault: { kind: "script", content: "Just **this**." } });
    const sse = await readSse(await ask("scripted-3", { stream: true, thinking: { type: "enabled" } }));
    expect(joinDeltas(sse.events, "reasoning_content")).toBe("");
    expect(joinDeltas(sse.events, "content")).toBe("Just **this**.");
  });

  it("answers the conversation-title request (non-streaming, same user text) with the content, within its budget", async () => {
    await addFault({ match: "scripted-4", fault: { kind: "script", reasoning: "never in a title", content } });
    const res = await chatRequest(sim.url, {
      model: "deepseek-v4-flash",
      messages: [
        { role: "system", content: "You write the conversation title for a chat app." },
        { role: "user", content: "scripted-4 hello" },
      ],
      thinking: { type: "disabled" },
      max_tokens: 32,
    });
    const body = (await res.json()) as { choices: { message: { content: string; reasoning_content?: string } }[] };
    const message = body.choices[0]?.message;
    expect(message?.content.length).toBeGreaterThan(10);
    expect(content.startsWith(message?.content ?? "-")).toBe(true);
    expect(message?.reasoning_content ?? "").toBe("");

    // A short script fits the budget whole.
    await addFault({ match: "scripted-5", fault: { kind: "script", content: "<svg onload=alert(1)>" } });
    const whole = await ask("scripted-5 hello", { thinking: { type: "disabled" }, max_tokens: 32 });
    expect(((await whole.json()) as typeof body).choices[0]?.message.content).toBe("<svg onload=alert(1)>");
  });

  it("other faults still apply to a scripted answer", async () => {
    await addFault({ match: "scripted-6", fault: { kind: "script", content } });
    await addFault({ match: "scripted-6", fault: { kind: "length", maxTokens: 4 } });
    const sse = await readSse(await ask("scripted-6", { stream: true, thinking: { type: "disabled" } }));
    const text = joinDeltas(sse.events, "content");
    expect(text.length).toBeGreaterThan(0);
    expect(content.startsWith(text)).toBe(true);
    expect(text).not.toBe(content);
  });

  it("rejects a script without content", async () => {
    expect((await addFault({ match: "x", fault: { kind: "script", reasoning: "only" } })).status).toBe(400);
  });
});

describe("request log", () => {
  it("returns the exact bodies received, with the key masked", async () => {
    await fetch(`${sim.url}/__sim/requests`, { method: "DELETE" });
    const body = {
      model: "deepseek-v4-pro",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "log-marker-77 what is new?" },
      ],
      thinking: { type: "enabled" },
      reasoning_effort: "max",
      stream: true,
      stream_options: { include_usage: true },
    };
    await readSse(await chatRequest(sim.url, body));
    await ask("something else");
    const res = await fetch(`${sim.url}/__sim/requests?match=log-marker-77`);
    const log = (await res.json()) as {
      requests: { receivedAt: string; path: string; headers: Record<string, string>; body: unknown }[];
    };
    expect(log.requests).toHaveLength(1);
    const [entry] = log.requests;
    expect(entry?.path).toBe("/chat/completions");
    expect(entry?.body).toEqual(body);
    expect(entry?.headers.authorization).toBe(`Bearer ****${TEST_KEY.slice(-4)}`);
    expect(entry?.headers["content-type"]).toBe("application/json");
    expect(Number.isNaN(Date.parse(entry?.receivedAt ?? ""))).toBe(false);

    const all = (await (await fetch(`${sim.url}/__sim/requests`)).json()) as { requests: unknown[] };
    expect(all.requests).toHaveLength(2);
  });
});
