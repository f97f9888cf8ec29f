import { describe, expect, it } from "vitest";
import { countWords, makeTitle, SIMULATOR_SIGNATURE, writeAnswer, type AnswerInput } from "./answer-writer";
import { CACHE_BLOCK_TOKENS, PrefixCache } from "./prefix-cache";
import type { ChatMessage } from "./protocol";
import { countTokens, promptTokens, splitTokens } from "./tokens";

const PROMPTS = [
  "How does garbage collection work in Java?",
  "Write a haiku about autumn",
  "What are the pros and cons of microservices?",
  "Explain the difference between TCP and UDP",
  "How should I structure a React project with many pages and shared state?",
  "Tell me about the French revolution",
  "Why do cats purr?",
  "Recommend a strategy for paying off student loans quickly",
  "什么是机器学习？",
  "?",
];

const input = (text: string, extra: Partial<AnswerInput> = {}): AnswerInput => ({
  base: "flash",
  thinking: true,
  effort: "high",
  messages: [{ role: "user", content: text }],
  ...extra,
});

const average = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe("writeAnswer", () => {
  it("is byte-identical for identical inputs and differs across modes", () => {
    const a = writeAnswer(input(PROMPTS[0] ?? ""));
    expect(writeAnswer(input(PROMPTS[0] ?? ""))).toEqual(a);
    expect(writeAnswer(input(PROMPTS[0] ?? "", { effort: "max" })).reasoning).not.toBe(a.reasoning);
    expect(writeAnswer(input(PROMPTS[0] ?? "", { thinking: false })).reasoning).toBe("");
  });

  it("keeps Flash at 120-200 words and Pro at 200-320", () => {
    for (const prompt of PROMPTS) {
      const flash = countWords(writeAnswer(input(prompt)).content);
      const pro = countWords(writeAnswer(input(prompt, { base: "pro" })).content);
      expect(flash, prompt).toBeGreaterThanOrEqual(120);
      expect(flash, prompt).toBeLessThanOrEqual(200);
      expect(pro, prompt).toBeGreaterThanOrEqual(200);
      expect(pro, prompt).toBeLessThanOrEqual(320);
    }
  });

  it("writes renderer-friendly markdown that echoes the prompt", () => {
    let withMath = 0;
    for (const prompt of PROMPTS) {
      const { content } = writeAnswer(input(prompt));
      expect(content).toContain(`"${prompt}"`);
      expect(content).toMatch(/^## \S/m);
      expect(content).toMatch(/^(- |1\. )/m);
      expect(content).toMatch(/^\| --- \| --- \| --- \|$/m);
      expect(content).toMatch(/^```(ts|python|bash)\n[\s\S]+?\n```$/m);
      expect(content.endsWith(SIMULATOR_SIGNATURE)).toBe(true);
      expect(content.split(SIMULATOR_SIGNATURE)).toHaveLength(2);
      if (/\$[^$\n]+\$/.test(content)) withMath++;
    }
    expect(withMath).toBeGreaterThan(0);
    expect(withMath).toBeLessThan(PROMPTS.length);
  });

  it("truncates long prompts to about 80 characters in the echo", () => {
    const long = "word ".repeat(60).trim();
    const { content } = writeAnswer(input(long));
    const quoted = /"([^"]+)"/.exec(content)?.[1] ?? "";
    expect(quoted.length).toBeLessThanOrEqual(80);
    expect(quoted.endsWith("…")).toBe(true);
  });

  it("echoes the prompt verbatim, even its $ signs", () => {
    const prompt = "Render $$\\frac{a}{b}$$ and keep $& and $1 as typed";
    expect(writeAnswer(input(prompt)).content).toContain(`"${prompt}"`);
  });

  it("reasons longer with more effort, and Pro more than Flash", () => {
    const words = (extra: Partial<AnswerInput>) => PROMPTS.map((p) => countWords(writeAnswer(input(p, extra)).reasoning));
    const high = words({});
    for (const w of high) {
      expect(w).toBeGreaterThanOrEqual(60);
      expect(w).toBeLessThanOrEqual(150);
    }
    const low = average(words({ effort: "low" }));
    const max = average(words({ effort: "max" }));
    expect(low).toBeLessThan(average(high));
    expect(max).toBeGreaterThan(average(high) * 2);
    expect(average(words({ base: "pro" }))).toBeGreaterThan(average(high));
  });

  it("marks follow-ups", () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "What is Rust?" },
      { role: "assistant", content: "A language." },
      { role: "user", content: "Is it fast?" },
    ];
    const answer = writeAnswer(input("", { messages }));
    expect(answer.content.startsWith("Following up on our")).toBe(true);
    expect(answer.reasoning).toMatch(/follow-up/);
  });

  it("answers title requests with a bare title and no reasoning", () => {
    const answer = writeAnswer(
      input("", {
        messages: [
          { role: "system", content: "Generate a Conversation Title, 3 to 6 words." },
          { role: "user", content: "Can you help me plan a three-day trip to Kyoto in spring?" },
        ],
      }),
    );
    expect(answer).toEqual({ reasoning: "", content: "Plan Three Day Trip Kyoto Spring" });
  });

  it("answers ping with pong", () => {
    expect(writeAnswer(input("ping", { thinking: false }))).toEqual({ reasoning: "", content: "pong" });
  });
});

