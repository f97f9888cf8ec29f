import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "node:net";
import { networkInterfaces } from "node:os";
import { isLoopbackAddress, startSimulator, type RunningSimulator } from "./server";
import { chatRequest, choiceOf, joinDeltas, readSse } from "./test-client";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, speed: 50 });
});
afterAll(async () => {
  await sim.close();
});

const USAGE_KEYS = [
  "completion_tokens",
  "completion_tokens_details",
  "prompt_cache_hit_tokens",
  "prompt_cache_miss_tokens",
  "prompt_tokens",
  "prompt_tokens_details",
  "total_tokens",
];

interface UsageView {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
  prompt_cache_hit_tokens: number;
  prompt_cache_miss_tokens: number;
}

function expectUsageShape(usage: unknown): UsageView {
  expect(usage).toBeTypeOf("object");
  const u = usage as UsageView;
  expect(Object.keys(u).sort()).toEqual(USAGE_KEYS);
  expect(Object.keys(u.prompt_tokens_details)).toEqual(["cached_tokens"]);
  expect(Object.keys(u.completion_tokens_details)).toEqual(["reasoning_tokens"]);
  expect(u.prompt_tokens).toBe(u.prompt_cache_hit_tokens + u.prompt_cache_miss_tokens);
  expect(u.prompt_tokens_details.cached_tokens).toBe(u.prompt_cache_hit_tokens);
  expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens);
  expect(u.completion_tokens_details.reasoning_tokens).toBeLessThanOrEqual(u.completion_tokens);
  return u;
}

const user = (content: string | { type: string; text: string }[]) => ({ role: "user", content });

describe("plain endpoints", () => {
  it("answers /health", async () => {
    const res = await fetch(`${sim.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("lists models in the OpenAI list shape, behind auth", async () => {
    for (const path of ["/models", "/v1/models"]) {
      const res = await fetch(`${sim.url}${path}`, { headers: { authorization: "Bearer sk-abc" } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        object: "list",
        data: ["deepseek-flash", "deepseek-v4-flash", "deepseek-v4-pro", "deepseek-chat", "deepseek-reasoner"].map((id) => ({
          id,
          object: "model",
          owned_by: "deepseek",
        })),
      });
    }
    expect((await fetch(`${sim.url}/models`)).status).toBe(401);
  });

  it("returns 404 for unknown paths and for test controls when disabled", async () => {
    expect((await fetch(`${sim.url}/nope`)).status).toBe(404);
    const res = await fetch(`${sim.url}/__sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ match: "x", fault: { kind: "status", status: 500 } }),
    });
    expect(res.status).toBe(404);
    expect((await fetch(`${sim.url}/__sim/requests`)).status).toBe(404);
  });
});

