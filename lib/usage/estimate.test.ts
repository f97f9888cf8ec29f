import { describe, expect, it } from "vitest";
import { estimateTokens } from "./estimate";
import { countTokens } from "./token-count";

const samples: Record<string, string> = {
  english:
    "Consistent hashing maps both keys and servers onto the same ring, so that adding or removing a server only moves the keys between it and its neighbour. ".repeat(40),
  code: "export function debounce<T extends (...args: unknown[]) => void>(fn: T, ms: number) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return (...args: Parameters<T>) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}\n".repeat(20),
  chinese: "人工智能正在改变世界，大型语言模型可以理解和生成自然语言文本。我们需要认真考虑它带来的机遇与风险。".repeat(40),
  json: JSON.stringify(Array.from({ length: 60 }, (_, i) => ({ id: i, name: `item-${i}`, price: i * 1.25, tags: ["a", "bb", "ccc"] }))),
  digits: "3.14159265358979323846264338327950288419716939937510 ".repeat(40),
  log: "2026-11-30T14:03:59.123Z INFO [worker-3] request GET /api/conversations/abc123 200 12ms\n".repeat(40),
};

describe("estimateTokens (the browser's cheap estimate)", () => {
  it("is empty for empty text and at least one token for any text", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("h")).toBe(1);
  });

  for (const [kind, text] of Object.entries(samples)) {
    it(`stays within 25% of DeepSeek's tokenizer on ${kind}`, async () => {
      const real = await countTokens(text);
      const estimate = estimateTokens(text);
      expect(Math.abs(estimate - real) / real).toBeLessThan(0.25);
    });
  }
});

describe("countTokens (the server's tokenizer)", () => {
  it("counts long text in slices and samples very long text, close to the exact count", async () => {
    const text = samples.english!.repeat(100); // 608,000 characters: sampled
    const exact = 1202 * 100;
    const counted = await countTokens(text);
    expect(Math.abs(counted - exact) / exact).toBeLessThan(0.02);
  });
});
