import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackend } from "@/lib/ai/backends/select";
import type { Backend } from "@/lib/ai/backends/types";
import { resolveMode, type ReasoningMode } from "@/lib/ai/modes";
import { parseEnv } from "@/lib/env";
import type { RunningSimulator } from "@/lib/simulator/server";
import { answerStartRow } from "./answer-record";
import { Generation, type SettledAnswer } from "./generation";
import { loggedRequests, longText, readAll, startTestSimulator, uniqueTag } from "./test-helpers";

/**
 * Every backend adapter against a live server over HTTP: the simulator stands in for DeepSeek,
 * OpenRouter and vLLM alike (it reads `reasoning_content`-style streams, which
 * @ai-sdk/openai-compatible also understands). Same generation code, same settled answer.
 */
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => {
  await sim.close();
});

function backendFor(kind: "deepseek" | "openrouter" | "vllm", extra: Record<string, string> = {}): Backend {
  const ids = { FLASH_MODEL_ID: "deepseek-v4-flash", PRO_MODEL_ID: "deepseek-v4-pro" };
  const settings =
    kind === "deepseek"
      ? { DEEPSEEK_API_KEY: "sk-live-test", DEEPSEEK_BASE_URL: sim.url }
      : kind === "openrouter"
        ? { ...ids, OPENROUTER_API_KEY: "sk-or-test", OPENROUTER_BASE_URL: `${sim.url}/v1` }
        : { ...ids, OPENAI_COMPATIBLE_BASE_URL: `${sim.url}/v1`, OPENAI_COMPATIBLE_API_KEY: "sk-vllm", ...extra };
  return createBackend(parseEnv(settings));
}

async function answer(backend: Backend, text: string, requested: ReasoningMode = "think-high", history: string[] = []) {
  let settled: SettledAnswer | undefined;
  const mode = resolveMode(requested, backend.contextWindow, 393_216);
  const messages = [
    ...history.flatMap((content, i) => [
      { role: "user" as const, content },
      { role: "assistant" as const, content: `Earlier answer ${i}` },
    ]),
    { role: "user" as const, content: text },
  ];
  const generation = new Generation({
    userId: "u",
    conversationId: "c",
    messageId: uniqueTag("m"),
    model: "flash",
    mode,
    messages,
    backend,
    start: answerStartRow({
      model: "flash",
      modelId: backend.modelId("flash"),
      mode: mode.requested,
      effectiveMode: mode.effective,
      modeNotice: mode.notice,
      backend: backend.label,
    }),
    version: { index: 1, count: 1 },
    parentId: "prompt",
    persist: async (result) => {
      settled = result;
    },
  });
  const chunks = await readAll(generation.stream());
  await generation.done;
  return { settled: settled!, chunks };
}

describe.each(["deepseek", "openrouter", "vllm"] as const)("the %s adapter", (kind) => {
  it("streams reasoning and an answer, and settles it with usage", async () => {
    const tag = uniqueTag(kind);
    const { settled, chunks } = await answer(backendFor(kind), `Explain streams ${tag}`);
    expect(settled.status).toBe("complete");
    expect(settled.finishReason).toBe("stop");
    expect(settled.text).toContain("offline simulator");
    expect(settled.reasoning.length).toBeGreaterThan(20);
    expect(settled.usage?.inputTokens).toBeGreaterThan(0);
    expect(settled.usage?.reasoningTokens).toBeGreaterThan(0);
    expect(chunks.some((chunk) => chunk.type === "reasoning-delta")).toBe(true);
    // DeepSeek's own default id for Flash (V4.1 Flash); the others are configured with the legacy id.
    const expectedId = kind === "deepseek" ? "deepseek-flash" : "deepseek-v4-flash";
    const [body] = await loggedRequests(sim, tag);
    expect(body?.model).toBe(expectedId);
    const start = chunks.find((chunk) => chunk.type === "start");
    expect(start?.type === "start" && start.messageMetadata).toMatchObject({ modelId: expectedId, version: { index: 1, count: 1 } });
  });

  it("reports prompt-cache hits on a repeated long prefix", async () => {
    const backend = backendFor(kind);
    const tag = uniqueTag(kind);
    const document = longText(tag, 1500);
    await answer(backend, `First look ${tag}`, "non-think", [document]);
    const { settled } = await answer(backend, `Second look ${tag}`, "non-think", [document]);
    expect(settled.usage?.cacheHitTokens).toBeGreaterThan(0);
    expect((settled.usage?.cacheHitTokens ?? 1) % 256).toBe(0);
  });
});

describe("Think Max on a server with less than 384K of context", () => {
  it("is sent as Think High, and the answer says why", async () => {
    const backend = backendFor("vllm", { OPENAI_COMPATIBLE_CONTEXT_WINDOW: "262144" });
    const tag = uniqueTag("small");
    const { chunks, settled } = await answer(backend, `Hard problem ${tag}`, "think-max");
    expect(settled.status).toBe("complete");
    const start = chunks.find((chunk) => chunk.type === "start");
    expect(start?.type === "start" && start.messageMetadata).toMatchObject({
      mode: "think-max",
      effectiveMode: "think-high",
      modeNotice: expect.stringMatching(/Think Max needs at least 384K.*256K.*Think High/),
    });
    const [body] = await loggedRequests(sim, tag);
    expect(body?.chat_template_kwargs).toEqual({ thinking: true, reasoning_effort: "high" });
  });

  it("is sent as Think Max where the server offers the full window", async () => {
    const tag = uniqueTag("full");
    await answer(backendFor("vllm"), `Hard problem ${tag}`, "think-max");
    const [body] = await loggedRequests(sim, tag);
    expect(body?.chat_template_kwargs).toEqual({ thinking: true, reasoning_effort: "max" });
  });
});
