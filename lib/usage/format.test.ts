import { describe, expect, it } from "vitest";
import { formatCount, formatSeconds, formatTokens, formatUsd, formatWindow } from "./format";

describe("figures in English", () => {
  it("keeps the compact forms", () => {
    expect(formatUsd(0)).toBe("$0");
    expect(formatUsd(0.00005)).toBe("<$0.0001");
    expect(formatUsd(0.004)).toBe("$0.0040");
    expect(formatUsd(0.25)).toBe("$0.250");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatTokens(950)).toBe("950");
    expect(formatTokens(1234)).toBe("1.2K");
    expect(formatTokens(123_456)).toBe("123K");
    expect(formatTokens(2_500_000)).toBe("2.50M");
    expect(formatSeconds(350)).toBe("350 ms");
    expect(formatSeconds(3140)).toBe("3.1 s");
    expect(formatSeconds(125_000)).toBe("2 min 5 s");
    expect(formatWindow(1_048_576)).toBe("1M");
    expect(formatCount(12345)).toBe("12,345");
  });
});

describe("figures in Chinese", () => {
  it("formats numbers, money and durations for zh-CN", () => {
    expect(formatUsd(0.004, "zh")).toBe("$0.0040");
    expect(formatUsd(1234.5, "zh")).toBe("$1,234.50");
    expect(formatTokens(1234, "zh")).toBe("1.2K");
    expect(formatSeconds(3140, "zh")).toBe("3.1秒");
    expect(formatSeconds(350, "zh")).toBe("350毫秒");
    expect(formatSeconds(125_000, "zh")).toBe("2分钟5秒");
    expect(formatCount(12345, "zh")).toBe("12,345");
  });
});
