/**
 * Failed sign-ins, counted per account name and address: after MAX_FAILURES within WINDOW_MS the
 * next attempts are refused until the window passes. Successes never count, so a household
 * signing in often is never locked out, and the answer is the same whether the account exists.
 */
export const WINDOW_MS = 60_000;
export const MAX_FAILURES = 5;
const MAX_KEYS = 10_000; // bound the memory an attacker can make us spend

const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const times = (failures.get(key) ?? []).filter((time) => now - time < WINDOW_MS);
  if (times.length === 0) failures.delete(key);
  else failures.set(key, times);
  return times;
}

export function throttleKey(email: unknown, address: string | null): string {
  return `${typeof email === "string" ? email.trim().toLowerCase() : ""}|${address ?? ""}`;
}

/** Seconds to wait before trying again, or 0 when an attempt may go ahead. */
export function secondsUntilAllowed(key: string, now = Date.now()): number {
  const times = recent(key, now);
  if (times.length < MAX_FAILURES) return 0;
  return Math.ceil((times[0]! + WINDOW_MS - now) / 1000);
}

export function recordFailure(key: string, now = Date.now()): void {
  if (!failures.has(key) && failures.size >= MAX_KEYS) {
    const oldest = failures.keys().next().value;
    if (oldest !== undefined) failures.delete(oldest);
  }
  failures.set(key, [...recent(key, now), now]);
}

export function recordSuccess(key: string): void {
  failures.delete(key);
}
