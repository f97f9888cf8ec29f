// Where failed sign-ins are counted: in this process (./login-throttle.ts), or in Redis when
// REDIS_URL is set, so that several instances enforce one limit together.
import { sharedRecordFailure, sharedRecordSuccess, sharedSecondsUntilAllowed } from "@/lib/shared-state/login-failures";
import { sharedRedis } from "@/lib/shared-state/redis";
import { MAX_FAILURES, recordFailure, recordSuccess, secondsUntilAllowed, WINDOW_MS } from "./login-throttle";

const rule = { windowMs: WINDOW_MS, maxFailures: MAX_FAILURES };

export async function signInWait(key: string): Promise<number> {
  const redis = sharedRedis();
  return redis ? sharedSecondsUntilAllowed(redis, key, rule) : secondsUntilAllowed(key);
}

export async function signInFailed(key: string): Promise<void> {
  const redis = sharedRedis();
  if (redis) await sharedRecordFailure(redis, key, rule);
  else recordFailure(key);
}

export async function signInSucceeded(key: string): Promise<void> {
  const redis = sharedRedis();
  if (redis) await sharedRecordSuccess(redis, key);
  else recordSuccess(key);
}
