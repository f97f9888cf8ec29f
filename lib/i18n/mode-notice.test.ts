import { describe, expect, it } from "vitest";
import { resolveMode } from "@/lib/ai/modes";
import { parseThinkMaxFallback } from "./mode-notice";

describe("the Think Max fallback notice", () => {
  it("is recognised in the words the server writes", () => {
    const notice = resolveMode("think-max", 262_144, 393_216).notice ?? "";
    expect(parseThinkMaxFallback(notice)).toEqual({ needed: "384", served: "256" });
  });

  it("leaves other notices alone", () => {
    expect(parseThinkMaxFallback("Something else happened.")).toBeNull();
  });
});
