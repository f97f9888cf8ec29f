import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { DEFAULT_OUTPUT_CAPS, DEFAULT_UPSTREAM_TIMEOUTS, outputCapsFrom, outputTokenCap, upstreamTimeoutsFrom } from "./limits";
import { resolveMode } from "./modes";

const MILLION = 1_048_576;

describe("output caps", () => {
  it("default to 32K, 64K and 256K, below the models' 384K", () => {
    expect(DEFAULT_OUTPUT_CAPS).toEqual({ "non-think": 32_768, "think-high": 65_536, "think-max": 262_144 });
    expect(outputCapsFrom(parseEnv({}))).toEqual(DEFAULT_OUTPUT_CAPS);
    for (const mode of ["non-think", "think-high", "think-max"] as const) {
      expect(outputTokenCap({ caps: DEFAULT_OUTPUT_CAPS, model: "pro", mode, contextWindow: MILLION })).toBe(DEFAULT_OUTPUT_CAPS[mode]);
    }
  });

  it("come from MAX_OUTPUT_TOKENS_* settings, which must be positive whole numbers", () => {
    const settings = parseEnv({ MAX_OUTPUT_TOKENS_NON_THINK: "8000", MAX_OUTPUT_TOKENS_THINK_HIGH: "16000", MAX_OUTPUT_TOKENS_THINK_MAX: "100000" });
    expect(outputCapsFrom(settings)).toEqual({ "non-think": 8000, "think-high": 16000, "think-max": 100_000 });
    expect(() => parseEnv({ MAX_OUTPUT_TOKENS_THINK_MAX: "0" })).toThrow(/MAX_OUTPUT_TOKENS_THINK_MAX/);
    expect(() => parseEnv({ MAX_OUTPUT_TOKENS_NON_THINK: "lots" })).toThrow(/MAX_OUTPUT_TOKENS_NON_THINK/);
  });

  it("never exceed the model's own 384K, whatever the setting", () => {
    const caps = { ...DEFAULT_OUTPUT_CAPS, "think-max": 1_000_000 };
    expect(outputTokenCap({ caps, model: "flash", mode: "think-max", contextWindow: MILLION })).toBe(384_000);
  });

  it("leave half of a small server's context to the conversation", () => {
    expect(outputTokenCap({ caps: DEFAULT_OUTPUT_CAPS, model: "flash", mode: "think-high", contextWindow: 65_536 })).toBe(32_768);
    // At Think Max's minimum context (384K) the answer may take 192K.
    expect(outputTokenCap({ caps: DEFAULT_OUTPUT_CAPS, model: "flash", mode: "think-max", contextWindow: 393_216 })).toBe(196_608);
  });

  it("follow the mode actually used: Think Max that fell back to Think High gets Think High's cap", () => {
    const mode = resolveMode("think-max", 262_144, 393_216);
    expect(outputTokenCap({ caps: DEFAULT_OUTPUT_CAPS, model: "pro", mode: mode.effective, contextWindow: 262_144 })).toBe(65_536);
  });
});

describe("upstream timeouts", () => {
  it("default to 60 s without a byte and 10 min of keep-alives without data, and can be set", () => {
    expect(DEFAULT_UPSTREAM_TIMEOUTS).toEqual({ idleMs: 60_000, keepAliveLimitMs: 600_000 });
    expect(upstreamTimeoutsFrom(parseEnv({}))).toEqual(DEFAULT_UPSTREAM_TIMEOUTS);
    expect(upstreamTimeoutsFrom(parseEnv({ UPSTREAM_IDLE_TIMEOUT_MS: "5000", UPSTREAM_KEEPALIVE_LIMIT_MS: "90000" }))).toEqual({
      idleMs: 5000,
      keepAliveLimitMs: 90_000,
    });
    expect(() => parseEnv({ UPSTREAM_IDLE_TIMEOUT_MS: "-1" })).toThrow(/UPSTREAM_IDLE_TIMEOUT_MS/);
  });
});
