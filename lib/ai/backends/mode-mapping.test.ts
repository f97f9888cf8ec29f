import { streamText } from "ai";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/lib/simulator/server";
import { parseEnv } from "@/lib/env";
import { outputTokenCap } from "@/lib/ai/limits";
import type { ReasoningMode } from "@/lib/ai/modes";
import { createBackend } from "./select";

/**
 * Request bodies as a server received them: every backend adapter posts to the offline simulator
 * over HTTP, and the simulator's request log (a test-only control) gives back what arrived.
 * Requests the simulator refuses (an OpenRouter-style model id, say) are logged all the same.
 */
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, testControls: true, speed: 50 });
});
afterAll(async () => {
  await sim.close();
});

async function requestBodyFor(
  envVars: () => Record<string, string>,
  mode: ReasoningMode,
  model: "flash" | "pro" = "flash",
  { withCap = false }: { withCap?: boolean } = {},
) {
  const tag = `mapping-${randomUUID()}`;
  const backend = createBackend(parseEnv(envVars()));
  const options = backend.modeOptions(mode);
  const result = streamText({
    model: backend.languageModel(model),
    messages: [{ role: "user", content: `hi ${tag}` }],
    temperature: options.temperature,
    topP: options.topP,
    providerOptions: options.providerOptions,
    // As lib/chat/send.ts passes it to the generation.
    maxOutputTokens: withCap ? outputTokenCap({ caps: backend.outputCaps, model, mode, contextWindow: backend.contextWindow }) : undefined,
    maxRetries: 0,
    onError: () => {},
  });
  await result.consumeStream();
  const response = await fetch(`${sim.url}/__sim/requests?match=${tag}`);
  const { requests } = (await response.json()) as { requests: Array<{ path: string; body: Record<string, unknown> }> };
  expect(requests).toHaveLength(1);
  return { body: requests[0]!.body, url: `${sim.url}${requests[0]!.path}` };
}

const DEEPSEEK = () => ({ DEEPSEEK_API_KEY: "sk-test", DEEPSEEK_BASE_URL: sim.url });
const OPENROUTER = () => ({ OPENROUTER_API_KEY: "sk-or-test", OPENROUTER_BASE_URL: `${sim.url}/v1` });
const VLLM = () => ({ OPENAI_COMPATIBLE_BASE_URL: `${sim.url}/v1`, OPENAI_COMPATIBLE_API_KEY: "sk-vllm" });
const SGLANG = () => ({ ...VLLM(), OPENAI_COMPATIBLE_DIALECT: "sglang" });

describe("DeepSeek API request bodies", () => {
  it("Non-think disables thinking and sends no effort", async () => {
    const { body, url } = await requestBodyFor(DEEPSEEK, "non-think");
    expect(url).toBe(`${sim.url}/chat/completions`);
    expect(body.model).toBe("deepseek-flash");
    expect(body.thinking).toEqual({ type: "disabled" });
    expect(body).not.toHaveProperty("reasoning_effort");
    expect(body.temperature).toBe(1);
    expect(body.top_p).toBe(1);
  });

  it("Think High enables thinking with effort high", async () => {
    const { body } = await requestBodyFor(DEEPSEEK, "think-high", "pro");
    expect(body.model).toBe("deepseek-v4-pro");
    expect(body.thinking).toEqual({ type: "enabled" });
    expect(body.reasoning_effort).toBe("high");
  });

  it("Think Max enables thinking with effort max", async () => {
    const { body } = await requestBodyFor(DEEPSEEK, "think-max");
    expect(body.thinking).toEqual({ type: "enabled" });
    expect(body.reasoning_effort).toBe("max");
  });

  it("asks for usage on the stream", async () => {
    const { body } = await requestBodyFor(DEEPSEEK, "think-high");
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
  });

  it("uses configured model ids", async () => {
    const { body } = await requestBodyFor(() => ({ ...DEEPSEEK(), PRO_MODEL_ID: "deepseek-pro-renamed" }), "think-high", "pro");
    expect(body.model).toBe("deepseek-pro-renamed");
    // The pre-2026-09-10 Flash id stays usable as a setting.
    const legacy = await requestBodyFor(() => ({ ...DEEPSEEK(), FLASH_MODEL_ID: "deepseek-v4-flash" }), "think-high");
    expect(legacy.body.model).toBe("deepseek-v4-flash");
  });
});

