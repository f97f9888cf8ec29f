// Failed sign-ins counted in Redis, so the limit holds however many instances an attacker's
// attempts are spread over. Same rule as lib/auth/login-throttle.ts: after `maxFailures` within
// `windowMs`, attempts wait until the oldest failure leaves the window.
import type { Redis } from "ioredis";
import { PREFIX } from "./redis";

const keyOf = (key: string) => `${PREFIX}login-failures:${encodeURIComponent(key)}`;

export interface FailureRule {
  windowMs: number;
  maxFailures: number;
}

/** Seconds to wait before trying again, or 0 when an attempt may go ahead. */
export async function sharedSecondsUntilAllowed(redis: Redis, key: string, rule: FailureRule, now = Date.now()): Promise<number> {
  const redisKey = keyOf(key);
  const [, oldest] = (await redis
    .multi()
    .zremrangebyscore(redisKey, "-inf", String(now - rule.windowMs))
    .zrange(redisKey, "0", "-1", "WITHSCORES")
    .exec()) as [[null, number], [null, string[]]];
  const times = oldest[1].filter((_, index) => index % 2 === 1).map(Number);
  if (times.length < rule.maxFailures) return 0;
  return Math.ceil((times[0]! + rule.windowMs - now) / 1000);
}

export async function sharedRecordFailure(redis: Redis, key: string, rule: FailureRule, now = Date.now()): Promise<void> {
  const redisKey = keyOf(key);
  await redis
    .multi()
    .zadd(redisKey, now, `${now}-${Math.random().toString(36).slice(2, 8)}`)
    .pexpire(redisKey, rule.windowMs)
    .exec();
}

export async function sharedRecordSuccess(redis: Redis, key: string): Promise<void> {
  await redis.del(keyOf(key));
}
