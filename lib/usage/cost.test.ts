import { describe, expect, it } from "vitest";
import { computeCost, reportedCost, splitInput } from "./cost";
import { DEEPSEEK_PRICE_HISTORY, isPeakHour, parsePriceTriple, periodAt, quotePrices } from "./prices";

describe("cost arithmetic", () => {
  it("prices cache hits, misses and output separately", () => {
    const cost = computeCost(
      { inputTokens: 1_000_000, cacheHitTokens: 600_000, cacheMissTokens: 400_000, outputTokens: 200_000, reasoningTokens: 150_000 },
      { cacheHitInput: 0.014, cacheMissInput: 0.44, output: 1.32 },
    );
    expect(cost.cacheHitUsd).toBeCloseTo(0.0084, 10);
    expect(cost.cacheMissUsd).toBeCloseTo(0.176, 10);
    expect(cost.outputUsd).toBeCloseTo(0.264, 10);
    expect(cost.totalUsd).toBeCloseTo(0.4484, 10);
  });

  it("counts reasoning tokens as output (they are part of completion tokens)", () => {
    const withReasoning = computeCost(
      { inputTokens: 0, cacheHitTokens: 0, cacheMissTokens: 0, outputTokens: 1000, reasoningTokens: 900 },
      { cacheHitInput: 0, cacheMissInput: 0, output: 1 },
    );
    expect(withReasoning.totalUsd).toBeCloseTo(0.001, 12);
  });

  it("splits input into hits and misses, treating a missing split as all misses", () => {
    expect(splitInput(1000, 768)).toEqual({ cacheHitTokens: 768, cacheMissTokens: 232 });
    expect(splitInput(1000, undefined)).toEqual({ cacheHitTokens: 0, cacheMissTokens: 1000 });
    expect(splitInput(100, 500)).toEqual({ cacheHitTokens: 100, cacheMissTokens: 0 });
  });
});

describe("a cost the upstream reported", () => {
  it("is read from OpenRouter-style raw usage", () => {
    expect(reportedCost({ prompt_tokens: 10, completion_tokens: 5, cost: 0.00042 })).toBe(0.00042);
  });

  it("is absent when the upstream reports none or something unusable", () => {
    expect(reportedCost({ prompt_tokens: 10 })).toBeUndefined();
    expect(reportedCost({ cost: "0.1" })).toBeUndefined();
    expect(reportedCost({ cost: -1 })).toBeUndefined();
    expect(reportedCost(undefined)).toBeUndefined();
  });
});

describe("dated prices", () => {
  it("uses the launch prices on launch day and the discount from 2026-04-26", () => {
    expect(quotePrices(DEEPSEEK_PRICE_HISTORY, "pro", new Date("2026-04-24T12:00:00Z")).prices.cacheMissInput).toBe(1.74);
    expect(quotePrices(DEEPSEEK_PRICE_HISTORY, "pro", new Date("2026-04-26T00:00:00Z")).prices.cacheMissInput).toBe(0.435);
    expect(quotePrices(DEEPSEEK_PRICE_HISTORY, "flash", new Date("2026-06-01T00:00:00Z")).prices.cacheHitInput).toBe(0.0028);
  });

  it("charges peak prices on weekday peak hours from 2026-08-16", () => {
    // Tuesday 2026-11-24, 02:30 UTC: inside 01:00-04:00, at V4.1 Flash's prices (from 2026-09-10).
    const peak = quotePrices(DEEPSEEK_PRICE_HISTORY, "flash", new Date("2026-11-24T02:30:00Z"));
    expect(peak.tier).toBe("peak");
    expect(peak.prices).toEqual({ cacheHitInput: 0.006, cacheMissInput: 0.3, output: 1.2 });
  });

  it("halves prices off-peak: between the peak windows, at night and at weekends", () => {
    for (const at of ["2026-11-24T04:00:00Z", "2026-11-24T10:00:00Z", "2026-11-24T23:00:00Z", "2026-11-28T02:30:00Z"]) {
      const quote = quotePrices(DEEPSEEK_PRICE_HISTORY, "pro", new Date(at));
      expect(quote.tier, at).toBe("off-peak");
      expect(quote.prices.output, at).toBeCloseTo(1.98, 10);
      expect(quote.prices.cacheMissInput, at).toBeCloseTo(0.66, 10);
    }
  });

  it("knows the peak windows precisely", () => {
    const period = periodAt(DEEPSEEK_PRICE_HISTORY, new Date("2026-11-24T00:00:00Z"));
    expect(isPeakHour(period, new Date("2026-11-24T00:59:00Z"))).toBe(false);
    expect(isPeakHour(period, new Date("2026-11-24T01:00:00Z"))).toBe(true);
    expect(isPeakHour(period, new Date("2026-11-24T06:00:00Z"))).toBe(true);
    expect(isPeakHour(period, new Date("2026-11-24T09:59:00Z"))).toBe(true);
    expect(isPeakHour(period, new Date("2026-11-29T07:00:00Z"))).toBe(false); // Sunday
  });

  it("before 2026-08-16 there is no peak distinction", () => {
    expect(quotePrices(DEEPSEEK_PRICE_HISTORY, "flash", new Date("2026-05-05T02:00:00Z")).tier).toBe("standard");
  });

  it("parses price overrides and rejects bad ones by name", () => {
    expect(parsePriceTriple("0.01/0.2/0.5", "FLASH_PRICES")).toEqual({ cacheHitInput: 0.01, cacheMissInput: 0.2, output: 0.5 });
    expect(() => parsePriceTriple("0.2/0.5", "FLASH_PRICES")).toThrow(/FLASH_PRICES/);
    expect(() => parsePriceTriple("a/b/c", "PRO_PRICES")).toThrow(/PRO_PRICES/);
  });
});