describe("makeTitle", () => {
  it.each([
    ["What is the capital of France?", "Capital France Notes"],
    ["hello", "Quick Chat Notes"],
    ["Explain Kubernetes pods, services, deployments, ingress, volumes and secrets!", "Kubernetes Pods Services Deployments Ingress Volumes"],
  ])("%s -> %s", (text, title) => {
    expect(makeTitle(text)).toBe(title);
  });

  it("always gives 3-6 Title Case words without punctuation", () => {
    for (const prompt of PROMPTS) {
      const title = makeTitle(prompt);
      const words = title.split(" ");
      expect(words.length).toBeGreaterThanOrEqual(3);
      expect(words.length).toBeLessThanOrEqual(6);
      expect(title).not.toMatch(/["'.!?,:;]/);
      for (const w of words) expect(w.charAt(0)).toBe(w.charAt(0).toUpperCase());
    }
  });
});

describe("tokens", () => {
  it("splits into small pieces that join back to the input", () => {
    const text = "Hello, world! Tokenization   of **markdown** `code` and 中文字符.\n\n| a | b |\n```ts\nconst x = 1;\n```";
    const pieces = splitTokens(text);
    expect(pieces.join("")).toBe(text);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(8);
    expect(splitTokens("internationalization")).toEqual(["intern", "ationa", "lizati", "on"]);
    expect(splitTokens(" simple words")).toEqual([" simple", " words"]);
    expect(splitTokens(" the cat")).toEqual([" the", " cat"]);
    expect(countTokens("")).toBe(0);
  });

  it("renders a later turn's prompt as an extension of the earlier one", () => {
    const turn1: ChatMessage[] = [
      { role: "system", content: "sys" },
      { role: "user", content: "one" },
    ];
    const turn2: ChatMessage[] = [
      ...turn1,
      { role: "assistant", content: "reply", reasoning_content: "ignored thoughts" },
      { role: "user", content: "two" },
    ];
    const a = promptTokens(turn1, false);
    const b = promptTokens(turn2, false);
    expect(b.slice(0, a.length)).toEqual(a);
    expect(b.join("")).not.toContain("ignored");
  });
});

describe("PrefixCache", () => {
  const tokens = (n: number, tag = "t") => Array.from({ length: n }, (_, i) => `${tag}${i}`);

  it("hits only on whole leading blocks seen before", () => {
    const cache = new PrefixCache();
    expect(cache.lookupAndRemember("flash", tokens(600))).toBe(0);
    expect(cache.lookupAndRemember("flash", tokens(600))).toBe(2 * CACHE_BLOCK_TOKENS);
    expect(cache.lookupAndRemember("flash", tokens(1000))).toBe(2 * CACHE_BLOCK_TOKENS);
    expect(cache.lookupAndRemember("flash", tokens(1000))).toBe(3 * CACHE_BLOCK_TOKENS);
    expect(cache.lookupAndRemember("pro", tokens(1000))).toBe(0);
    const changedStart = ["x", ...tokens(999).slice(1)];
    expect(cache.lookupAndRemember("flash", changedStart)).toBe(0);
  });

  it("forgets the least recently used prefixes beyond its capacity", () => {
    const cache = new PrefixCache(3);
    cache.lookupAndRemember("m", tokens(512, "a"));
    cache.lookupAndRemember("m", tokens(512, "b"));
    expect(cache.size).toBe(3);
    expect(cache.lookupAndRemember("m", tokens(512, "a"))).toBe(0);
  });
});
