// End-to-end fidelity: the real DeepSeek provider of the AI SDK talks to the
// simulator over HTTP and must see reasoning, text, usage, cache and errors.
import { createDeepSeek } from "@ai-sdk/deepseek";
import { generateText, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "./server";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, speed: 50, testControls: true });
});
afterAll(async () => {
  await sim.close();
});

const provider = () => createDeepSeek({ apiKey: "sk-provider-test", baseURL: sim.url });

describe("@ai-sdk/deepseek against the simulator", () => {
  it("streams reasoning and text with usage, and sends the mode fields upstream", async () => {
    const result = streamText({
      model: provider()("deepseek-v4-pro"),
      prompt: "provider-check: what is a monad?",
      providerOptions: { deepseek: { thinking: { type: "enabled" }, reasoningEffort: "max" } },
    });
    let reasoning = "";
    let text = "";
    for await (const part of result.fullStream) {
      if (part.type === "reasoning-delta") reasoning += part.text;
      if (part.type === "text-delta") text += part.text;
      if (part.type === "error") throw part.error;
    }
    expect(reasoning.length).toBeGreaterThan(200);
    expect(text).toContain('"provider-check: what is a monad?"');
    expect(await result.finishReason).toBe("stop");
    const usage = await result.usage;
    expect(usage.outputTokenDetails.reasoningTokens).toBeGreaterThan(0);
    expect(usage.inputTokenDetails.cacheReadTokens).toBe(0);

    const log = (await (await fetch(`${sim.url}/__sim/requests?match=provider-check`)).json()) as {
      requests: { body: Record<string, unknown> }[];
    };
    expect(log.requests[0]?.body).toMatchObject({
      model: "deepseek-v4-pro",
      thinking: { type: "enabled" },
      reasoning_effort: "max",
      stream: true,
    });
  });

  it("reports cache reads on a second turn that repeats a long prefix", async () => {
    const system = "You are a meticulous assistant. ".repeat(200);
    const first = await generateText({ model: provider()("deepseek-v4-flash"), system, prompt: "cache turn one" });
    expect(first.usage.inputTokenDetails.cacheReadTokens).toBe(0);
    const second = await generateText({
      model: provider()("deepseek-v4-flash"),
      system,
      messages: [
        { role: "user", content: "cache turn one" },
        { role: "assistant", content: first.text },
        { role: "user", content: "cache turn two" },
      ],
    });
    const hits = second.usage.inputTokenDetails.cacheReadTokens ?? 0;
    expect(hits).toBeGreaterThan(0);
    expect(hits % 256).toBe(0);
  });

  it("surfaces error statuses with the upstream message", async () => {
    await fetch(`${sim.url}/__sim/faults`, {
      method: "POST",
      body: JSON.stringify({ match: "provider-402", fault: { kind: "status", status: 402 }, times: 1 }),
    });
    await expect(
      generateText({ model: provider()("deepseek-v4-flash"), prompt: "provider-402", maxRetries: 0 }),
    ).rejects.toMatchObject({ statusCode: 402, message: "Insufficient Balance" });
  });
});