describe("streaming, thinking mode", () => {
  it("streams keep-alive, role delta, reasoning, content, final usage chunk and [DONE]", async () => {
    const res = await chatRequest(sim.url, {
      model: "deepseek-flash",
      messages: [user("What is a binary search tree?")],
      stream: true,
      stream_options: { include_usage: true },
    });
    const sse = await readSse(res);
    expect(sse.status).toBe(200);
    expect(sse.contentType).toMatch(/^text\/event-stream/);
    expect(sse.error).toBeUndefined();
    expect(sse.order[0]).toBe("c");
    expect(sse.comments[0]).toBe("keep-alive");
    expect(sse.done).toBe(true);

    const { events } = sse;
    const first = events[0];
    const last = events[events.length - 1];
    if (!first || !last) throw new Error("no events");
    const id = first.id;
    expect(typeof id).toBe("string");
    for (const e of events) {
      expect(Object.keys(e).sort()).toEqual(
        ["choices", "created", "id", "model", "object", "system_fingerprint", "usage"].sort(),
      );
      expect(e.id).toBe(id);
      expect(e.object).toBe("chat.completion.chunk");
      // The id as requested (the real service reports a dated version here; clients do not read it).
      expect(e.model).toBe("deepseek-flash");
      expect(typeof e.created).toBe("number");
      expect(typeof e.system_fingerprint).toBe("string");
      const choice = choiceOf(e);
      expect(Object.keys(choice).sort()).toEqual(["delta", "finish_reason", "index", "logprobs"]);
      expect(choice).toMatchObject({ index: 0, logprobs: null });
    }

    expect(choiceOf(first)).toEqual({
      index: 0,
      delta: { role: "assistant", content: null, reasoning_content: "" },
      logprobs: null,
      finish_reason: null,
    });
    expect(first.usage).toBeNull();

    const middle = events.slice(1, -1);
    let seenContent = false;
    let reasoningPieces = 0;
    for (const e of middle) {
      const { delta, finish_reason } = choiceOf(e);
      expect(finish_reason).toBeNull();
      expect(e.usage).toBeNull();
      expect(Object.keys(delta).sort()).toEqual(["content", "reasoning_content"]);
      if (delta.content === null) {
        expect(seenContent).toBe(false); // reasoning never follows content
        expect(typeof delta.reasoning_content).toBe("string");
        reasoningPieces++;
      } else {
        seenContent = true;
        expect(typeof delta.content).toBe("string");
        expect(delta.reasoning_content).toBeNull();
      }
      const piece = (delta.content ?? delta.reasoning_content) as string;
      expect(piece.length).toBeGreaterThan(0);
      expect(piece.length).toBeLessThanOrEqual(8); // one small token per piece
    }
    expect(reasoningPieces).toBeGreaterThan(20);
    expect(seenContent).toBe(true);

    expect(choiceOf(last)).toEqual({
      index: 0,
      delta: { content: "", reasoning_content: null },
      logprobs: null,
      finish_reason: "stop",
    });
    const usage = expectUsageShape(last.usage);
    expect(usage.completion_tokens_details.reasoning_tokens).toBe(reasoningPieces);
    expect(usage.completion_tokens).toBe(middle.length);
    expect(usage.prompt_cache_hit_tokens).toBe(0);

    const content = joinDeltas(events, "content");
    expect(content).toContain('"What is a binary search tree?"');
    expect(content).toMatch(/^## /m);
    expect(content).toMatch(/```[a-z]+\n/);
    expect(content).toMatch(/^\| .+ \|$/m);
  });

  it("omits the usage key on earlier chunks without include_usage, but keeps it on the last", async () => {
    const sse = await readSse(
      await chatRequest(sim.url, { model: "deepseek-v4-pro", messages: [user("Describe TCP slow start")], stream: true }),
    );
    const last = sse.events[sse.events.length - 1];
    if (!last) throw new Error("no events");
    for (const e of sse.events.slice(0, -1)) expect("usage" in e).toBe(false);
    expectUsageShape(last.usage);
    expect(last.model).toBe("deepseek-v4-pro");
  });

  it("treats deepseek-reasoner as thinking by default", async () => {
    const sse = await readSse(
      await chatRequest(sim.url, { model: "deepseek-reasoner", messages: [user("hello there")], stream: true }),
    );
    const first = sse.events[0];
    if (!first) throw new Error("no events");
    expect(choiceOf(first).delta).toEqual({ role: "assistant", content: null, reasoning_content: "" });
    expect(joinDeltas(sse.events, "reasoning_content").length).toBeGreaterThan(50);
  });
});

describe("streaming, non-thinking mode", () => {
  for (const body of [
    { model: "deepseek-v4-flash", thinking: { type: "disabled" } },
    { model: "deepseek-chat" },
  ]) {
    it(`has no reasoning_content key at all (${body.model})`, async () => {
      const sse = await readSse(
        await chatRequest(sim.url, {
          ...body,
          messages: [user("Give me tips for learning Go")],
          stream: true,
          stream_options: { include_usage: true },
        }),
      );
      expect(sse.done).toBe(true);
      const [first, ...rest] = sse.events;
      const last = rest[rest.length - 1];
      if (!first || !last) throw new Error("no events");
      expect(choiceOf(first).delta).toEqual({ role: "assistant", content: "" });
      for (const e of rest.slice(0, -1)) {
        const { delta } = choiceOf(e);
        expect(Object.keys(delta)).toEqual(["content"]);
        expect(typeof delta.content).toBe("string");
      }
      expect(choiceOf(last)).toEqual({ index: 0, delta: { content: "" }, logprobs: null, finish_reason: "stop" });
      const usage = expectUsageShape(last.usage);
      expect(usage.completion_tokens_details.reasoning_tokens).toBe(0);
      expect(usage.completion_tokens).toBe(rest.length - 1);
    });
  }
});

describe("non-streaming", () => {
  it("returns one chat.completion object with reasoning_content in thinking mode", async () => {
    const res = await chatRequest(sim.url, {
      model: "deepseek-v4-pro",
      reasoning_effort: "max",
      messages: [user("Why is the sky blue?")],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ["choices", "created", "id", "model", "object", "system_fingerprint", "usage"].sort(),
    );
    expect(body.object).toBe("chat.completion");
    expect(body.model).toBe("deepseek-v4-pro");
    const choice = (body.choices as Record<string, unknown>[])[0];
    expect(choice).toMatchObject({ index: 0, logprobs: null, finish_reason: "stop" });
    const message = choice?.message as Record<string, unknown>;
    expect(Object.keys(message).sort()).toEqual(["content", "reasoning_content", "role"]);
    expect(message.role).toBe("assistant");
    expect(String(message.reasoning_content).length).toBeGreaterThan(100);
    const usage = expectUsageShape(body.usage);
    expect(usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it("omits reasoning_content without thinking and matches the streamed text", async () => {
    const request = { model: "deepseek-v4-flash", thinking: { type: "disabled" }, messages: [user("Compare SQL and NoSQL")] };
    const body = (await (await chatRequest(sim.url, { ...request, stream: false })).json()) as {
      choices: { message: Record<string, unknown> }[];
    };
    const message = body.choices[0]?.message;
    expect(message && Object.keys(message).sort()).toEqual(["content", "role"]);
    // The same first attempt, streamed by a fresh simulator (a repeat here would be a new attempt).
    const fresh = await startSimulator({ port: 0, speed: 50 });
    try {
      const sse = await readSse(await chatRequest(fresh.url, { ...request, stream: true }));
      expect(joinDeltas(sse.events, "content")).toBe(message?.content);
    } finally {
      await fresh.close();
    }
  });

  it("answers ping with pong on either path", async () => {
    for (const path of ["/chat/completions", "/v1/chat/completions"]) {
      const res = await chatRequest(sim.url, { model: "deepseek-chat", messages: [user("ping")] }, { path });
      const body = (await res.json()) as { choices: { message: { content: string } }[]; usage: UsageView };
      expect(body.choices[0]?.message.content).toBe("pong");
      expect(body.usage.completion_tokens).toBe(1);
    }
  });
});

describe("answers", () => {
  const ask = async (body: Record<string, unknown>) => {
    const res = await chatRequest(sim.url, body);
    return ((await res.json()) as { choices: { message: { content: string; reasoning_content?: string } }[] })
      .choices[0]?.message;
  };

  it("is deterministic for the same model, mode, prompt and attempt; asking again varies the answer", async () => {
    const body = { model: "deepseek-v4-flash", messages: [user("Explain closures in JavaScript")] };
    const a = await ask(body);
    const again = await ask(body);
    expect(again?.content).not.toBe(a?.content);
    const fresh = await startSimulator({ port: 0, speed: 50 });
    try {
      const first = await chatRequest(fresh.url, body);
      expect(((await first.json()) as { choices: { message: unknown }[] }).choices[0]?.message).toEqual(a);
    } finally {
      await fresh.close();
    }
    const pro = await ask({ ...body, model: "deepseek-v4-pro" });
    expect(pro?.content).not.toBe(a?.content);
    const max = await ask({ ...body, reasoning_effort: "max" });
    expect(String(max?.reasoning_content).length).toBeGreaterThan(String(a?.reasoning_content).length);
  });

  it("writes a short title when the system prompt asks for a conversation title", async () => {
    const message = await ask({
      model: "deepseek-v4-flash",
      messages: [
        { role: "system", content: "Write a short conversation title for this chat." },
        user("How do I bake sourdough bread at home?"),
      ],
    });
    expect(message?.content).toBe("Bake Sourdough Bread Home");
    expect(message?.reasoning_content).toBe("");
  });

  it("mentions a follow-up when earlier assistant turns exist", async () => {
    const message = await ask({
      model: "deepseek-v4-flash",
      thinking: { type: "disabled" },
      messages: [
        user("What is Docker?"),
        { role: "assistant", content: "Docker packages apps.", reasoning_content: "" },
        user([{ type: "text", text: "And Kubernetes?" }]),
      ],
    });
    expect(message?.content).toMatch(/^Following up on our/);
    expect(message?.content).toContain('"And Kubernetes?"');
  });
});

describe("prompt cache", () => {
  const longSystem = Array.from({ length: 400 }, (_, i) => `Rule ${i}: always answer carefully and cite sources.`).join(
    "\n",
  );

  const usageOf = async (model: string, messages: unknown[]): Promise<UsageView> => {
    const res = await chatRequest(sim.url, { model, messages, thinking: { type: "disabled" } });
    return ((await res.json()) as { usage: UsageView }).usage;
  };

  it("counts hits in 256-token blocks for a repeated prefix", async () => {
    const turn1 = [{ role: "system", content: longSystem }, user("first question about caching")];
    const first = await usageOf("deepseek-v4-flash", turn1);
    expect(first.prompt_cache_hit_tokens).toBe(0);
    expect(first.prompt_tokens).toBeGreaterThan(2000);

    const turn2 = [...turn1, { role: "assistant", content: "An answer." }, user("a second question")];
    const second = await usageOf("deepseek-v4-flash", turn2);
    expect(second.prompt_cache_hit_tokens).toBeGreaterThan(0);
    expect(second.prompt_cache_hit_tokens % 256).toBe(0);
    // Every full block of the first prompt except possibly the last is shared.
    expect(second.prompt_cache_hit_tokens).toBeGreaterThanOrEqual(Math.floor(first.prompt_tokens / 256 - 1) * 256);
    expect(second.prompt_cache_hit_tokens).toBeLessThanOrEqual(first.prompt_tokens);
    expect(second.prompt_cache_miss_tokens).toBe(second.prompt_tokens - second.prompt_cache_hit_tokens);

    // Another model does not share Flash's cache.
    const pro = await usageOf("deepseek-v4-pro", turn2);
    expect(pro.prompt_cache_hit_tokens).toBe(0);
  });
});

describe("limits", () => {
  it("ends a thinking answer on length with reasoning only when max_tokens is tiny", async () => {
    const sse = await readSse(
      await chatRequest(sim.url, {
        model: "deepseek-v4-flash",
        messages: [user("Summarise the history of Rome")],
        max_tokens: 10,
        stream: true,
      }),
    );
    const last = sse.events[sse.events.length - 1];
    if (!last) throw new Error("no events");
    expect(choiceOf(last)).toEqual({
      index: 0,
      delta: { content: "", reasoning_content: null },
      logprobs: null,
      finish_reason: "length",
    });
    expect(joinDeltas(sse.events, "content")).toBe("");
    const usage = expectUsageShape(last.usage);
    expect(usage.completion_tokens).toBe(10);
    expect(usage.completion_tokens_details.reasoning_tokens).toBe(10);
    expect(sse.done).toBe(true);
  });

  it("cuts content at max_tokens without thinking", async () => {
    const res = await chatRequest(sim.url, {
      model: "deepseek-chat",
      messages: [user("Summarise the history of Rome")],
      max_tokens: 25,
    });
    const body = (await res.json()) as { choices: { finish_reason: string }[]; usage: UsageView };
    expect(body.choices[0]?.finish_reason).toBe("length");
    expect(body.usage.completion_tokens).toBe(25);
  });

  it("rejects prompts over the context window", async () => {
    const huge = " a".repeat(1_048_600);
    const res = await chatRequest(sim.url, { model: "deepseek-v4-flash", messages: [user(huge)] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; type: string; param: null; code: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.param).toBeNull();
    expect(body.error.message).toMatch(
      /^This model's maximum context length is 1048576 tokens\. However, you requested 10486\d\d tokens \(10486\d\d in the messages, 0 in the completion\)\./,
    );
  });
});

describe("request errors", () => {
  const errorOf = async (res: Response) => ({ status: res.status, body: await res.json() });

  it("rejects a missing or invalid key with 401", async () => {
    const body = { model: "deepseek-v4-flash", messages: [user("hi")] };
    expect(await errorOf(await chatRequest(sim.url, body, { key: null }))).toEqual({
      status: 401,
      body: {
        error: {
          message: "Authentication Fails, Your api key: **** is invalid",
          type: "authentication_error",
          param: null,
          code: "invalid_request_error",
        },
      },
    });
    const invalid = await errorOf(await chatRequest(sim.url, body, { key: "sk-invalid-wxyz" }));
    expect(invalid.status).toBe(401);
    expect(invalid.body.error.message).toBe("Authentication Fails, Your api key: ****wxyz is invalid");
    const format = await errorOf(
      await chatRequest(sim.url, body, { key: null, headers: { authorization: "Token abc" } }),
    );
    expect(format.status).toBe(401);
    expect(format.body.error.message).toBe("Authentication Fails (auth header format should be Bearer sk-...)");
  });

  it("rejects an unknown model with 400 Model Not Exist", async () => {
    expect(await errorOf(await chatRequest(sim.url, { model: "gpt-4o", messages: [user("hi")] }))).toEqual({
      status: 400,
      body: {
        error: { message: "Model Not Exist", type: "invalid_request_error", param: null, code: "invalid_request_error" },
      },
    });
  });

  it.each([
    ["bad JSON", "{not json", /^Failed to parse the request body as JSON/],
    ["no messages", { model: "deepseek-v4-flash" }, /messages/],
    ["empty messages", { model: "deepseek-v4-flash", messages: [] }, /Empty input messages/],
    [
      "bad role",
      { model: "deepseek-v4-flash", messages: [{ role: "bot", content: "x" }] },
      /messages\[0\].*unknown variant `bot`, expected one of `system`, `user`, `assistant`, `tool`/,
    ],
    [
      "bad thinking type",
      { model: "deepseek-v4-flash", messages: [user("x")], thinking: { type: "sometimes" } },
      /thinking\.type: unknown variant `sometimes`/,
    ],
    [
      "bad reasoning effort",
      { model: "deepseek-v4-flash", messages: [user("x")], reasoning_effort: "extreme" },
      /reasoning_effort/,
    ],
  ])("rejects %s with 400", async (_name, body, message) => {
    const res = await chatRequest(sim.url, body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: Record<string, unknown> };
    expect(Object.keys(json.error).sort()).toEqual(["code", "message", "param", "type"]);
    expect(json.error.type).toBe("invalid_request_error");
    expect(json.error.message).toMatch(message);
  });

  it("accepts and ignores unknown fields", async () => {
    const res = await chatRequest(sim.url, {
      model: "deepseek-v4-flash",
      messages: [user("ping")],
      frequency_penalty: 0,
      user_id: "u1",
      some_future_field: { a: 1 },
    });
    expect(res.status).toBe(200);
  });
});

describe("client disconnect", () => {
  it("stops streaming without taking the server down", async () => {
    const controller = new AbortController();
    const res = await chatRequest(
      sim.url,
      { model: "deepseek-v4-pro", messages: [user("A long story please")], stream: true },
      { signal: controller.signal },
    );
    const reader = res.body?.getReader();
    await reader?.read();
    controller.abort();
    await expect(reader?.read()).rejects.toThrow();
    const health = await fetch(`${sim.url}/health`);
    expect(health.status).toBe(200);
  });
});

describe("test controls", () => {
  /** A port nothing listens on right now. */
  async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  async function listening(host: string, port: number): Promise<boolean> {
    try {
      await fetch(`http://${host}:${port}/health`, { signal: AbortSignal.timeout(2000) });
      return true;
    } catch {
      return false;
    }
  }

  it("knows loopback addresses", () => {
    for (const address of ["127.0.0.1", "127.3.2.1", "::1", "[::1]", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "::ffff:10.0.0.1", "localhost", "example.com", ""]) {
      expect(isLoopbackAddress(address), address).toBe(false);
    }
  });

  it("refuse to start on an address other machines can reach, before listening", async () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com"]) {
      const port = await freePort();
      await expect(startSimulator({ port, host, testControls: true }), host).rejects.toThrow(/loopback/);
      expect(await listening("127.0.0.1", port), host).toBe(false);
    }
  });

  it("refuse a real non-loopback interface of this machine", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((info) => info && info.family === "IPv4" && !info.internal);
    if (!external) return; // a machine with only loopback
    await expect(startSimulator({ port: 0, host: external.address, testControls: true })).rejects.toThrow(/loopback/);
    // Without the controls, any address is the caller's choice.
    const open = await startSimulator({ port: 0, host: external.address });
    await open.close();
  });

  it("run on loopback", async () => {
    for (const host of ["127.0.0.1", "localhost"]) {
      const local = await startSimulator({ port: 0, host, testControls: true });
      try {
        const res = await fetch(`http://127.0.0.1:${local.port}/__sim/faults`);
        expect(res.status, host).toBe(200);
      } finally {
        await local.close();
      }
    }
  });
});
