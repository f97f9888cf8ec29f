import { describe, expect, it } from "vitest";
import { splitIntoParts } from "./split";

describe("splitIntoParts", () => {
  it("keeps every character, in order, in parts near the target size, cut at page markers", () => {
    const pages = Array.from({ length: 40 }, (_, index) => `--- Page ${index + 1} of 40 ---\n${"word ".repeat(200)}`);
    const text = pages.join("\n\n");
    const parts = splitIntoParts(text, 40 * 200, 2000);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(parts.length).toBeLessThanOrEqual(6);
    expect(parts.every((part) => part.total === parts.length)).toBe(true);
    expect(parts.map((part) => part.text).join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
    for (const part of parts.slice(1)) expect(part.text.startsWith("--- Page ")).toBe(true);
  });

  it("gives one part when the text fits", () => {
    expect(splitIntoParts("short text", 3, 1000)).toEqual([{ index: 1, total: 1, text: "short text" }]);
  });
});
