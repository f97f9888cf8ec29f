import type { ChatError } from "@/lib/errors";

/**
 * When an answer that has not shown a single token may be asked for again by itself: a rate
 * limit with a short retry-after, an overloaded upstream (503), or an upstream that could not be
 * reached. Bounded and jittered, so a crowd of answers does not come back in one wave. Once
 * anything has been shown, nothing is retried: the person decides.
 */
export const UPSTREAM_RETRY = {
  /** Attempts in all, the first included. */
  attempts: 3,
  baseDelayMs: 1000,
  /** A retry-after longer than this is the person's call: the answer ends with a countdown. */
  maxWaitMs: 10_000,
} as const;

/** How long to wait before attempt `failedAttempt + 1`, or null when the failure is final. */
export function retryDelayMs(error: ChatError, failedAttempt: number, random: () => number = Math.random): number | null {
  if (failedAttempt >= UPSTREAM_RETRY.attempts) return null;
  const backoff = UPSTREAM_RETRY.baseDelayMs * 2 ** (failedAttempt - 1);
  switch (error.code) {
    case "rate_limit:model": {
      const asked = (error.retryAfterSeconds ?? backoff / 1000) * 1000;
      if (asked > UPSTREAM_RETRY.maxWaitMs) return null;
      // Never earlier than asked; up to a quarter later, to spread the herd.
      return Math.round(asked * (1 + random() / 4));
    }
    case "overloaded:model":
    case "offline:model": {
      const asked = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : undefined;
      if (asked !== undefined && asked > UPSTREAM_RETRY.maxWaitMs) return null;
      // "Full jitter" between half and the whole backoff, or the asked wait plus a little.
      return Math.round(asked !== undefined ? asked * (1 + random() / 4) : backoff * (0.5 + random() / 2));
    }
    default:
      return null;
  }
}
