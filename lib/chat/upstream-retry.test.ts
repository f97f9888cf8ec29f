import { describe, expect, it } from "vitest";
import { ChatError } from "@/lib/errors";
import { retryDelayMs, UPSTREAM_RETRY } from "./upstream-retry";

const rateLimit = (seconds?: number) => new ChatError("rate_limit:model", "429", seconds === undefined ? {} : { retryAfterSeconds: seconds });
const low = () => 0;
const high = () => 1; // the upper bound (Math.random stays below it)

describe("retryDelayMs", () => {
  it("waits at least the retry-after of a 429, and at most a quarter more", () => {
    expect(retryDelayMs(rateLimit(1), 1, low)).toBe(1000);
    expect(retryDelayMs(rateLimit(1), 1, high)).toBe(1250);
    expect(retryDelayMs(rateLimit(4), 2, low)).toBe(4000);
  });

  it("leaves a long retry-after to the person (countdown), and stops after the last attempt", () => {
    expect(retryDelayMs(rateLimit(30), 1, low)).toBeNull();
    expect(retryDelayMs(rateLimit(1), UPSTREAM_RETRY.attempts, low)).toBeNull();
  });

  it("backs off exponentially with jitter for 503 and an unreachable upstream", () => {
    const overloaded = new ChatError("overloaded:model", "503");
    const offline = new ChatError("offline:model", "refused");
    expect(retryDelayMs(overloaded, 1, low)).toBe(500);
    expect(retryDelayMs(overloaded, 1, high)).toBe(1000);
    expect(retryDelayMs(offline, 2, low)).toBe(1000);
    expect(retryDelayMs(offline, 2, high)).toBe(2000);
  });

  it("does not retry what a retry cannot fix", () => {
    for (const code of ["unauthorized:model", "payment_required:model", "bad_request:model", "context_too_long:model", "upstream:model", "interrupted:model"] as const) {
      expect(retryDelayMs(new ChatError(code, "no"), 1, low)).toBeNull();
    }
  });
});
