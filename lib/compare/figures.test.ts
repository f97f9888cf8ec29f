import { describe, expect, it } from "vitest";
import { costWithCache, finalFigures, liveFigures, paneMarkers, tokensPerSecond, type PaneFigures } from "./figures";

const prices = { cacheHitInput: 0.028, cacheMissInput: 0.28, output: 0.42 };

describe("tokensPerSecond", () => {
  it("counts from the first token to the end", () => {
    // 500 tokens over 5 s of generation after a 1 s wait: 100/s, not 83/s.
    expect(tokensPerSecond({ outputTokens: 500, ttftMs: 1000, totalMs: 6000 })).toBeCloseTo(100);
  });
  it("uses the whole time when the first token is unknown", () => {
    expect(tokensPerSecond({ outputTokens: 300, totalMs: 3000 })).toBeCloseTo(100);
  });
  it("is unknown without a meaningful interval", () => {
    expect(tokensPerSecond({ outputTokens: 1, ttftMs: 100, totalMs: 5000 })).toBeUndefined();
    expect(tokensPerSecond({ outputTokens: 100, ttftMs: 1000, totalMs: 1020 })).toBeUndefined();
  });
});

describe("costWithCache", () => {
  it("bills cache hits at the hit price and says what they saved", () => {
    const usage = { inputTokens: 10_000, cacheHitTokens: 8_000, cacheMissTokens: 2_000, outputTokens: 1_000, reasoningTokens: 400 };
    const { totalUsd, savedByCacheUsd } = costWithCache(usage, prices);
    // 8000 × 0.028 + 2000 × 0.28 + 1000 × 0.42, per million
    expect(totalUsd).toBeCloseTo((8000 * 0.028 + 2000 * 0.28 + 1000 * 0.42) / 1e6, 12);
    expect(savedByCacheUsd).toBeCloseTo((8000 * (0.28 - 0.028)) / 1e6, 12);
  });
  it("saves nothing without cache hits", () => {
    const usage = { inputTokens: 100, cacheHitTokens: 0, cacheMissTokens: 100, outputTokens: 10, reasoningTokens: 0 };
    expect(costWithCache(usage, prices).savedByCacheUsd).toBe(0);
  });
});

describe("liveFigures", () => {
  it("times the first token and the reasoning from the browser's clock", () => {
    const figures = liveFigures({
      clock: { startedAt: 1000, firstTokenAt: 1500, textStartedAt: 3500, now: 5500 },
      reasoning: "word ".repeat(200),
      text: "word ".repeat(100),
      prices,
    });
    expect(figures.ttftMs).toBe(500);
    expect(figures.reasoningMs).toBe(2000);
    expect(figures.totalMs).toBe(4500);
    expect(figures.outputTokens).toBeGreaterThan(250);
    expect(figures.tokensPerSecond).toBeCloseTo((figures.outputTokens as number) / 4, 5);
    expect(figures.costUsd).toBeCloseTo(((figures.outputTokens as number) * prices.output) / 1e6, 12);
    expect(figures.estimated).toBe(true);
    expect(figures.final).toBe(false);
  });
  it("has no reasoning time without reasoning, and nothing before the first token", () => {
    const figures = liveFigures({ clock: { startedAt: 0, now: 800 }, reasoning: "", text: "" });
    expect(figures.ttftMs).toBeUndefined();
    expect(figures.reasoningMs).toBeUndefined();
    expect(figures.tokensPerSecond).toBeUndefined();
  });
});

describe("finalFigures", () => {
  it("reads the answer's record", () => {
    const figures = finalFigures({
      ttftMs: 400,
      reasoningMs: 1200,
      durationMs: 4400,
      usage: { inputTokens: 50, cacheHitTokens: 32, cacheMissTokens: 18, outputTokens: 800, reasoningTokens: 300 },
      costUsd: 0.0004,
    });
    expect(figures).toMatchObject({ ttftMs: 400, totalMs: 4400, inputTokens: 50, cacheHitTokens: 32, outputTokens: 800, costUsd: 0.0004, final: true, estimated: false });
    expect(figures.tokensPerSecond).toBeCloseTo(200);
  });
});

describe("paneMarkers", () => {
  const done = (figures: Partial<PaneFigures>) => ({ complete: true, figures: { estimated: false, final: true, ...figures } });
  it("marks the fastest, the cheapest and the longest", () => {
    const markers = paneMarkers([
      done({ totalMs: 2000, costUsd: 0.001, outputTokens: 300 }),
      done({ totalMs: 9000, costUsd: 0.01, outputTokens: 1200 }),
    ]);
    expect(markers).toEqual([["fastest", "cheapest"], ["longest"]]);
  });
  it("marks every pane that shares the best figure, and none when all are equal", () => {
    const markers = paneMarkers([
      done({ totalMs: 2000, costUsd: 0.001, outputTokens: 300 }),
      done({ totalMs: 2000, costUsd: 0.002, outputTokens: 300 }),
      done({ totalMs: 5000, costUsd: 0.001, outputTokens: 300 }),
    ]);
    expect(markers).toEqual([["fastest", "cheapest"], ["fastest"], ["cheapest"]]);
  });
  it("leaves out panes that failed or are still running, and needs two to compare", () => {
    const markers = paneMarkers([
      done({ totalMs: 2000, costUsd: 0.001, outputTokens: 300 }),
      { complete: false, figures: { estimated: false, final: true, totalMs: 100, costUsd: 0, outputTokens: 0 } },
      { complete: true, figures: { estimated: true, final: false, totalMs: 50 } },
    ]);
    expect(markers).toEqual([[], [], []]);
  });
});
