import { describe, expect, it } from "vitest";
import { recordFailure, recordSuccess, secondsUntilAllowed, throttleKey } from "./login-throttle";

describe("failed sign-ins", () => {
  it("lock an account name and address after five failures within a minute, until the minute passes", () => {
    const key = throttleKey(" Ada@Example.com ", "10.0.0.7");
    const start = 1_000_000;
    for (let i = 0; i < 4; i += 1) recordFailure(key, start + i * 1000);
    expect(secondsUntilAllowed(key, start + 4000)).toBe(0);
    recordFailure(key, start + 4000);
    expect(secondsUntilAllowed(key, start + 5000)).toBe(55);
    // Another address, or another account name, is not affected.
    expect(secondsUntilAllowed(throttleKey("ada@example.com", "10.0.0.8"), start + 5000)).toBe(0);
    expect(secondsUntilAllowed(throttleKey("bob@example.com", "10.0.0.7"), start + 5000)).toBe(0);
    // The same name in another case is the same account.
    expect(secondsUntilAllowed(throttleKey("ADA@example.com", "10.0.0.7"), start + 5000)).toBe(55);
    expect(secondsUntilAllowed(key, start + 60_001)).toBe(0);
  });

  it("forget the failures after a success", () => {
    const key = throttleKey("carol@example.com", null);
    for (let i = 0; i < 5; i += 1) recordFailure(key, 2_000_000);
    expect(secondsUntilAllowed(key, 2_000_001)).toBeGreaterThan(0);
    recordSuccess(key);
    expect(secondsUntilAllowed(key, 2_000_002)).toBe(0);
  });
});
