// Claims on conversations kept in Redis, so that every instance sees them: one answer at a time
// per conversation (per pane in a comparison), and the user's cap on answers at once. Each claim
// expires unless its instance keeps renewing it, so a crashed instance frees its claims by itself.
import type { Redis } from "ioredis";
import { ChatError } from "@/lib/errors";
import { PREFIX } from "./redis";
import { hintText } from "@/lib/error-hints";

/** A claim lives this long without renewal; the holder renews it every third of that. */
export const CLAIM_TTL_MS = 30_000;

const ALL = `${PREFIX}claims`;
const ofUser = (userId: string) => `${PREFIX}claims:user:${encodeURIComponent(userId)}`;

// Atomic check-and-claim. Returns {0} claimed, {1} the conversation is taken, {2, n} the user has
// n answers running (at their cap).
const CLAIM_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return {1, 0} end
local mine = redis.call('ZCARD', KEYS[2])
local cap = tonumber(ARGV[4])
if cap >= 0 and mine >= cap then return {2, mine} end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return {0, 0}
`;

export interface SharedClaim {
  release(): Promise<void>;
}

const held = new Map<string, string>(); // claim key → user key
let renewal: NodeJS.Timeout | undefined;

function renewHeld(redis: Redis): void {
  if (renewal) return;
  renewal = setInterval(() => {
    if (held.size === 0) return;
    const expiry = Date.now() + CLAIM_TTL_MS;
    const pipeline = redis.pipeline();
    for (const [key, userKey] of held) {
      pipeline.zadd(ALL, "XX", expiry, key);
      pipeline.zadd(userKey, "XX", expiry, key);
    }
    pipeline.exec().catch((error: unknown) => console.error("[shared-state] renewing claims failed", error));
  }, CLAIM_TTL_MS / 3);
  renewal.unref();
}

/**
 * Claims `key` (`userId:conversationId[:lane]`) across every instance, or throws the same
 * ChatErrors as the in-process registry: 409 when taken, 429 at the user's cap.
 */
export async function claimShared(
  redis: Redis,
  { key, userId, lane, maxForUser }: { key: string; userId: string; lane?: number; maxForUser: number | null | undefined },
): Promise<SharedClaim> {
  const now = Date.now();
  const userKey = ofUser(userId);
  const [outcome, count] = (await redis.eval(CLAIM_SCRIPT, 2, ALL, userKey, key, now, now + CLAIM_TTL_MS, maxForUser ?? -1)) as [number, number];
  if (outcome === 1) {
    throw new ChatError(
      "conflict:chat",
      lane === undefined
        ? "An answer is still being written in this conversation. Stop it or wait for it to finish."
        : "This pane is still writing its answer. Stop it or wait for it to finish.",
    );
  }
  if (outcome === 2) {
    throw new ChatError("rate_limit:limits", `You have ${count} answers being written already (your limit is ${maxForUser}).`, {
      hint: hintText("finishOrStop"),
      retryAfterSeconds: 5,
    });
  }
  held.set(key, userKey);
  renewHeld(redis);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      held.delete(key);
      await redis.multi().zrem(ALL, key).zrem(userKey, key).exec();
    },
  };
}
