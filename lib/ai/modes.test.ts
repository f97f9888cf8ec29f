import { describe, expect, it } from "vitest";
import { CATALOGUE, MODEL_KEYS, getModelInfo, isModelKey } from "./catalogue";
import { REASONING_MODES, isReasoningMode, resolveMode } from "./modes";

describe("catalogue", () => {
  it("offers Flash and Pro with a 1M context and 384K output", () => {
    expect(MODEL_KEYS).toEqual(["flash", "pro"]);
    for (const key of MODEL_KEYS) {
      expect(getModelInfo(key).contextWindow).toBe(1_048_576);
      expect(getModelInfo(key).maxOutputTokens).toBe(384_000);
    }
    expect(CATALOGUE.flash.defaultIds.deepseek).toBe("deepseek-flash");
    expect(CATALOGUE.flash.defaultIds.openrouter).toBe("deepseek/deepseek-v4.1-flash");
    expect(CATALOGUE.pro.defaultIds.openrouter).toBe("deepseek/deepseek-v4-pro");
  });

  it("recognises keys and modes", () => {
    expect(isModelKey("pro")).toBe(true);
    expect(isModelKey("deepseek-v4-pro")).toBe(false);
    expect(REASONING_MODES).toEqual(["non-think", "think-high", "think-max"]);
    expect(isReasoningMode("think-max")).toBe(true);
    expect(isReasoningMode("max")).toBe(false);
  });
});

describe("Think Max fallback", () => {
  const min = CATALOGUE.flash.capabilities.thinkMaxMinContext;

  it("keeps Think Max where the backend serves at least 384K", () => {
    expect(resolveMode("think-max", 1_048_576, min)).toEqual({ requested: "think-max", effective: "think-max" });
    expect(resolveMode("think-max", 393_216, min).effective).toBe("think-max");
  });

  it("falls back to Think High below 384K and says why", () => {
    const result = resolveMode("think-max", 262_144, min);
    expect(result.effective).toBe("think-high");
    expect(result.notice).toMatch(/384K.*256K.*Think High/);
  });

  it("leaves the other modes alone on a small server", () => {
    expect(resolveMode("non-think", 32_768, min)).toEqual({ requested: "non-think", effective: "non-think" });
    expect(resolveMode("think-high", 32_768, min).effective).toBe("think-high");
  });
});