describe("OpenRouter request bodies", () => {
  it.each([
    ["non-think", { enabled: false }],
    ["think-high", { effort: "high" }],
    ["think-max", { effort: "xhigh" }],
  ] as const)("%s sends reasoning %j", async (mode, reasoning) => {
    const { body, url } = await requestBodyFor(OPENROUTER, mode);
    expect(url).toBe(`${sim.url}/v1/chat/completions`);
    expect(body.model).toBe("deepseek/deepseek-v4.1-flash");
    expect(body.reasoning).toEqual(reasoning);
    expect(body).not.toHaveProperty("thinking");
    expect(body).not.toHaveProperty("chat_template_kwargs");
  });
});

describe("vLLM and SGLang request bodies", () => {
  it.each([
    ["non-think", { thinking: false }],
    ["think-high", { thinking: true, reasoning_effort: "high" }],
    ["think-max", { thinking: true, reasoning_effort: "max" }],
  ] as const)("%s sends chat_template_kwargs %j", async (mode, kwargs) => {
    for (const settings of [VLLM, SGLANG]) {
      const { body } = await requestBodyFor(settings, mode);
      expect(body.chat_template_kwargs).toEqual(kwargs);
      expect(body).not.toHaveProperty("reasoning_effort");
      expect(body).not.toHaveProperty("thinking");
      expect(body.temperature).toBe(1);
    }
  });
});

describe("max_tokens: the output cap of each mode", () => {
  const DEFAULTS = { "non-think": 32_768, "think-high": 65_536, "think-max": 262_144 } as const;

  it.each(["non-think", "think-high", "think-max"] as const)("%s sends its default cap to every backend", async (mode) => {
    for (const settings of [DEEPSEEK, OPENROUTER, VLLM, SGLANG]) {
      const { body } = await requestBodyFor(settings, mode, "pro", { withCap: true });
      expect(body.max_tokens).toBe(DEFAULTS[mode]);
    }
  });

  it("takes the caps from the settings", async () => {
    const settings = () => ({
      ...DEEPSEEK(),
      MAX_OUTPUT_TOKENS_NON_THINK: "1000",
      MAX_OUTPUT_TOKENS_THINK_HIGH: "2000",
      MAX_OUTPUT_TOKENS_THINK_MAX: "3000",
    });
    expect((await requestBodyFor(settings, "non-think", "flash", { withCap: true })).body.max_tokens).toBe(1000);
    expect((await requestBodyFor(settings, "think-high", "flash", { withCap: true })).body.max_tokens).toBe(2000);
    expect((await requestBodyFor(settings, "think-max", "flash", { withCap: true })).body.max_tokens).toBe(3000);
  });

  it("never asks a self-hosted server for more than half its context window", async () => {
    const small = () => ({ ...VLLM(), OPENAI_COMPATIBLE_CONTEXT_WINDOW: "65536" });
    expect((await requestBodyFor(small, "think-high", "flash", { withCap: true })).body.max_tokens).toBe(32_768);
    expect((await requestBodyFor(small, "non-think", "flash", { withCap: true })).body.max_tokens).toBe(32_768);
  });
});

describe("backend choice", () => {
  it("falls back to the simulator when nothing is configured", () => {
    const backend = createBackend(parseEnv({ SIMULATOR_PORT: "4999" }));
    expect(backend.kind).toBe("simulator");
    expect(backend.modelId("pro")).toBe("deepseek-v4-pro");
  });

  it("prefers DeepSeek's API, then OpenRouter, then a self-hosted server", () => {
    expect(createBackend(parseEnv({ ...DEEPSEEK(), ...OPENROUTER(), ...VLLM() })).kind).toBe("deepseek");
    expect(createBackend(parseEnv({ ...OPENROUTER(), ...VLLM() })).kind).toBe("openrouter");
    expect(createBackend(parseEnv(VLLM())).kind).toBe("openai-compatible");
  });

  it("an explicit V4_BACKEND without its key fails loudly", () => {
    expect(() => createBackend(parseEnv({ V4_BACKEND: "deepseek" }))).toThrow(/DEEPSEEK_API_KEY/);
  });

  it("rejects a malformed setting by name", () => {
    expect(() => parseEnv({ DEEPSEEK_BASE_URL: "not a url" })).toThrow(/DEEPSEEK_BASE_URL/);
    expect(() => parseEnv({ PORT: "-3" })).toThrow(/PORT/);
  });

  it("a self-hosted server's context window is configuration", () => {
    const backend = createBackend(parseEnv({ ...VLLM(), OPENAI_COMPATIBLE_CONTEXT_WINDOW: "262144" }));
    expect(backend.contextWindow).toBe(262144);
  });
});
