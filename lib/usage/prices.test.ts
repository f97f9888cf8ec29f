import { describe, expect, it } from "vitest";
import { computeCost } from "./cost";
import { DEEPSEEK_PRICE_HISTORY, periodAt, quotePrices, type PriceQuote } from "./prices";

const flash = (at: string, offPeakDays?: ReadonlySet<string>): PriceQuote =>
  quotePrices(DEEPSEEK_PRICE_HISTORY, "flash", new Date(at), offPeakDays);
const pro = (at: string): PriceQuote => quotePrices(DEEPSEEK_PRICE_HISTORY, "pro", new Date(at));

describe("price periods", () => {
  it("start at full UTC instants, in order", () => {
    const starts = DEEPSEEK_PRICE_HISTORY.map((period) => period.from);
    expect(starts).toEqual(["2026-04-24T00:00:00Z", "2026-04-26T00:00:00Z", "2026-08-16T16:00:00Z", "2026-09-10T04:00:00Z"]);
    const times = starts.map((from) => Date.parse(from));
    expect(times.every((t, i) => !Number.isNaN(t) && (i === 0 || t > times[i - 1]!))).toBe(true);
  });

  it("change from launch prices to the discount at 2026-04-26 00:00 UTC", () => {
    expect(pro("2026-04-25T12:00:00Z").prices.cacheMissInput).toBe(1.74);
    expect(pro("2026-04-25T23:59:00Z").prices.cacheMissInput).toBe(1.74);
    expect(pro("2026-04-26T00:00:00Z").prices.cacheMissInput).toBe(0.435);
  });

  it("bring peak pricing at 2026-08-16 16:00 UTC, not at midnight", () => {
    expect(pro("2026-08-15T16:00:00Z")).toMatchObject({ tier: "standard", prices: { cacheMissInput: 0.435 } });
    expect(pro("2026-08-16T15:59:00Z")).toMatchObject({ tier: "standard", since: "2026-04-26T00:00:00Z" });
    // A Sunday: the new prices start at their off-peak half.
    const after = pro("2026-08-16T16:00:00Z");
    expect(after).toMatchObject({ tier: "off-peak", since: "2026-08-16T16:00:00Z" });
    expect(after.prices.cacheMissInput).toBeCloseTo(0.66, 10);
  });

  it("bring V4.1 Flash's prices at 2026-09-10 04:00 UTC, leaving Pro's unchanged", () => {
    // The day before, and the last peak minute before the change: the old Flash peak prices.
    expect(flash("2026-09-09T02:00:00Z")).toMatchObject({ tier: "peak", prices: { cacheHitInput: 0.014, cacheMissInput: 0.44, output: 1.32 } });
    expect(flash("2026-09-10T03:59:00Z")).toMatchObject({ tier: "peak", prices: { cacheMissInput: 0.44 }, since: "2026-08-16T16:00:00Z" });
    // 04:00 is also the end of a peak window: the new prices start off-peak, then peak from 06:00.
    const offPeak = flash("2026-09-10T04:00:00Z");
    expect(offPeak).toMatchObject({ tier: "off-peak", since: "2026-09-10T04:00:00Z" });
    expect(offPeak.prices.cacheHitInput).toBeCloseTo(0.003, 10);
    expect(offPeak.prices.cacheMissInput).toBeCloseTo(0.15, 10);
    expect(offPeak.prices.output).toBeCloseTo(0.6, 10);
    expect(flash("2026-09-10T06:00:00Z")).toMatchObject({ tier: "peak", prices: { cacheHitInput: 0.006, cacheMissInput: 0.3, output: 1.2 } });
    for (const at of ["2026-09-10T03:59:00Z", "2026-09-10T06:00:00Z"]) {
      expect(pro(at).prices, at).toEqual({ cacheHitInput: 0.044, cacheMissInput: 1.32, output: 3.96 });
    }
  });

  it("treats anything before the first period as launch prices", () => {
    expect(periodAt(DEEPSEEK_PRICE_HISTORY, new Date("2026-01-01T00:00:00Z")).from).toBe("2026-04-24T00:00:00Z");
  });
});

describe("peak hours (Tuesday 2026-11-24)", () => {
  it.each([
    ["00:59", "off-peak"],
    ["01:00", "peak"],
    ["03:59", "peak"],
    ["04:00", "off-peak"],
    ["05:59", "off-peak"],
    ["06:00", "peak"],
    ["09:59", "peak"],
    ["10:00", "off-peak"],
  ] as const)("%s UTC is %s", (time, tier) => {
    expect(flash(`2026-11-24T${time}:00Z`).tier).toBe(tier);
  });

  it("do not apply at weekends", () => {
    expect(flash("2026-11-28T02:30:00Z").tier).toBe("off-peak"); // Saturday
    expect(flash("2026-11-29T07:00:00Z").tier).toBe("off-peak"); // Sunday
  });
});

describe("Chinese public holidays", () => {
  it("are off-peak all day, weekday or not", () => {
    // National Day, a Thursday, at 02:00 UTC (10:00 in Beijing).
    const holiday = flash("2026-10-01T02:00:00Z");
    expect(holiday.tier).toBe("off-peak");
    expect(holiday.prices.cacheMissInput).toBeCloseTo(0.15, 10);
    expect(flash("2026-10-07T09:59:00Z").tier).toBe("off-peak"); // the break's last day, a Wednesday
    expect(flash("2026-09-25T01:00:00Z").tier).toBe("off-peak"); // Mid-Autumn, a Friday
  });

  it("end with the break: the days around it are ordinary weekdays", () => {
    expect(flash("2026-09-24T01:00:00Z").tier).toBe("peak"); // Thursday before Mid-Autumn
    expect(flash("2026-10-08T01:00:00Z").tier).toBe("peak"); // Thursday after National Day
  });

  it("can be replaced by a configured list (OFF_PEAK_DAYS)", () => {
    const configured = new Set(["2026-11-24"]);
    expect(flash("2026-11-24T02:30:00Z", configured).tier).toBe("off-peak");
    // The built-in list no longer applies.
    expect(flash("2026-10-01T02:00:00Z", configured).tier).toBe("peak");
  });
});

describe("a peak Flash answer", () => {
  it("costs V4.1 Flash's prices: 0.006/M cached, 0.30/M input, 1.20/M output", () => {
    const quote = flash("2026-11-24T02:30:00Z");
    const cost = computeCost(
      { inputTokens: 2_000_000, cacheHitTokens: 1_000_000, cacheMissTokens: 1_000_000, outputTokens: 1_000_000, reasoningTokens: 0 },
      quote.prices,
    );
    expect(cost.cacheHitUsd).toBeCloseTo(0.006, 10);
    expect(cost.cacheMissUsd).toBeCloseTo(0.3, 10);
    expect(cost.outputUsd).toBeCloseTo(1.2, 10);
  });
});
